using HydroOxygen.Simulator.Physics;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Physics;

/// <summary>
/// One chamber emptying through an orifice into the atmosphere, held to closed-form answers.
/// </summary>
/// <remarks>
/// Isothermal (n = 1): V·dp/dt = −R·T·ṁ. While choked ṁ = C·ρ0·√(T0/T)·p, so
/// p(t) = p0·exp(−t/τ) with τ = V / (C·ρ0·R·T·√(T0/T)) — exact until p falls to p_atm/b.
/// </remarks>
public class IsothermalBlowDownTests(ITestOutputHelper output)
{
    private const double Temperature = 293.0;
    private const double Atm = 101_325.0;
    private const double Volume = 20e-6;
    private const double ConductanceCatalogue = 0.05;
    private const double B = 0.3;
    private const double P0 = 801_325.0;

    private static double Tau =>
        Volume / (IsoFormula.Si(ConductanceCatalogue) * IsoFormula.Rho0 * IsoFormula.R * Temperature * Math.Sqrt(IsoFormula.T0 / Temperature));

    private static PneumaticNetwork Chamber()
    {
        var orifice = FlowPath.Restriction(0, 1, B);
        orifice.Conductance = Gas.ConductanceSi(ConductanceCatalogue);
        return new PneumaticNetwork([Volume], [Atm], [orifice], Temperature, 1.0, P0);
    }

    /// <summary>Largest relative deviation from p0·exp(−t/τ) over the choked phase.</summary>
    private double ChokedError(double step)
    {
        var network = Chamber();
        var chokedUntil = Tau * Math.Log(P0 * B / Atm);
        var worst = 0.0;
        var steps = 0;
        for (var k = 1; k * step <= chokedUntil; k++)
        {
            network.Step(step);
            var exact = P0 * Math.Exp(-k * step / Tau);
            worst = Math.Max(worst, Math.Abs(network.Pressure(0) - exact) / exact);
            steps = k;
        }

        output.WriteLine($"τ = {Tau * 1e3:F2} ms, choked for {chokedUntil * 1e3:F1} ms: {steps} steps of {step * 1e3} ms, worst error {worst:P4}");
        Assert.True(steps * step > 0.9 * chokedUntil);
        return worst;
    }

    [Fact]
    public void Choked_phase_matches_the_exponential_decay_at_quarter_millisecond_steps()
    {
        var error = ChokedError(0.25e-3);

        // Linearly implicit Euler on a linear ODE loses about t·h/(2τ²): 2.7e-4 at the end of this phase.
        Assert.True(error < 5e-4, $"error {error:P4}");
    }

    [Fact]
    public void Choked_phase_stays_within_two_percent_at_the_two_millisecond_loop_step()
    {
        var error = ChokedError(2e-3);

        Assert.True(error < 0.02, $"error {error:P4}");
        Assert.True(error < 4e-3, $"error {error:P4}");
    }

    [Fact]
    public void A_step_through_the_choked_phase_is_exactly_one_implicit_euler_step()
    {
        // With ṁ linear in p the linearised step is exact implicit Euler: p1 = p0 / (1 + h/τ).
        var network = Chamber();
        const double h = 1e-3;

        network.Step(h);

        Assert.Equal(P0 / (1 + (h / Tau)), network.Pressure(0), P0 * 1e-12);
    }

    /// <summary>
    /// Largest deviation from RK4 over the subsonic tail, starting both at p_atm / b (the end of
    /// the choked phase) so the tail is judged on its own: absolute, Pa, and relative to the gauge
    /// pressure while that is above 10 kPa.
    /// </summary>
    private (double Absolute, double Relative, double EndGauge) TailError(double step)
    {
        const double rk4Step = 5e-6;
        const double end = 1.5;
        var start = Atm / B;
        var network = Chamber();
        network.SetPressure(0, start);
        var c = IsoFormula.Si(ConductanceCatalogue);
        double Rate(double p) => -IsoFormula.R * Temperature / Volume * IsoFormula.Flow(c, B, p, Atm, Temperature, Iso6358Flow.LaminarRatio);

        var reference = start;
        var worstAbsolute = 0.0;
        var worstRelative = 0.0;
        var perModelStep = (int)Math.Round(step / rk4Step);
        for (var k = 1; k * step <= end + 1e-12; k++)
        {
            for (var j = 0; j < perModelStep; j++)
            {
                var k1 = Rate(reference);
                var k2 = Rate(reference + (0.5 * rk4Step * k1));
                var k3 = Rate(reference + (0.5 * rk4Step * k2));
                var k4 = Rate(reference + (rk4Step * k3));
                reference += rk4Step * (k1 + (2 * k2) + (2 * k3) + k4) / 6;
            }

            network.Step(step);
            var error = Math.Abs(network.Pressure(0) - reference);
            worstAbsolute = Math.Max(worstAbsolute, error);
            if (reference - Atm > 10_000)
            {
                worstRelative = Math.Max(worstRelative, error / (reference - Atm));
            }
        }

        output.WriteLine($"subsonic tail from {(start - Atm) / 1e3:F1} kPa gauge at {step * 1e3} ms steps: worst {worstAbsolute:F2} Pa, {worstRelative:P4} of the gauge pressure while above 10 kPa");
        return (worstAbsolute, worstRelative, network.Pressure(0) - Atm);
    }

    [Fact]
    public void Subsonic_tail_follows_a_fine_RK4_integration_of_the_same_ODE()
    {
        var (absolute, relative, endGauge) = TailError(0.25e-3);

        // First-order method through the steep end of the ellipse: ~40 Pa of a 236 kPa fall.
        Assert.True(absolute < 60, $"worst {absolute} Pa");
        Assert.True(relative < 5e-3, $"worst {relative:P4}");
        Assert.InRange(endGauge, 0.0, 1.0);
    }

    [Fact]
    public void Subsonic_tail_error_shrinks_in_proportion_to_the_step()
    {
        var coarse = TailError(1e-3).Absolute;
        var fine = TailError(0.25e-3).Absolute;

        // Implicit Euler is first order: a quarter of the step, about a quarter of the error.
        Assert.InRange(coarse / fine, 3.0, 5.0);
    }
}
