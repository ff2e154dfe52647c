using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Soak;

/// <summary>What a soak did, hour by hour, and each way it fell short (empty when it passed).</summary>
public sealed record SoakResult
{
    public required SoakOptions Options { get; init; }
    public required IReadOnlyList<SoakPeriod> Periods { get; init; }
    public double SimulatedS { get; init; }
    public TimeSpan Wall { get; init; }
    public int Sessions { get; init; }
    public int Sprays { get; init; }
    public double SprayedS { get; init; }
    public int FaultsInjected { get; init; }
    public int AlarmsExpected { get; init; }
    public int AlarmsMissed { get; init; }
    public long AlarmsRaised { get; init; }
    public long Acknowledgements { get; init; }
    public IReadOnlyDictionary<AlarmCode, long> AlarmsByCode { get; init; } = new Dictionary<AlarmCode, long>();
    public long InvariantViolations { get; init; }
    public long EventsLogged { get; init; }
    public long EventsDropped { get; init; }
    public double PeakTrueMpa { get; init; }
    public IReadOnlyList<string> Failures { get; init; } = [];

    public bool Passed => Failures.Count == 0;

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"soak ({(Options.Backend == SimulatedBackend.Models ? "models" : "drivers")}, seed {Options.Seed}): {SimulatedS / 3600:F2} simulated hours in {Wall.TotalSeconds:F1} s; " +
        $"{Sessions} sessions, {Sprays} sprays ({SprayedS / 60:F1} min), {FaultsInjected} faults injected, {AlarmsMissed} of {AlarmsExpected} expected alarms missed, " +
        $"{AlarmsRaised} alarms raised, {Acknowledgements} acknowledgements, {InvariantViolations} invariant violations, " +
        $"{EventsDropped} of {EventsLogged} events dropped, peak true pressure {PeakTrueMpa:F3} MPa: {(Passed ? "pass" : "FAIL")}");
}
