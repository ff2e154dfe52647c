namespace HydroOxygen.Controller.Loop;

/// <summary>
/// Timing statistics of the real-time loop, gathered on the tick without allocating or locking:
/// lateness (how long after its deadline a tick started) in a fixed log-spaced histogram, the
/// measured period, and overruns; for the whole run and for each <see cref="LoopPhase"/> (every
/// tick is in the whole run and in exactly one phase). Only the loop thread writes;
/// <see cref="Snapshot()"/> may be called from any thread and retries on a sequence count rather
/// than mix two ticks (docs/DECISIONS.md).
/// </summary>
public sealed class LoopTiming
{
    /// <summary>A tick later than this is counted by what the loop saw while it waited (<see cref="LateTickCause"/>).</summary>
    public const double LateThresholdUs = 100.0;

    // 1 µs … ~1 s in 1/16-octave buckets: percentiles good to ~4 %, with no allocation per sample.
    private const int BucketsPerOctave = 16;
    private const int Octaves = 20;
    private readonly Statistics _whole = new();
    private readonly Statistics[] _phases = [new(), new(), new()];
    private int _phase;

    /// <summary>Odd while <see cref="Record(double, double, double, bool, int, LateTickCause)"/> is updating, even between updates.</summary>
    private int _sequence;

    public long Ticks => Volatile.Read(ref _whole.Ticks);

    /// <summary>The phase the next ticks are counted in.</summary>
    public LoopPhase Phase => (LoopPhase)Volatile.Read(ref _phase);

    /// <summary>Counts the ticks from now on in <paramref name="phase"/>; any thread may call it.</summary>
    public void EnterPhase(LoopPhase phase)
    {
        if (!Enum.IsDefined(phase))
        {
            throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown loop phase.");
        }

        Volatile.Write(ref _phase, (int)phase);
    }

    public void Record(double latenessUs, double periodUs, double stepUs, bool overrun, int skippedDeadlines) =>
        Record(latenessUs, periodUs, stepUs, overrun, skippedDeadlines, latenessUs > LateThresholdUs ? LateTickCause.Other : LateTickCause.None);

    public void Record(double latenessUs, double periodUs, double stepUs, bool overrun, int skippedDeadlines, LateTickCause cause)
    {
        // A full fence: the updates below must not become visible before the count turns odd.
        Interlocked.Increment(ref _sequence);
        var bucket = Bucket(latenessUs);
        _phases[Volatile.Read(ref _phase)].Add(bucket, latenessUs, periodUs, stepUs, overrun, skippedDeadlines, cause);
        _whole.Add(bucket, latenessUs, periodUs, stepUs, overrun, skippedDeadlines, cause);
        Volatile.Write(ref _sequence, _sequence + 1);
    }

    /// <summary>The whole run.</summary>
    public LoopTimingSnapshot Snapshot() => Consistent(() => _whole.Read());

    /// <summary>The ticks counted in one phase.</summary>
    public LoopTimingSnapshot Snapshot(LoopPhase phase) => Consistent(() => _phases[(int)phase].Read());

    private LoopTimingSnapshot Consistent(Func<LoopTimingSnapshot> read)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                var snapshot = read();
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
    /// the tick, such as the metrics; consistent like <see cref="Snapshot()"/>.
    /// </summary>
    public void CopyLatenessCounts(Span<long> destination)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                _whole.Lateness.AsSpan().CopyTo(destination);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return;
                }
            }

            spin.SpinOnce();
        }
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

    /// <summary>One set of statistics: the whole run, or one phase.</summary>
    private sealed class Statistics
    {
        public readonly long[] Lateness = new long[(BucketsPerOctave * Octaves) + 1];
        public readonly long[] Causes = new long[7];
        public long Ticks;
        private long _overruns;
        private long _skipped;
        private long _periods;
        private double _maxLatenessUs;
        private double _minPeriodUs = double.MaxValue;
        private double _maxPeriodUs;
        private double _maxStepUs;
        private double _sumPeriodUs;

        public void Add(int bucket, double latenessUs, double periodUs, double stepUs, bool overrun, int skippedDeadlines, LateTickCause cause)
        {
            Lateness[bucket]++;
            Causes[(int)cause]++;
            _maxLatenessUs = Math.Max(_maxLatenessUs, latenessUs);
            if (periodUs > 0)
            {
                _minPeriodUs = Math.Min(_minPeriodUs, periodUs);
                _maxPeriodUs = Math.Max(_maxPeriodUs, periodUs);
                _sumPeriodUs += periodUs;
                _periods++;
            }

            _maxStepUs = Math.Max(_maxStepUs, stepUs);
            _overruns += overrun ? 1 : 0;
            _skipped += skippedDeadlines;
            Volatile.Write(ref Ticks, Ticks + 1);
        }

        public LoopTimingSnapshot Read() => new(
            Ticks,
            _overruns,
            _skipped,
            Percentile(0.50),
            Percentile(0.99),
            Percentile(0.999),
            _maxLatenessUs,
            _periods > 0 ? _sumPeriodUs / _periods : 0.0,
            _minPeriodUs == double.MaxValue ? 0.0 : _minPeriodUs,
            _maxPeriodUs,
            _maxStepUs,
            new LateTickCounts(
                Causes[(int)LateTickCause.Behind],
                Causes[(int)LateTickCause.GarbageCollection],
                Causes[(int)LateTickCause.Preempted],
                Causes[(int)LateTickCause.PageFault],
                Causes[(int)LateTickCause.WokeLate],
                Causes[(int)LateTickCause.Other]));

        private double Percentile(double fraction)
        {
            long total = 0;
            foreach (var count in Lateness)
            {
                total += count;
            }

            if (total == 0)
            {
                return 0.0;
            }

            var target = (long)Math.Ceiling(fraction * total);
            long seen = 0;
            for (var i = 0; i < Lateness.Length; i++)
            {
                seen += Lateness[i];
                if (seen >= target)
                {
                    return BucketUpperUs(i);
                }
            }

            return _maxLatenessUs;
        }
    }
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
    double MaxStepUs,
    LateTickCounts LateTicks = default);
