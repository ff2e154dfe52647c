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

    /// <summary>A plan's name for people; a configured plan with no entry keeps its configured name.</summary>
    public static string Plan(this IStringLocalizer text, string name)
    {
        var found = text[$"Plan.{name}.Name"];
        return found.ResourceNotFound ? name : found.Value;
    }

    /// <summary>A face region's name for people; a configured region with no entry keeps its configured name.</summary>
    public static string Region(this IStringLocalizer text, string name)
    {
        var found = text[$"Region.{name}"];
        return found.ResourceNotFound ? name : found.Value;
    }

    /// <summary>
    /// A plan step's guide text in the text's language: the step's own (configured) text, else the
    /// string table's for the plan's region (<c>Plan.&lt;plan&gt;.Guide.&lt;region&gt;</c>), else for the region
    /// (<c>Region.&lt;region&gt;.Guide</c>); empty when there is none.
    /// </summary>
    public static string PlanGuide(this IStringLocalizer text, string language, PlanDefinition plan, PlanStepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(step);
        if (step.Guide is { } guide && guide.TryGetValue(language, out var own) && !string.IsNullOrWhiteSpace(own))
        {
            return own;
        }

        var forPlan = text[$"Plan.{plan.Name}.Guide.{step.Region}"];
        if (!forPlan.ResourceNotFound)
        {
            return forPlan.Value;
        }

        var forRegion = text[$"Region.{step.Region}.Guide"];
        return forRegion.ResourceNotFound ? "" : forRegion.Value;
    }

    /// <summary>MPa as a person reads it: two decimals, or three where the value has them (0.305).</summary>
    public static string Mpa(double mpa)
    {
        var rounded = Math.Round(mpa, 3);
        return rounded.ToString(Math.Abs((rounded * 100) - Math.Round(rounded * 100)) > 1e-6 ? "0.000" : "0.00", CultureInfo.InvariantCulture);
    }
}
