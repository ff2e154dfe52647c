using System.Diagnostics;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// Start and end timestamps of every tick of one loop run, written by the tick into preallocated
/// arrays (no allocation, no lock), and the same tick work for every loop under test: the control
/// step on the next recorded input.
/// </summary>
internal sealed class LoopTrace
{
    private readonly RecordedSession.Replay _work;
    private readonly long[] _starts;
    private readonly long[] _ends;

    public LoopTrace(RecordedSession.Replay work, int ticks, double rateHz)
    {
        _work = work;
        _starts = new long[ticks];
        _ends = new long[ticks];
        PeriodTicks = (long)Math.Round(Stopwatch.Frequency / rateHz);
    }

    public long PeriodTicks { get; }

    /// <summary>The first deadline: one period after the loop was started.</summary>
    public long FirstDeadline { get; set; }

    public int Count { get; private set; }

    public bool Full => Count == _starts.Length;

    public ReadOnlySpan<long> Starts => _starts.AsSpan(0, Count);
    public ReadOnlySpan<long> Ends => _ends.AsSpan(0, Count);

    /// <summary>One tick: records when it started, runs the step, records when it ended. False once full.</summary>
    public bool Tick(long start)
    {
        _starts[Count] = start;
        _ = _work.Step();
        _ends[Count] = Stopwatch.GetTimestamp();
        return ++Count < _starts.Length;
    }

    /// <summary>Replaces the end of the last tick with the time the loop itself took as its end.</summary>
    public void CorrectLastEnd(long end)
    {
        if (Count > 0 && end > 0)
        {
            _ends[Count - 1] = end;
        }
    }
}
