using HydroOxygen.Controller.Core;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>
/// The oracle for one fault injected in one state: the alarm it must raise (or none), the reaction,
/// and the time from the injection by which both must have happened.
/// </summary>
public sealed record Expectation
{
    public AlarmCode? Alarm { get; init; }
    public Reaction Reaction { get; init; }

    /// <summary>From the injection: the alarm raised and the reaction complete, seconds.</summary>
    public double BoundS { get; init; }

    /// <summary>From the injection to the alarm, seconds, where it comes well before the reaction completes; null means <see cref="BoundS"/>.</summary>
    public double? AlarmWithinS { get; init; }

    /// <summary>The technician's pedal must still give a spray: the fault is absorbed, not merely survived.</summary>
    public bool StillSprays { get; init; }

    /// <summary>Alarms that may follow as consequences (supply low before supply lost, …); any other is a failure.</summary>
    public IReadOnlyList<AlarmCode> AlsoAllowed { get; init; } = [];

    /// <summary>Where the expectation comes from (DESIGN section, scenario, setting).</summary>
    public string Why { get; init; } = "";

    /// <summary>For a change to the eye program: the fault itself may drive the hose above the ceiling.</summary>
    public bool CeilingMayBreak { get; init; }

    /// <summary>Set when the combination cannot physically occur: the row is listed, not run.</summary>
    public string? SkipReason { get; init; }

    public bool Skipped => SkipReason is not null;

    public AlarmPriority? Priority => Alarm is { } code ? AlarmCatalog.PriorityOf(code) : null;

    public static Expectation Faults(AlarmCode alarm, double boundS, string why, params AlarmCode[] also) =>
        new() { Alarm = alarm, Reaction = Reaction.Fault, BoundS = boundS, Why = why, AlsoAllowed = also };

    public static Expectation Off(double boundS, string why, AlarmCode? alarm = null, params AlarmCode[] also) =>
        new() { Alarm = alarm, Reaction = Reaction.Off, BoundS = boundS, Why = why, AlsoAllowed = also };

    public static Expectation OffBottleSealed(double boundS, string why, AlarmCode? alarm = null, params AlarmCode[] also) =>
        new() { Alarm = alarm, Reaction = Reaction.OffBottleSealed, BoundS = boundS, Why = why, AlsoAllowed = also };

    public static Expectation StopsSpraying(AlarmCode alarm, double boundS, string why, params AlarmCode[] also) =>
        new() { Alarm = alarm, Reaction = Reaction.StopsSpraying, BoundS = boundS, Why = why, AlsoAllowed = also };

    public static Expectation Continues(AlarmCode? alarm, double boundS, string why, params AlarmCode[] also) =>
        new() { Alarm = alarm, Reaction = Reaction.Continues, BoundS = boundS, Why = why, AlsoAllowed = also };

    public static Expectation Skip(string reason) => new() { SkipReason = reason, Why = reason };
}
