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

    /// <summary>What followed the fault (injected in Ready then); <see cref="Aftermath.None"/> for the fault × state table.</summary>
    public Aftermath Aftermath { get; init; }

    public Expectation Expected => Aftermath == Aftermath.None ? Case.In(State) : Case.After(Aftermath);

    /// <summary>Alarms raised after the injection, in order, from the controller's event log.</summary>
    public IReadOnlyList<AlarmCode> Raised { get; init; } = [];

    /// <summary>From the injection to the expected alarm's event, seconds; NaN if it was not raised.</summary>
    public double AlarmAfterS { get; init; } = double.NaN;

    /// <summary>From the injection to the reaction complete (Fault, Off, spraying stopped), seconds; NaN where the device just carries on.</summary>
    public double SafeAfterS { get; init; } = double.NaN;

    public double PeakPOutTrueMpa { get; init; }
    public double PeakPBottleTrueMpa { get; init; }

    /// <summary>For a change to the eye program: the hose's true peak once the change has had time to vent down, MPa.</summary>
    public double PeakPHoseTrueMpa { get; init; }
    public DeviceState FinalState { get; init; }
    public IReadOnlyList<Violation> Violations { get; init; } = [];

    /// <summary>Each way the run missed its expectation, in words; empty when it passed.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    public double SimulatedS { get; init; }

    public bool Skipped => Expected.Skipped;
    public bool Passed => Skipped || Failures.Count == 0;

    /// <summary>The column: the state injected in, or the aftermath.</summary>
    public string Column => Aftermath == Aftermath.None ? State.ToString() : Aftermath.ToString();

    public override string ToString() =>
        $"{Case.Name} {(Aftermath == Aftermath.None ? "in" : "then")} {Column} ({Backend}): {(Skipped ? "skipped" : Passed ? "pass" : "FAIL: " + string.Join("; ", Failures))}";
}
