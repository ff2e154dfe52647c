using HydroOxygen.Simulator.Physics;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Physics;

public class Iso6358FlowTests
{
    private const double B = 0.3;
    private const double Atm = 101_325.0;
    private static readonly double C = Gas.ConductanceSi(0.2);

    [Fact]
    public void Catalogue_conductance_converts_to_SI()
    {
        // 1 dm³/(s·bar) = 1e-3 m³/s per 1e5 Pa.
        Assert.Equal(2e-9, Gas.ConductanceSi(0.2), 1e-24);
        Assert.Equal(1.185, Gas.ReferenceDensity);
        Assert.Equal(293.15, Gas.ReferenceTemperature);
    }

    [Theory]
    [InlineData(800_000.0, Atm, 293.0)]
    [InlineData(800_000.0, Atm, 313.0)]
    [InlineData(400_000.0, 120_000.0, 293.0)]
    [InlineData(300_000.0, 90_000.0, 250.0)]
    public void Choked_flow_equals_the_iso6358_formula(double p1, double p2, double t1)
    {
        var flow = Iso6358Flow.Forward(C, B, p1, p2, t1, out _, out var dp2);

        var expected = 2e-9 * 1.185 * p1 * Math.Sqrt(293.15 / t1);
        Assert.Equal(expected, flow, expected * 1e-14);
        Assert.Equal(0.0, dp2);
    }

    [Fact]
    public void Choked_flow_of_the_nozzle_is_close_to_the_design_estimate()
    {
        // DESIGN §1.3: 0.5 mm nozzle, C ≈ 0.04, gives "~13 L/min" at 0.5 MPa gauge; the formula gives 14.4.
        var flow = Iso6358Flow.Forward(Gas.ConductanceSi(0.04), 0.5, 601_325, Atm, 293, out _, out _);

        Assert.InRange(Gas.ToLitresPerMinute(flow), 13.0 * 0.85, 13.0 * 1.15);
    }

    [Theory]
    [InlineData(200_000.0, 150_000.0)]
    [InlineData(500_000.0, 400_000.0)]
    [InlineData(500_000.0, 160_000.0)]
    [InlineData(110_000.0, 101_325.0)]
    public void Subsonic_flow_equals_the_ellipse_of_design_1_3(double p1, double p2)
    {
        const double t1 = 293.0;
        var flow = Iso6358Flow.Forward(C, B, p1, p2, t1, out _, out _);

        var expected = IsoFormula.Subsonic(C, B, p1, p2, t1);
        Assert.Equal(expected, flow, expected * 1e-13);
    }

