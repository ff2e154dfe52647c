using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Reliability.Monitoring;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>What one fault injected in one state did, and whether that met its <see cref="Expectation"/>.</summary>
public sealed record CampaignRow
{
    public required FaultCase Case { get; init; }
    public required DeviceState State { get; init; }
    public required SimulatedBackend Backend { get; init; }
    public Expectation Expected => Case.In(State);

    /// <summary>Alarms raised after the injection, in order, from the controller's event log.</summary>
    public IReadOnlyList<AlarmCode> Raised { get; init; } = [];

    /// <summary>From the injection to the expected alarm's event, seconds; NaN if it was not raised.</summary>
    public double AlarmAfterS { get; init; } = double.NaN;

    /// <summary>From the injection to the reaction complete (Fault, Off, spraying stopped), seconds; NaN where the device just carries on.</summary>
    public double SafeAfterS { get; init; } = double.NaN;

    public double PeakPOutTrueMpa { get; init; }
    public double PeakPBottleTrueMpa { get; init; }
    public DeviceState FinalState { get; init; }
    public IReadOnlyList<Violation> Violations { get; init; } = [];

    /// <summary>Each way the run missed its expectation, in words; empty when it passed.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    public double SimulatedS { get; init; }

    public bool Skipped => Expected.Skipped;
    public bool Passed => Skipped || Failures.Count == 0;

    public override string ToString() =>
        $"{Case.Name} in {State} ({Backend}): {(Skipped ? "skipped" : Passed ? "pass" : "FAIL: " + string.Join("; ", Failures))}";
}
