namespace HydroOxygen.Benchmarks;

/// <summary>
/// A step down landed by one vent cut: from the step the inlet shut and the vent open until a
/// swept tick, then both shut to the window's end. The least, over the sweep, of the largest
/// |error| over the judged stretch is what such a controller holds there: achievable, not a bound.
/// Only for a step down with no other valve commanded in the window (nothing then draws gas).
/// </summary>
internal static class StepLanding
{
    /// <summary>The cut is swept to this long after the least trajectory's arrival (the vent's solenoid shuts late).</summary>
    public const double PastArrivalS = 0.04;

    /// <param name="HeldMpa">The least largest |error| from the judged start to the window's end.</param>
    /// <param name="CutS">When that cut was commanded, s after the step.</param>
    public sealed record Figures(double HeldMpa, double CutS);

    public static Figures? Of(ScenarioRun scenario, RegulationWindow window, double tick, double arrivalS, double judgedFromS)
    {
        var time = scenario.Trace.Time;
        var end = window.Start + window.Length;
        if (window.Target >= window.Initial || double.IsNaN(arrivalS) || ValveEventBound.Within(scenario, window.Start, end).Count > 0)
        {
            return null;
        }

        var step = time.FindIndex(t => t >= window.Start);
        var until = time.FindLastIndex(t => t <= end);
        var best = new Figures(double.PositiveInfinity, double.NaN);
        for (var cut = step + 1; cut <= until && time[cut] <= window.Start + arrivalS + PastArrivalS; cut++)
        {
            var pressure = BaselineReplay.Planned(scenario, tick, new InletPlan(step, step, until, 0.0, 0.0, 0.0, step, cut - step));
            var held = HeldBand.MaxErrorFrom(window, time, pressure, judgedFromS);
            if (held < best.HeldMpa)
            {
                best = new Figures(held, time[cut] - window.Start);
            }
        }

        return best;
    }
}