    [Fact]
    public void The_laminar_branch_is_linear_in_the_pressure_difference()
    {
        var p1 = 300_000.0;
        var small = Iso6358Flow.Forward(C, B, p1, p1 - 50, 293, out _, out _);
        var twice = Iso6358Flow.Forward(C, B, p1, p1 - 100, 293, out _, out _);

        Assert.Equal(2 * small, twice, small * 1e-12);
        Assert.Equal(IsoFormula.Flow(C, B, p1, p1 - 100, 293, Iso6358Flow.LaminarRatio), twice, twice * 1e-12);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void Flow_is_continuous_at_the_critical_ratio(double b)
    {
        const double p1 = 500_000.0;
        var below = Iso6358Flow.Forward(C, b, p1, (b * p1) - 1e-6, 293, out _, out _);
        var above = Iso6358Flow.Forward(C, b, p1, (b * p1) + 1e-6, 293, out _, out _);

        Assert.Equal(below, above, below * 1e-9);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    public void Flow_is_continuous_at_the_laminar_ratio(double b)
    {
        const double p1 = 500_000.0;
        var join = Iso6358Flow.LaminarRatio * p1;
        var below = Iso6358Flow.Forward(C, b, p1, join - 1e-6, 293, out _, out _);
        var above = Iso6358Flow.Forward(C, b, p1, join + 1e-6, 293, out _, out _);

        // The ellipse is steep here (slope ~ flow / 0.2 kPa), so 1 µPa either side moves it by ~1e-8 relative.
        Assert.Equal(below, above, below * 1e-7);
        Assert.True(below > 0);
    }

    [Fact]
    public void Flow_and_its_slope_stay_finite_as_the_ratio_approaches_one()
    {
        // The pure ellipse has an infinite slope at p2 = p1; the laminar branch exists to avoid it.
        const double p1 = 400_000.0;
        Iso6358Flow.Forward(C, B, p1, p1 * (1 - 1e-12), 293, out var d1, out var d2);
        var laminarSlope = Iso6358Flow.Forward(C, B, p1, p1 - 1.0, 293, out _, out _);

        Assert.True(double.IsFinite(d1) && double.IsFinite(d2));
        Assert.Equal(laminarSlope, d1, laminarSlope * 1e-9);
        Assert.Equal(-d1, d2);
    }

    [Theory]
    [InlineData(101_325.0)]
    [InlineData(500_000.0)]
    public void Flow_is_zero_at_equal_pressures(double p)
    {
        Assert.Equal(0.0, Iso6358Flow.Forward(C, B, p, p, 293, out _, out _));
        Assert.Equal(0.0, Iso6358Flow.Signed(C, B, p, p, 293, out _, out _));
    }

    [Fact]
    public void A_closed_restriction_passes_nothing()
    {
        Assert.Equal(0.0, Iso6358Flow.Forward(0.0, B, 800_000, Atm, 293, out var d1, out var d2));
        Assert.Equal((0.0, 0.0), (d1, d2));
    }

    [Fact]
    public void Flow_grows_monotonically_as_the_downstream_pressure_falls()
    {
        const double p1 = 500_000.0;
        var previous = 0.0;
        for (var p2 = p1; p2 >= 50_000; p2 -= 1_000)
        {
            var flow = Iso6358Flow.Forward(C, B, p1, p2, 293, out _, out _);
            Assert.True(flow >= previous, $"flow fell from {previous} to {flow} at p2 = {p2}");
            previous = flow;
        }
    }

    [Theory]
    [InlineData("choked", 600_000.0, 101_325.0)]
    [InlineData("subsonic", 200_000.0, 150_000.0)]
    [InlineData("subsonic near b", 500_000.0, 170_000.0)]
    [InlineData("subsonic near laminar", 500_000.0, 498_000.0)]
    [InlineData("laminar", 200_000.0, 199_950.0)]
    public void Analytic_derivatives_match_central_differences(string branch, double p1, double p2)
    {
        Iso6358Flow.Forward(C, B, p1, p2, 293, out var d1, out var d2);

        var h = 1e-3;
        var fd1 = (Iso6358Flow.Forward(C, B, p1 + h, p2, 293, out _, out _) - Iso6358Flow.Forward(C, B, p1 - h, p2, 293, out _, out _)) / (2 * h);
        var fd2 = (Iso6358Flow.Forward(C, B, p1, p2 + h, 293, out _, out _) - Iso6358Flow.Forward(C, B, p1, p2 - h, 293, out _, out _)) / (2 * h);

        var scale = Math.Max(Math.Abs(d1), Math.Abs(d2));
        Assert.True(Math.Abs(d1 - fd1) <= scale * 1e-6, $"{branch}: ∂ṁ/∂p1 {d1} vs {fd1}");
        Assert.True(Math.Abs(d2 - fd2) <= scale * 1e-6, $"{branch}: ∂ṁ/∂p2 {d2} vs {fd2}");
    }

    [Theory]
    [InlineData(600_000.0, 101_325.0)]
    [InlineData(200_000.0, 150_000.0)]
    [InlineData(200_000.0, 199_950.0)]
    public void Signed_is_antisymmetric_with_matching_derivatives(double pHigh, double pLow)
    {
        var forward = Iso6358Flow.Signed(C, B, pHigh, pLow, 293, out var fa, out var fb);
        var reverse = Iso6358Flow.Signed(C, B, pLow, pHigh, 293, out var ra, out var rb);

        Assert.True(forward > 0);
        Assert.Equal(-forward, reverse);
        Assert.Equal(-fa, rb);
        Assert.Equal(-fb, ra);
    }

    [Fact]
    public void Signed_derivatives_match_central_differences_in_the_reverse_direction()
    {
        const double pa = 150_000.0;
        const double pb = 200_000.0;
        Iso6358Flow.Signed(C, B, pa, pb, 293, out var da, out var db);

        var h = 1e-3;
        var fda = (Iso6358Flow.Signed(C, B, pa + h, pb, 293, out _, out _) - Iso6358Flow.Signed(C, B, pa - h, pb, 293, out _, out _)) / (2 * h);
        var fdb = (Iso6358Flow.Signed(C, B, pa, pb + h, 293, out _, out _) - Iso6358Flow.Signed(C, B, pa, pb - h, 293, out _, out _)) / (2 * h);

        Assert.Equal(fda, da, Math.Abs(da) * 1e-6);
        Assert.Equal(fdb, db, Math.Abs(db) * 1e-6);
    }
}
