namespace HydroOxygen.Controller.Core;

/// <summary>
/// What the state asks of the valves this tick: outputs it sets itself, or the manifold regulated
/// to a setpoint with the given outlet valves (the step then runs the gas path and the regulator).
/// </summary>
public readonly record struct ManifoldDemand
{
    /// <summary>The outputs, when the state sets them itself.</summary>
    public ControlOutputs Fixed { get; init; }

    /// <summary>The manifold is regulated to <see cref="SetpointMpa"/>.</summary>
    public bool Regulating { get; init; }

    public double SetpointMpa { get; init; }

    public bool ChargeOpen { get; init; }

    public bool SprayOpen { get; init; }

    /// <summary>The regulator is told the charge valve joins the bottle (it feeds the bottle's draw forward).</summary>
    public bool ChargeJoined { get; init; }

    public static ManifoldDemand Regulate(double setpointMpa, bool charge, bool spray) =>
        new() { Regulating = true, SetpointMpa = setpointMpa, ChargeOpen = charge, SprayOpen = spray, ChargeJoined = charge };

    /// <summary>Outputs the state sets itself.</summary>
    public static implicit operator ManifoldDemand(ControlOutputs outputs) => new() { Fixed = outputs };
}
