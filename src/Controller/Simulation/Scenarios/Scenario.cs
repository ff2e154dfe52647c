using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>A scenario file (DESIGN §3.1) after it has been read and checked: ready to run, nothing left to validate.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    /// <summary>Where it was read from, as the user named it (error and failure reports point into it).</summary>
    public required string SourcePath { get; init; }

    /// <summary>Seed of the plant's noise and bounce; the same seed gives the same trace.</summary>
    public int Seed { get; init; }

    public required double DurationS { get; init; }

    /// <summary>The plant with the file's overrides applied to the defaults.</summary>
    public required PlantParameters Plant { get; init; }

    /// <summary>Steps in time order; steps at the same time keep their order in the file.</summary>
    public required IReadOnlyList<ScenarioStep> Steps { get; init; }

    public required IReadOnlyList<Expectation> Expectations { get; init; }
}
