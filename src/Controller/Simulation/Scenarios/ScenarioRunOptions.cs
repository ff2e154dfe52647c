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

    /// <summary>Stops the run (Ctrl+C) within a simulated second or a paced sleep: <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Told the virtual time and the device state every simulated half second (progress for a watching tester).</summary>
    public Action<double, Core.DeviceState>? Progress { get; init; }
}
