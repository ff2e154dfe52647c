using HydroOxygen.Hal;

namespace HydroOxygen.Simulator.Devices;

/// <summary>A switch whose contact the plant decides (pedal with its bounce, power switch, level switch).</summary>
internal sealed class SimulatedSwitch(Func<bool> contact) : IDigitalInput
{
    public bool Read() => contact();
}
