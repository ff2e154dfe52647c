using System.Diagnostics;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The waiting part of <c>LoopScheduler</c> as it was before issue 7 (commit 37b4afe), kept here
/// so that every report measures "before" and "after" side by side on the same machine, in the
/// same run. It sleeps with <see cref="Thread.Sleep(TimeSpan)"/>, which truncates to whole
/// milliseconds, and spins the rest: at 500 Hz that is a 1 ms sleep and ~0.8 ms of spinning per
/// tick; at 1 kHz a Sleep(0) and a spin through the whole period.
/// </summary>
internal sealed class LegacyLoopScheduler(double rateHz, double spinMicroseconds = 200.0)
{
    private readonly long _period = (long)Math.Round(Stopwatch.Frequency / rateHz);
    private readonly long _spin = (long)(spinMicroseconds * 1e-6 * Stopwatch.Frequency);

    /// <summary>The first deadline of the last run.</summary>
    public long FirstDeadline { get; private set; }

    /// <summary>
    /// Calls <paramref name="tick"/> at every deadline until it returns false, and tells
    /// <paramref name="ended"/> the end of each tick as the scheduler takes it.
    /// </summary>
    public void Run(Func<long, bool> tick, Action<long> ended)
    {
        var next = Stopwatch.GetTimestamp() + _period;
        FirstDeadline = next;
        while (true)
        {
            WaitUntil(next);
            var more = tick(Stopwatch.GetTimestamp());
            var end = Stopwatch.GetTimestamp();
            ended(end);
            if (!more)
            {
                return;
            }

            next += _period;
            if (end >= next + _period)
            {
                next += (end - next) / _period * _period;
            }
        }
    }

    private void WaitUntil(long deadline)
    {
        var remaining = deadline - Stopwatch.GetTimestamp();
        if (remaining > _spin)
        {
            Thread.Sleep(TimeSpan.FromSeconds((double)(remaining - _spin) / Stopwatch.Frequency));
        }

        while (Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(20);
        }
    }
}
