namespace HydroOxygen.Controller.Core;

/// <summary>
/// What a service procedure wants from the outputs this tick: either the regulator holding a
/// setpoint (with the bottle connected or not), or an explicit pattern of valves.
/// </summary>
public readonly record struct ServiceDemand(bool Regulate, double SetpointMpa, bool ChargeOpen, ControlOutputs Manual)
{
    public static ServiceDemand Safe => new(false, 0.0, false, ControlOutputs.Safe);

    public static ServiceDemand Regulating(double setpointMpa, bool chargeOpen = false) => new(true, setpointMpa, chargeOpen, ControlOutputs.Safe);

    public static ServiceDemand Outputs(ControlOutputs outputs) => new(false, 0.0, false, outputs);
}
