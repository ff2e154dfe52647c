using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>What a tester can do to the simulated device from outside the control loop.</summary>
public enum PlantCommandKind : byte
{
    Pedal,
    PowerSwitch,
    InjectFault,
    ClearFault,
}

/// <summary>A tester's action on the plant, queued to be applied at the start of the next tick.</summary>
public readonly record struct PlantCommand(PlantCommandKind Kind, bool On = false, FaultSpec Fault = default)
{
    public static PlantCommand Pedal(bool down) => new(PlantCommandKind.Pedal, down);

    public static PlantCommand PowerSwitch(bool on) => new(PlantCommandKind.PowerSwitch, on);

    public static PlantCommand Inject(FaultSpec fault) => new(PlantCommandKind.InjectFault, Fault: fault);

    public static PlantCommand Clear(FaultKind kind, FaultTarget target = FaultTarget.None) =>
        new(PlantCommandKind.ClearFault, Fault: new FaultSpec(kind, target));
}
