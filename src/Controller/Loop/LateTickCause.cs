namespace HydroOxygen.Controller.Loop;

/// <summary>
/// What the loop saw happen while it waited for a late tick (<see cref="LoopTiming.LateThresholdUs"/>),
/// measured on the loop thread itself, first match wins: the tick before it ended after this one's
/// deadline (a late tick's lateness carries over); the runtime collected garbage (every managed
/// thread is held while it does); the thread was preempted (an involuntary context switch); it
/// took page faults; its sleep ended after the deadline with none of those (the kernel ran
/// something else first, or the machine itself was descheduled); none of these.
/// </summary>
public enum LateTickCause
{
    None = 0,
    GarbageCollection = 1,
    Preempted = 2,
    PageFault = 3,
    WokeLate = 4,
    Other = 5,
    Behind = 6,
}

/// <summary>Late ticks (<see cref="LoopTiming.LateThresholdUs"/>) by what the loop saw while it waited.</summary>
public readonly record struct LateTickCounts(long Behind, long GarbageCollection, long Preempted, long PageFault, long WokeLate, long Other)
{
    public long Total => Behind + GarbageCollection + Preempted + PageFault + WokeLate + Other;

    /// <summary>The causes as the controller logs them, e.g. "(1 behind a late tick, …, 0 other)" (the benchmarks parse this wording).</summary>
    public string Breakdown() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"({Behind} behind a late tick, {GarbageCollection} waited through a garbage collection, {Preempted} preempted, {PageFault} page faults, {WokeLate} woke late, {Other} other)");
}
