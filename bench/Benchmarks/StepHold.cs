namespace HydroOxygen.Benchmarks;

/// <summary>
/// Issue 18's hold verdict on one step: ours within ±5 kPa from the later of the 300 ms allowance
/// and the least trajectory's arrival, against what the valves allow there (the band, or the least
/// deviation through a valve event in that stretch if larger).
/// </summary>
/// <param name="LeastArrivalS">When the least trajectory (full effort from the step) first comes within ±5 kPa, s after the step.</param>
/// <param name="JudgedFromS">max(300 ms, that arrival).</param>
/// <param name="OursFrom300Mpa">Our largest |error| from 300 ms to the window's end.</param>
/// <param name="OursJudgedMpa">Our largest |error| from the judged start to the window's end.</param>
/// <param name="OursHeldFromS">From when ours stays within ±5 kPa to the window's end (NaN: never).</param>
/// <param name="Events">Valve events in the judged stretch and their bounds.</param>
/// <param name="Landing">A step down with nothing else commanded: what one vent cut holds (null otherwise).</param>
internal sealed record StepHold(
    double LeastArrivalS,
    double JudgedFromS,
    double OursFrom300Mpa,
    double OursJudgedMpa,
    double OursHeldFromS,
    IReadOnlyList<ValveEventBound.Figures> Events,
    StepLanding.Figures? Landing = null)
{
    public bool Met => OursJudgedMpa <= HeldBand.BandMpa;

    /// <summary>The tightest hold physics allows over the judged stretch: the band, or a valve event's least deviation if larger.</summary>
    public double AllowedMpa => Events.Select(e => e.LeastMpa).Append(HeldBand.BandMpa).Max();

    public static StepHold Judge(ScenarioRun scenario, RegulationWindow window, double[] leastTrajectory, double tick)
    {
        var time = scenario.Trace.Time;
        var ours = scenario.Trace.POutTrue;
        var arrival = HeldBand.Arrival(window, time, leastTrajectory);
        var judgedFrom = Math.Max(RegulationMetrics.SettlingAllowanceS, double.IsNaN(arrival) ? window.Length : arrival);
        var events = ValveEventBound.Within(scenario, window.Start + judgedFrom, window.Start + window.Length)
            .Select(e => ValveEventBound.Of(scenario, window, e, tick))
            .ToList();
        return new StepHold(
            arrival,
            judgedFrom,
            HeldBand.MaxErrorFrom(window, time, ours, RegulationMetrics.SettlingAllowanceS),
            HeldBand.MaxErrorFrom(window, time, ours, judgedFrom),
            HeldBand.HeldFrom(window, time, ours),
            events,
            StepLanding.Of(scenario, window, tick, arrival, judgedFrom));
    }
}
