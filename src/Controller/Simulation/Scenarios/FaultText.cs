using System.Globalization;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>A fault written back the way a scenario file names it.</summary>
internal static class FaultText
{
    public static string Describe(FaultKind kind, FaultTarget target, double value)
    {
        var text = FaultNames.ToName(kind);
        if (target != FaultTarget.None)
        {
            text += " " + FaultNames.ToName(target);
        }

        if (kind == FaultKind.LoopStall)
        {
            text += " " + DurationText.Format(value);
        }
        else if (value != 0)
        {
            text += " " + value.ToString("0.####", CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>Whether the fault has a size (<c>value</c>) at all; for the others a value is a mistake in the file.</summary>
    public static bool TakesValue(FaultKind kind) => kind is FaultKind.SensorDrift or FaultKind.Leak or FaultKind.LoopStall;

    /// <summary>
    /// Whether a target fits a fault that is being cleared. <see cref="FaultSpec.Problem"/> also
    /// checks the fault's size, which a clear does not have, so it is asked about one of a valid size.
    /// </summary>
    public static string? TargetProblem(FaultKind kind, FaultTarget target)
    {
        if (target == FaultTarget.None)
        {
            return null;
        }

        var validSize = kind switch
        {
            FaultKind.Leak => 0.1,
            FaultKind.LoopStall => 1.0,
            _ => 0.0,
        };
        return new FaultSpec(kind, target, validSize).Problem();
    }
}
