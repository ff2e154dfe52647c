namespace HydroOxygen.Controller.Loop;

/// <summary>
/// Runs a tick at fixed absolute deadlines (<c>next += period</c>, so lateness never accumulates)
/// on the calling thread: it sleeps until shortly before each deadline and spins the rest, because
/// the OS wakes a sleeping thread some tens of microseconds late while a short spin is exact. The
/// sleep has sub-millisecond resolution (<see cref="PreciseSleep"/>): with Thread.Sleep's whole
/// milliseconds the "short" spin was most of the period, which under load is exactly when the
/// thread gets preempted. A sleep ends late when the kernel runs something else first, so the loop
/// thread also asks for the normal scheduler's highest priority (<see cref="LoopThreadPriority"/>).
/// </summary>
/// <remarks>
/// A tick that starts more than one period late is an overrun; the consecutive-overrun count is
/// handed to the tick so the safety supervisor can act on it. If the loop falls so far behind that
/// whole deadlines have passed, it does not try to catch up with a burst of ticks (the control step
/// measures the real interval instead): it runs one tick at once for the latest deadline passed,
/// counts the ones before it as skipped, and carries on from there on the original grid.
/// </remarks>
public sealed class LoopScheduler
{
    private readonly TimeProvider _clock;
    private readonly long _period;
    private readonly long _spin;
    private readonly bool _raisePriority;

    /// <param name="spinMicroseconds">How long before a deadline to stop sleeping and start spinning.</param>
    /// <param name="raisePriority">Whether the loop thread asks for nice −20 (<see cref="LoopThreadPriority"/>).</param>
    public LoopScheduler(TimeProvider clock, double rateHz, double spinMicroseconds = 200.0, bool raisePriority = true)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!(rateHz is > 0 and <= 20_000))
        {
            throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, "Loop rate must be within 0–20000 Hz.");
        }

        _clock = clock;
        _period = (long)Math.Round(clock.TimestampFrequency / rateHz);
        _spin = (long)(spinMicroseconds * 1e-6 * clock.TimestampFrequency);
        _raisePriority = raisePriority;
        Timing = new LoopTiming();
    }

    public LoopTiming Timing { get; }

    /// <summary>The loop thread's nice value once <see cref="Run"/> has started (null: not Linux, or a real-time thread).</summary>
    public int? ThreadNice { get; private set; }

    public double PeriodSeconds => (double)_period / _clock.TimestampFrequency;

    /// <summary>
    /// Calls <paramref name="tick"/> at every deadline until <paramref name="stop"/> is signalled.
    /// The tick receives the timestamp at which it actually started (so the control step integrates
    /// over the real interval) and the number of consecutive overruns.
    /// </summary>
    public void Run(Action<long, int> tick, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(tick);
        _ = PreciseSleep.PrepareCurrentThread();
        ThreadNice = _raisePriority ? LoopThreadPriority.TryRaiseCurrentThread() : null;
        var frequency = (double)_clock.TimestampFrequency;
        var next = _clock.GetTimestamp() + _period;
        var previousStart = 0L;
        var previousEnd = 0L;
        var consecutiveOverruns = 0;
        while (!stop.IsCancellationRequested)
        {
            // Read before every wait (one getrusage and the GC counters, under 1 µs: <0.05 % of a core at 500 Hz):
            // a late tick's cause is what changed while it waited, which nothing can tell afterwards.
            var beforeWait = WaitCounters.Read();
            var sleptUntil = WaitUntil(next);
            var start = _clock.GetTimestamp();
            var lateness = start - next;
            var overrun = lateness > _period;
            consecutiveOverruns = overrun ? consecutiveOverruns + 1 : 0;

            var latenessUs = lateness * 1e6 / frequency;
            var cause = latenessUs > LoopTiming.LateThresholdUs
                ? WaitCounters.Read().CauseSince(beforeWait, previousEnd > next, sleptUntil > next)
                : LateTickCause.None;

            tick(start, consecutiveOverruns);

            var end = _clock.GetTimestamp();
            var skipped = 0;
            next += _period;
            if (end >= next + _period)
            {
                // Far behind: resume at the latest deadline passed instead of bursting through all of them.
                var behind = (end - next) / _period;
                skipped = (int)Math.Min(behind, int.MaxValue);
                next += behind * _period;
            }

            Timing.Record(
                latenessUs,
                previousStart == 0 ? 0.0 : (start - previousStart) * 1e6 / frequency,
                (end - start) * 1e6 / frequency,
                overrun,
                skipped,
                cause);
            previousStart = start;
            previousEnd = end;
        }
    }

    /// <returns>When the last sleep returned (0: it did not sleep): after the deadline means the sleep itself ended late.</returns>
    private long WaitUntil(long deadline)
    {
        // In a loop: a sleep can end early (a signal), and whatever is left above the spin window
        // is slept again rather than spun.
        var sleptUntil = 0L;
        var remaining = deadline - _clock.GetTimestamp();
        while (remaining > _spin)
        {
            PreciseSleep.For(remaining - _spin, _clock.TimestampFrequency);
            sleptUntil = _clock.GetTimestamp();
            remaining = deadline - sleptUntil;
        }

        while (_clock.GetTimestamp() < deadline)
        {
            // Spin without yielding the core: SpinWait's sleep(0)/sleep(1) fallbacks would throw
            // away the precision the spin is for.
            Thread.SpinWait(20);
        }

        return sleptUntil;
    }

    /// <summary>What the runtime and the kernel counted for the loop thread: read before every wait, and after a late one.</summary>
    private readonly record struct WaitCounters(int Collections, TimeSpan GcPauses, ThreadActivity Thread, bool HasThread)
    {
        public static WaitCounters Read()
        {
            var hasThread = ThreadActivity.TryRead(out var thread);
            return new WaitCounters(GC.CollectionCount(0), GC.GetTotalPauseDuration(), thread, hasThread);
        }

        /// <summary>What happened since <paramref name="before"/>, first match wins (<see cref="LateTickCause"/>).</summary>
        public LateTickCause CauseSince(WaitCounters before, bool previousEndedLate, bool sleepEndedLate)
        {
            if (previousEndedLate)
            {
                return LateTickCause.Behind;
            }

            if (Collections != before.Collections || GcPauses != before.GcPauses)
            {
                return LateTickCause.GarbageCollection;
            }

            if (HasThread && before.HasThread && Thread.InvoluntarySwitches != before.Thread.InvoluntarySwitches)
            {
                return LateTickCause.Preempted;
            }

            if (HasThread && before.HasThread && Thread.PageFaults != before.Thread.PageFaults)
            {
                return LateTickCause.PageFault;
            }

            return sleepEndedLate ? LateTickCause.WokeLate : LateTickCause.Other;
        }
    }
}
