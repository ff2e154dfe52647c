using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Benchmarks;

/// <summary>The figures of one controller in one window.</summary>
/// <param name="RiseS">10 → 90 % of a step, s (NaN for a disturbance).</param>
/// <param name="SettlingS">Step: until it stays within ±0.01 MPa. Disturbance: the worst recovery into that band after a spray-valve opening.</param>
/// <param name="PeakMpa">Step: overshoot beyond the target. Disturbance: the largest deviation either way.</param>
/// <param name="SteadyMpa">Largest |error| over the window's last quarter.</param>
/// <param name="IseMpa2S">∫ error² dt over the window, MPa²·s.</param>
/// <param name="HeldIseMpa2S">
/// Steps: ∫ error² dt from the end of the design's settling allowance to the end of the window —
/// how well the pressure is held once it should be there. The rise before it is bounded by the
/// inlet's full opening, which any controller can command, so it says little about regulation.
/// Disturbances: the same as <paramref name="IseMpa2S"/>.
/// </param>
internal sealed record RegulationFigures(double RiseS, double SettlingS, double PeakMpa, double SteadyMpa, double IseMpa2S, double HeldIseMpa2S);

/// <summary>
/// Judges a window of a pressure trace. Steps use the controller's own <see cref="StepResponseMeter"/>
/// (the definitions of DESIGN §2.3 and the regulation tests); disturbances are judged from the
/// trace around each spray-valve opening.
/// </summary>
internal static class RegulationMetrics
{
    public const double BandMpa = 0.01;

    /// <summary>DESIGN §2.3: a step settles within 300 ms.</summary>
    public const double SettlingAllowanceS = 0.3;

    public static RegulationFigures Judge(RegulationWindow window, IReadOnlyList<double> time, IReadOnlyList<double> pressure, RegulationTrace ours)
    {
        if (window.IsStep)
        {
            var meter = new StepResponseMeter(window.Start, window.Initial, window.Target, BandMpa, window.Length);
            for (var k = 0; k < time.Count && !meter.Done; k++)
            {
                meter.Add(time[k], pressure[k]);
            }

            var step = meter.Result();
            return new RegulationFigures(step.RiseTimeS, step.SettlingTimeS, step.OvershootMpa, step.SteadyStateErrorMpa, step.IntegralSquaredError, HeldIse(window, time, pressure));
        }

        var end = window.Start + window.Length;
        var ise = 0.0;
        var peak = 0.0;
        var steady = 0.0;
        var worstRecovery = 0.0;
        var edge = double.NaN;
        var lastOutside = double.NaN;
        for (var k = 1; k < time.Count; k++)
        {
            var t = time[k];
            if (t < window.Start || t > end)
            {
                continue;
            }

            if (ours.Outputs[k].SprayOpen && !ours.Outputs[k - 1].SprayOpen)
            {
                worstRecovery = Math.Max(worstRecovery, Recovery(edge, lastOutside));
                edge = t;
                lastOutside = t;
            }

            var error = pressure[k] - window.Target;
            ise += error * error * (t - time[k - 1]);
            peak = Math.Max(peak, Math.Abs(error));
            if (Math.Abs(error) > BandMpa)
            {
                lastOutside = t;
            }

            if (t >= window.Start + (0.75 * window.Length))
            {
                steady = Math.Max(steady, Math.Abs(error));
            }
        }

        worstRecovery = Math.Max(worstRecovery, Recovery(edge, lastOutside));
        return new RegulationFigures(double.NaN, worstRecovery, peak, steady, ise, ise);
    }

    /// <summary>
    /// Steps: ∫ error² dt from the step until the pressure first reaches the target. Run on a trace
    /// with the inlet (or, going down, the vent) fully open until then, this is the least ISE any
    /// controller on these valves can score: no command moves the pressure towards the target
    /// faster, and at best the pressure stays on the target once there.
    /// </summary>
    public static double IseUntilReached(RegulationWindow window, IReadOnlyList<double> time, IReadOnlyList<double> pressure)
    {
        var end = window.Start + window.Length;
        var direction = Math.Sign(window.Target - window.Initial);
        var ise = 0.0;
        for (var k = 1; k < time.Count && time[k] <= end; k++)
        {
            if (time[k] <= window.Start)
            {
                continue;
            }

            var error = window.Target - pressure[k];
            if (Math.Sign(error) != direction)
            {
                break;
            }

            ise += error * error * (time[k] - time[k - 1]);
        }

        return ise;
    }

    private static double HeldIse(RegulationWindow window, IReadOnlyList<double> time, IReadOnlyList<double> pressure)
    {
        var from = window.Start + SettlingAllowanceS;
        var end = window.Start + window.Length;
        var ise = 0.0;
        for (var k = 1; k < time.Count; k++)
        {
            if (time[k] > from && time[k] <= end)
            {
                var error = pressure[k] - window.Target;
                ise += error * error * (time[k] - time[k - 1]);
            }
        }

        return ise;
    }

    private static double Recovery(double edge, double lastOutside) => double.IsNaN(edge) ? 0.0 : lastOutside - edge;
}
