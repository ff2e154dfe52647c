using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>A coil or motor contactor wired into the plant.</summary>
internal sealed class SimulatedCoil(SprayPlant plant, PlantCoil coil) : IDigitalOutput
{
    public bool IsEnergized => plant.CoilEnergized(coil);

    public void Write(bool energized) => plant.SetCoil(coil, energized);
}
