using System.Diagnostics;

namespace HydroOxygen.Reliability.Soak;

/// <summary>
/// Wall-clock cost of each simulated tick (controller step plus plant), kept in a fixed histogram of
/// 1 µs buckets so that measuring it allocates nothing and does not itself make the heap drift.
/// </summary>
public sealed class TickCostMeter
{
    private const int Buckets = 2000;
    private readonly long[] _histogram = new long[Buckets + 1];
    private long _count;
    private long _sumTicks;
    private long _maxTicks;

    public long Count => _count;

    public double MeanMicroseconds => _count == 0 ? 0.0 : ToMicroseconds(_sumTicks) / _count;

    public double MaxMicroseconds => ToMicroseconds(_maxTicks);

    public void Add(long stopwatchTicks)
    {
        _count++;
        _sumTicks += stopwatchTicks;
        _maxTicks = Math.Max(_maxTicks, stopwatchTicks);
        _histogram[(int)Math.Min(Buckets, ToMicroseconds(stopwatchTicks))]++;
    }

    /// <summary>The cost below which <paramref name="fraction"/> of the ticks fall, to the microsecond.</summary>
    public double Percentile(double fraction)
    {
        var wanted = (long)Math.Ceiling(_count * fraction);
        long seen = 0;
        for (var i = 0; i <= Buckets; i++)
        {
            seen += _histogram[i];
            if (seen >= wanted && wanted > 0)
            {
                return i + 1;
            }
        }

        return 0.0;
    }

    public void Reset()
    {
        Array.Clear(_histogram);
        _count = 0;
        _sumTicks = 0;
        _maxTicks = 0;
    }

    private static double ToMicroseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
