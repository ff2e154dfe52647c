using System.Globalization;

namespace HydroOxygen.Reliability.Soak;

/// <summary>
/// Judges the soak's periods for drift: a heap that grows, allocations that grow, ticks that get
/// dearer as the day goes on. The first period is the baseline's warm-up (JIT, tiered compilation,
/// first-use caches) and is reported but not judged.
/// </summary>
public static class DriftCheck
{
    /// <summary>Live heap after a full collection may grow this much from the second period to the last: a leak of even a few bytes per tick would show as megabytes.</summary>
    public const long HeapGrowthLimitBytes = 256 * 1024;

    /// <summary>No period may allocate more than this over the median period (the loop itself is allocation-free; the soak's own bookkeeping is small and constant).</summary>
    public const long AllocationSpreadLimitBytes = 256 * 1024;

    /// <summary>
    /// No period's median tick cost may exceed the median period's by this factor. The median, not the
    /// mean: the figures are wall-clock on a shared machine, where other processes' preemptions put
    /// millisecond outliers into the mean; a cost that grows with the day (a list walked each tick)
    /// moves every tick, the median with them.
    /// </summary>
    public const double TickCostSpreadLimit = 2.5;

    public static IReadOnlyList<string> Judge(IReadOnlyList<SoakPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var problems = new List<string>();
        var judged = periods.Skip(1).ToList();
        if (judged.Count < 2)
        {
            problems.Add($"only {periods.Count} periods: too few to judge drift (need at least 3)");
            return problems;
        }

        var inv = CultureInfo.InvariantCulture;
        var heapGrowth = judged[^1].LiveHeapBytes - judged[0].LiveHeapBytes;
        if (heapGrowth > HeapGrowthLimitBytes)
        {
            problems.Add(string.Create(inv, $"live heap grew {heapGrowth / 1024.0:F0} KiB from period 2 to period {periods.Count} (limit {HeapGrowthLimitBytes / 1024} KiB)"));
        }

        var medianAllocated = Median(judged.Select(p => (double)p.AllocatedBytes));
        foreach (var p in judged.Where(p => p.AllocatedBytes > medianAllocated + AllocationSpreadLimitBytes))
        {
            problems.Add(string.Create(inv, $"period {p.Index + 1} allocated {p.AllocatedBytes / 1024.0:F0} KiB, the median period {medianAllocated / 1024.0:F0} KiB"));
        }

        var medianCost = Median(judged.Select(p => p.TickMedianUs));
        foreach (var p in judged.Where(p => p.TickMedianUs > medianCost * TickCostSpreadLimit))
        {
            problems.Add(string.Create(inv, $"period {p.Index + 1} median tick cost {p.TickMedianUs:F0} µs, the median period {medianCost:F0} µs"));
        }

        return problems;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
