using HydroOxygen.Controller.Core;
using HydroOxygen.Reliability.Operation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>One fault of the campaign with what it must cause in each state it is injected in.</summary>
public sealed record FaultCase
{
    public required FaultSpec Fault { get; init; }

    /// <summary>The gas the device runs on (compressor faults need the compressor).</summary>
    public GasSource Source { get; init; } = GasSource.Oxygen;

    /// <summary>The working setpoint before the fault, MPa.</summary>
    public double SetpointMpa { get; init; } = 0.45;

    /// <summary>
    /// A setpoint the technician turns down to one second after the fault, for a fault that only shows
    /// when the device must let gas out (the vent); null for none.
    /// </summary>
    public double? LowerSetpointToMpa { get; init; }

    public required IReadOnlyDictionary<DeviceState, Expectation> ByState { get; init; }

    /// <summary>A change to the eye program just after the fault in Ready; null: the Ready row's expectation holds.</summary>
    public Expectation? ProgramChange { get; init; }

    /// <summary>An ending (switch off, or the shutdown asked for) once the fault's reaction in Ready is complete.</summary>
    public required Expectation Ending { get; init; }

    public string Name => FaultLabel.Short(Fault) + (SetpointMpa != 0.45 ? $" @ {SetpointMpa:0.00} MPa" : "")
        + (Source == GasSource.Compressor && Fault.Kind != FaultKind.CompressorFailed ? " (compressor)" : "");

    public Expectation In(DeviceState state) =>
        ByState.TryGetValue(state, out var expectation) ? expectation : throw new InvalidOperationException($"{Name}: no expectation for {state}");

    public Expectation After(Aftermath aftermath) => aftermath switch
    {
        Aftermath.ProgramChangeToEye => ProgramChange ?? In(DeviceState.Ready),
        Aftermath.SwitchOff or Aftermath.ShutdownCommand => Ending,
        _ => In(DeviceState.Ready),
    };
}
