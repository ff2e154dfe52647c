using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Soak;

/// <summary>How long the simulated working day is, how it is sliced for the figures, and what it runs on.</summary>
public sealed record SoakOptions
{
    public double Hours { get; init; } = 10.0;
    public int Seed { get; init; } = 1;
    public SimulatedBackend Backend { get; init; } = SimulatedBackend.Models;

    /// <summary>
    /// The figures (heap, allocations, tick cost) are taken once per period of simulated time: an hour
    /// for the working day, a few minutes for the short CI soak so that it still has periods to compare.
    /// </summary>
    public double PeriodS { get; init; } = 3600.0;

    /// <summary>
    /// A day's worth of gas and liquid: a clinic's large cylinder and a full bottle, because the
    /// simulator has no "change the cylinder / refill the bottle" action and running dry is not what
    /// the soak is about (the campaign covers supply_empty and liquid_empty).
    /// </summary>
    public PlantParameters Plant { get; init; } = PlantParameters.Default with { CylinderContentsL = 6000.0, LiquidMl = 220.0 };
}
