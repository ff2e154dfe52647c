using System.Globalization;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Operation;

/// <summary>A fault in the words of a scenario file: <c>leak, target: bottle, value: 0.05</c>.</summary>
public static class FaultLabel
{
    public static string Of(FaultSpec fault, bool withValue)
    {
        var text = FaultNames.ToName(fault.Kind);
        if (fault.Target != FaultTarget.None)
        {
            text += ", target: " + FaultNames.ToName(fault.Target);
        }

        if (withValue && fault.Kind is FaultKind.Leak or FaultKind.SensorDrift)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", value: {fault.Value:0.###}");
        }
        else if (withValue && fault.Kind == FaultKind.LoopStall)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", value: {fault.Value * 1000:0}ms");
        }

        return text;
    }

    /// <summary>Short form for tables: <c>leak bottle 0.05</c>.</summary>
    public static string Short(FaultSpec fault)
    {
        var text = FaultNames.ToName(fault.Kind);
        if (fault.Target != FaultTarget.None)
        {
            text += " " + FaultNames.ToName(fault.Target);
        }

        return fault.Kind switch
        {
            FaultKind.Leak => text + string.Create(CultureInfo.InvariantCulture, $" C {fault.Value:0.###}"),
            FaultKind.SensorDrift => text + string.Create(CultureInfo.InvariantCulture, $" {fault.Value:+0.###;-0.###} MPa"),
            FaultKind.LoopStall => text + string.Create(CultureInfo.InvariantCulture, $" {fault.Value * 1000:0} ms"),
            _ => text,
        };
    }
}
