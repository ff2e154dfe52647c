using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>What to do alongside a run besides judging its expectations.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>Further watchers of every sample (trace writer, plot).</summary>
    public IReadOnlyList<ITraceObserver> Observers { get; init; } = [];

    /// <summary>Where to write the controller's events and the scenario's steps; null to only count them.</summary>
    public TextWriter? EventLog { get; init; }

    /// <summary>Pace virtual time to the wall clock.</summary>
    public bool Realtime { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Simple device models, or the real Raspberry Pi drivers over fake chips.</summary>
    public SimulatedBackend Backend { get; init; } = SimulatedBackend.Models;
}
