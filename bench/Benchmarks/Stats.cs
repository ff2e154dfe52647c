namespace HydroOxygen.Benchmarks;

/// <summary>Order statistics of a sample, exact (the sample is sorted, not bucketed).</summary>
internal static class Stats
{
    /// <summary>The value below which <paramref name="fraction"/> of the sample lies (nearest rank).</summary>
    public static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double[] Sorted(IEnumerable<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }

    public static double Median(IEnumerable<double> values) => Percentile(Sorted(values), 0.5);
}
