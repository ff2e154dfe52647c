using System.Globalization;
using HydroOxygen.Controller.Core;
using Microsoft.Extensions.Localization;

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// The device's words for its states, gas sources, alarms and programs, keyed by the enum and
/// contract names (<c>State.Ready</c>, <c>Alarm.BottleNotCharging.Remedy</c>), so that a new enum
/// member without its text fails the missing-key test.
/// </summary>
public static class DeviceWords
{
    public static string State(this IStringLocalizer text, DeviceState state) => text["State." + state];

    public static string Gas(this IStringLocalizer text, GasSource source) => text["Gas." + source];

    public static string AlarmName(this IStringLocalizer text, AlarmCode code) => text[$"Alarm.{code}.Name"];

    public static string AlarmMeaning(this IStringLocalizer text, AlarmCode code) => text[$"Alarm.{code}.Meaning"];

    public static string AlarmRemedy(this IStringLocalizer text, AlarmCode code) => text[$"Alarm.{code}.Remedy"];

    /// <summary>A program's name for people; a configured program with no entry keeps its configured name.</summary>
    public static string Program(this IStringLocalizer text, string name)
    {
        var found = text[$"Program.{name}.Name"];
        return found.ResourceNotFound ? name : found.Value;
    }

    /// <summary>A program's description; a configured program with no entry keeps its configured description.</summary>
    public static string ProgramDescription(this IStringLocalizer text, ProgramDefinition program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var found = text[$"Program.{program.Name}.Description"];
        return found.ResourceNotFound ? program.Description : found.Value;
    }

    /// <summary>MPa as a person reads it: two decimals, or three where the value has them (0.305).</summary>
    public static string Mpa(double mpa)
    {
        var rounded = Math.Round(mpa, 3);
        return rounded.ToString(Math.Abs((rounded * 100) - Math.Round(rounded * 100)) > 1e-6 ? "0.000" : "0.00", CultureInfo.InvariantCulture);
    }
}
