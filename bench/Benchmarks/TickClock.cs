using System.Diagnostics;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The system clock, handed to <c>LoopScheduler</c> so that the benchmark sees the scheduler's own
/// timestamps: its first reading is where its deadline grid starts, and the first reading after a
/// tick returns is the tick's end as the scheduler judges it (when deciding to skip deadlines).
/// The trace's bookkeeping then matches the scheduler's exactly rather than to within a few µs.
/// </summary>
internal sealed class TickClock : TimeProvider
{
    private bool _tickReturned;

    public long FirstReading { get; private set; }

    public long LastTickEnd { get; private set; }

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp()
    {
        var now = Stopwatch.GetTimestamp();
        if (FirstReading == 0)
        {
            FirstReading = now;
        }

        if (_tickReturned)
        {
            _tickReturned = false;
            LastTickEnd = now;
        }

        return now;
    }

    /// <summary>Called as the tick returns: the next reading is the scheduler's end-of-tick timestamp.</summary>
    public void TickReturning() => _tickReturned = true;
}
