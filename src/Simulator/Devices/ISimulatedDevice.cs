using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>A board whose device is the simulated plant: testers can reach the plant behind it.</summary>
public interface ISimulatedDevice : IDeviceBoard
{
    /// <summary>The plant. Touch it only from the loop thread (or when no loop runs); others use <see cref="Post"/>.</summary>
    SprayPlant Plant { get; }

    /// <summary>Queues a tester's action; it takes effect at the start of the next tick. Thread-safe.</summary>
    void Post(PlantCommand command);
}
