namespace HydroOxygen.Benchmarks;

/// <summary>
/// The best any controller can do against the spray starts of a disturbance window: the inlet fully
/// open from each spray-valve command until the pressure is back (<see cref="BaselineReplay.FullInletFrom"/>),
/// and the same figures measured on our run.
/// </summary>
internal static class DisturbanceBound
{
    /// <summary>How long after a spray command our dip and recovery are looked for, s.</summary>
    private const double SprayStartS = 0.3;

    /// <param name="DipMpa">The deepest dip below the target over the window's sprays.</param>
    /// <param name="BackS">The longest time from a spray command until the pressure is last outside ±10 kPa.</param>
    /// <param name="IseMpa2S">∫ (target − p)² dt below the target, summed over the sprays (the bound only).</param>
    public sealed record Figures(double DipMpa, double BackS, double IseMpa2S);

    public static Figures Of(ScenarioRun scenario, RegulationWindow window, double tick)
    {
        var time = scenario.Trace.Time;
        var (dip, back, ise) = (0.0, 0.0, 0.0);
        foreach (var edge in SprayCommands(scenario, window))
        {
            var pressure = BaselineReplay.FullInletFrom(scenario, tick, time[edge], window.Target);
            var lastOutside = time[edge];
            for (var k = edge; k < time.Count && !double.IsNaN(pressure[k]); k++)
            {
                var below = window.Target - pressure[k];
                dip = Math.Max(dip, below);
                if (below > RegulationMetrics.BandMpa)
                {
                    lastOutside = time[k];
                }

                if (below > 0 && k > 0)
                {
                    ise += below * below * (time[k] - time[k - 1]);
                }
            }

            back = Math.Max(back, lastOutside - time[edge]);
        }

        return new Figures(dip, back, ise);
    }

    public static Figures Ours(ScenarioRun scenario, RegulationWindow window)
    {
        var trace = scenario.Trace;
        var (dip, back) = (0.0, 0.0);
        foreach (var edge in SprayCommands(scenario, window))
        {
            var start = trace.Time[edge];
            var lastOutside = start;
            for (var k = edge; k < trace.Count && trace.Time[k] <= start + SprayStartS; k++)
            {
                var error = trace.POutTrue[k] - window.Target;
                dip = Math.Max(dip, -error);
                if (Math.Abs(error) > RegulationMetrics.BandMpa)
                {
                    lastOutside = trace.Time[k];
                }
            }

            back = Math.Max(back, lastOutside - start);
        }

        return new Figures(dip, back, double.NaN);
    }

    /// <summary>The ticks in the window on which our run commanded the spray valve open.</summary>
    private static IEnumerable<int> SprayCommands(ScenarioRun scenario, RegulationWindow window)
    {
        var trace = scenario.Trace;
        for (var k = 1; k < trace.Count; k++)
        {
            var t = trace.Time[k];
            if (t >= window.Start && t <= window.Start + window.Length && trace.Outputs[k].SprayOpen && !trace.Outputs[k - 1].SprayOpen)
            {
                yield return k;
            }
        }
    }
}
