namespace HydroOxygen.Controller.Loop;

/// <summary>
/// Timing statistics of the real-time loop, gathered on the tick without allocating or locking:
/// lateness (how long after its deadline a tick started) in a fixed log-spaced histogram, the
/// measured period, and overruns. Only the loop thread writes; <see cref="Snapshot"/> may be called
/// from any thread and retries on a sequence count rather than mix two ticks (docs/DECISIONS.md).
/// </summary>
public sealed class LoopTiming
{
    // 1 µs … ~1 s in 1/16-octave buckets: percentiles good to ~4 %, with no allocation per sample.
    private const int BucketsPerOctave = 16;
    private const int Octaves = 20;
    private readonly long[] _lateness = new long[(BucketsPerOctave * Octaves) + 1];
    private long _ticks;
    private long _overruns;
    private long _skipped;
    private double _maxLatenessUs;
    private double _minPeriodUs = double.MaxValue;
    private double _maxPeriodUs;
    private double _maxStepUs;
    private double _sumPeriodUs;

    /// <summary>Odd while <see cref="Record"/> is updating, even between updates.</summary>
    private int _sequence;

    public long Ticks => Volatile.Read(ref _ticks);

    public void Record(double latenessUs, double periodUs, double stepUs, bool overrun, int skippedDeadlines)
    {
        // A full fence: the updates below must not become visible before the count turns odd.
        Interlocked.Increment(ref _sequence);
        _lateness[Bucket(latenessUs)]++;
        _maxLatenessUs = Math.Max(_maxLatenessUs, latenessUs);
        if (periodUs > 0)
        {
            _minPeriodUs = Math.Min(_minPeriodUs, periodUs);
            _maxPeriodUs = Math.Max(_maxPeriodUs, periodUs);
            _sumPeriodUs += periodUs;
        }

        _maxStepUs = Math.Max(_maxStepUs, stepUs);
        _overruns += overrun ? 1 : 0;
        _skipped += skippedDeadlines;
        Volatile.Write(ref _ticks, _ticks + 1);
        Volatile.Write(ref _sequence, _sequence + 1);
    }

    public LoopTimingSnapshot Snapshot()
    {
        var spin = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                var snapshot = Read();
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return snapshot;
                }
            }

            spin.SpinOnce();
        }
    }

    /// <summary>Number of lateness buckets (<see cref="CopyLatenessCounts"/>).</summary>
    public static int LatenessBucketCount => (BucketsPerOctave * Octaves) + 1;

    /// <summary>The upper edge of a lateness bucket, µs.</summary>
    public static double LatenessBucketUpperUs(int bucket) => BucketUpperUs(bucket);

    /// <summary>
    /// Copies the lateness histogram's counts (ticks per bucket since the start) for a reader off
    /// the tick, such as the metrics; consistent like <see cref="Snapshot"/>.
    /// </summary>
    public void CopyLatenessCounts(Span<long> destination)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                _lateness.AsSpan().CopyTo(destination);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return;
                }
            }

            spin.SpinOnce();
        }
    }

    private LoopTimingSnapshot Read()
    {
        var ticks = _ticks;
        return new LoopTimingSnapshot(
            ticks,
            _overruns,
            _skipped,
            Percentile(0.50),
            Percentile(0.99),
            Percentile(0.999),
            _maxLatenessUs,
            ticks > 1 ? _sumPeriodUs / (ticks - 1) : 0.0,
            _minPeriodUs == double.MaxValue ? 0.0 : _minPeriodUs,
            _maxPeriodUs,
            _maxStepUs);
    }

    private double Percentile(double fraction)
    {
        long total = 0;
        foreach (var count in _lateness)
        {
            total += count;
        }

        if (total == 0)
        {
            return 0.0;
        }

        var target = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var i = 0; i < _lateness.Length; i++)
        {
            seen += _lateness[i];
            if (seen >= target)
            {
                return BucketUpperUs(i);
            }
        }

        return _maxLatenessUs;
    }

    private static int Bucket(double us)
    {
        if (!(us > 1.0))
        {
            return 0;
        }

        var index = (int)(Math.Log2(us) * BucketsPerOctave) + 1;
        return Math.Min(index, BucketsPerOctave * Octaves);
    }

    private static double BucketUpperUs(int bucket) => bucket == 0 ? 1.0 : Math.Pow(2.0, (double)bucket / BucketsPerOctave);
}

/// <summary>Loop timing at one moment. Lateness and periods in microseconds.</summary>
public readonly record struct LoopTimingSnapshot(
    long Ticks,
    long Overruns,
    long SkippedDeadlines,
    double LatenessP50Us,
    double LatenessP99Us,
    double LatenessP999Us,
    double LatenessMaxUs,
    double MeanPeriodUs,
    double MinPeriodUs,
    double MaxPeriodUs,
    double MaxStepUs);
