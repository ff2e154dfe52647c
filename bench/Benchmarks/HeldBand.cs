namespace HydroOxygen.Benchmarks;

/// <summary>
/// Issue 18's hold criterion on a step: the pressure within ±5 kPa of the target from 300 ms after
/// the step (or from when the fastest possible trajectory first gets there, if later) to the
/// window's end. Pure functions of a sampled trace; times are returned relative to the step.
/// </summary>
internal static class HeldBand
{
    public const double BandMpa = 0.005;

    /// <summary>
    /// When the pressure first comes within ±<paramref name="band"/> of the target, s after the
    /// step: the instant it crosses the band's near edge, interpolated between samples (a fast
    /// trajectory may jump the whole band between two ticks). 0 if it starts inside; NaN if it
    /// never gets there within the window.
    /// </summary>
    public static double Arrival(RegulationWindow window, IReadOnlyList<double> time, IReadOnlyList<double> pressure, double band = BandMpa)
    {
        var end = window.Start + window.Length;
        var direction = Math.Sign(window.Target - window.Initial);
        var edge = window.Target - (direction * band);
        var previous = -1;
        for (var k = 0; k < time.Count && time[k] <= end; k++)
        {
            if (time[k] < window.Start || double.IsNaN(pressure[k]))
            {
                continue;
            }

            var reached = direction == 0 ? Math.Abs(pressure[k] - window.Target) <= band : direction * (pressure[k] - edge) >= 0;
            if (reached)
            {
                if (previous < 0 || direction == 0)
                {
                    return time[k] - window.Start;
                }

                var fraction = (edge - pressure[previous]) / (pressure[k] - pressure[previous]);
                return time[previous] + (fraction * (time[k] - time[previous])) - window.Start;
            }

            previous = k;
        }

        return double.NaN;
    }

    /// <summary>The largest |pressure − target| from <paramref name="fromS"/> after the step to the window's end.</summary>
    public static double MaxErrorFrom(RegulationWindow window, IReadOnlyList<double> time, IReadOnlyList<double> pressure, double fromS)
    {
        var from = window.Start + fromS;
        var end = window.Start + window.Length;
        var worst = 0.0;
        for (var k = 0; k < time.Count && time[k] <= end; k++)
        {
            if (time[k] >= from)
            {
                worst = Math.Max(worst, Math.Abs(pressure[k] - window.Target));
            }
        }

        return worst;
    }

    /// <summary>
    /// From when, s after the step, every sample to the window's end is within ±<paramref name="band"/>:
    /// the sample after the last one outside it. 0 if none is outside; NaN if the last is.
    /// </summary>
    public static double HeldFrom(RegulationWindow window, IReadOnlyList<double> time, IReadOnlyList<double> pressure, double band = BandMpa)
    {
        var end = window.Start + window.Length;
        var lastOutside = -1;
        var last = -1;
        for (var k = 0; k < time.Count && time[k] <= end; k++)
        {
            if (time[k] < window.Start)
            {
                continue;
            }

            last = k;
            if (Math.Abs(pressure[k] - window.Target) > band)
            {
                lastOutside = k;
            }
        }

        return lastOutside < 0 ? 0.0 : lastOutside == last ? double.NaN : time[lastOutside + 1] - window.Start;
    }
}
