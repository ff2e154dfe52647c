using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Service;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Tests.Calibration;

public sealed class ChannelFitTests
{
    private static readonly CalibrationLimits Limits = new();
    private static readonly double[] References = [0.0, 0.2, 0.4, 0.6];

    /// <summary>The fit's problem as the logs say it.</summary>
    private static string? English(ChannelFit fit) => fit.Problem is { } problem ? ServiceWords.Calibration(problem).ToString() : null;

    /// <summary>Points from a transducer whose truth is gain × raw + offset, plus reading errors.</summary>
    private static List<CalibrationPoint> Transducer(double gain, double offsetMpa, double[]? references = null, double[]? rawErrorsMpa = null) =>
        [.. (references ?? References).Select((reference, i) => new CalibrationPoint(reference, ((reference - offsetMpa) / gain) + (rawErrorsMpa?[i] ?? 0.0)))];

    [Fact]
    public void A_clean_four_point_calibration_finds_the_gain_and_offset()
    {
        var points = Transducer(1.02, 0.004);

        var fit = ChannelFit.Fit(PressureChannel.POut, points, PressureCalibration.Identity, Limits);

        Assert.True(fit.Acceptable, English(fit));
        Assert.Null(fit.Problem);
        Assert.Equal(PressureChannel.POut, fit.Channel);
        Assert.Equal(1.02, fit.Gain, 1e-12);
        Assert.Equal(0.004, fit.OffsetMpa, 1e-12);
        Assert.Same(points, fit.Points);

        // Before: the factory characteristic reads raw = (ref − 0.004) / 1.02, worst at 0.6 MPa.
        Assert.Equal(4, fit.BeforeErrorsMpa.Count);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(((References[i] - 0.004) / 1.02) - References[i], fit.BeforeErrorsMpa[i], 1e-12);
        }

        Assert.Equal(0.6 - (0.596 / 1.02), fit.WorstBeforeMpa, 1e-12);
        Assert.Equal(0.015686, fit.WorstBeforeMpa, 1e-6);
        Assert.All(fit.AfterErrorsMpa, e => Assert.True(Math.Abs(e) < 1e-12, $"{e}"));
        Assert.True(fit.WorstAfterMpa < 1e-12);
    }

    [Fact]
    public void A_four_point_calibration_with_gauge_scatter_is_accepted_with_small_errors_after()
    {
        // ±1 kPa of reading scatter: well inside the 5 kPa residual limit.
        var points = Transducer(0.97, -0.012, rawErrorsMpa: [0.001, -0.001, -0.001, 0.001]);

        var fit = ChannelFit.Fit(PressureChannel.PBottle, points, PressureCalibration.Identity, Limits);

        Assert.True(fit.Acceptable, English(fit));
        Assert.Equal(0.97, fit.Gain, 0.002);
        Assert.Equal(-0.012, fit.OffsetMpa, 0.001);
        Assert.InRange(fit.WorstAfterMpa, 0.0005, 0.0015);
        Assert.InRange(fit.WorstBeforeMpa, 0.025, 0.035);

        // Least squares: the residuals sum to zero.
        Assert.Equal(0.0, fit.AfterErrorsMpa.Sum(), 1e-12);
    }

    [Fact]
    public void The_errors_before_are_those_of_the_calibration_in_use()
    {
        var current = new PressureCalibration(1.01, 0.002);
        var points = Transducer(1.01, 0.002);

        var fit = ChannelFit.Fit(PressureChannel.PSrc, points, current, Limits);

        Assert.All(fit.BeforeErrorsMpa, e => Assert.True(Math.Abs(e) < 1e-12, $"{e}"));
        Assert.Equal(1.01, fit.Gain, 1e-12);
        Assert.Equal(0.002, fit.OffsetMpa, 1e-12);
    }

    [Fact]
    public void Two_points_spanning_the_limit_are_enough()
    {
        var fit = ChannelFit.Fit(PressureChannel.POut, Transducer(1.03, 0.01, references: [0.0, 0.2]), PressureCalibration.Identity, Limits);

        Assert.True(fit.Acceptable, English(fit));
        Assert.Equal(1.03, fit.Gain, 1e-12);
    }

    [Theory]
    [InlineData(1.15, "a gain of 1.1500 is beyond ±10")]
    [InlineData(0.88, "a gain of 0.8800 is beyond ±10")]
    public void A_gain_beyond_the_limit_is_refused_as_a_wrong_transducer_not_a_calibration(double gain, string reason)
    {
        var fit = ChannelFit.Fit(PressureChannel.POut, Transducer(gain, 0.0), PressureCalibration.Identity, Limits);

        Assert.False(fit.Acceptable);
        Assert.StartsWith(reason, English(fit), StringComparison.Ordinal);
        Assert.Contains("the transducer or its wiring is wrong", English(fit), StringComparison.Ordinal);

        // The figures are still reported, so the engineer sees what was measured.
        Assert.Equal(gain, fit.Gain, 1e-9);
        Assert.True(fit.WorstAfterMpa < 1e-9);
    }

    [Theory]
    [InlineData(0.08, "an offset of 80.0 kPa is beyond ±50 kPa")]
    [InlineData(-0.06, "an offset of -60.0 kPa is beyond ±50 kPa")]
    public void An_offset_beyond_the_limit_is_refused(double offsetMpa, string reason)
    {
        var fit = ChannelFit.Fit(PressureChannel.PBottle, Transducer(1.0, offsetMpa), PressureCalibration.Identity, Limits);

        Assert.False(fit.Acceptable);
        Assert.StartsWith(reason, English(fit), StringComparison.Ordinal);
        Assert.Contains("that the zero point was vented", English(fit), StringComparison.Ordinal);
        Assert.Equal(offsetMpa, fit.OffsetMpa, 1e-9);
    }

    [Fact]
    public void Points_too_close_together_are_refused()
    {
        var fit = ChannelFit.Fit(PressureChannel.POut, Transducer(1.01, 0.0, references: [0.30, 0.35, 0.40]), PressureCalibration.Identity, Limits);

        Assert.False(fit.Acceptable);
        Assert.Equal("the points span only 0.100 MPa; spread them over at least 0.20 MPa", English(fit));
    }

    [Fact]
    public void One_misread_point_is_refused_and_named()
    {
        // The gauge was misread by 20 kPa at 0.4 MPa.
        var points = Transducer(1.0, 0.0, rawErrorsMpa: [0.0, 0.0, 0.02, 0.0]);

        var fit = ChannelFit.Fit(PressureChannel.PSrc, points, PressureCalibration.Identity, Limits);

        Assert.False(fit.Acceptable);

        // Least squares through (0, 0), (0.2, 0.2), (0.42, 0.4), (0.6, 0.6): gain 0.202 / 0.2043.
        Assert.Equal(0.202 / 0.2043, fit.Gain, 1e-12);
        Assert.Equal(0.3 - (0.202 / 0.2043 * 0.305), fit.OffsetMpa, 1e-12);
        var worst = fit.AfterErrorsMpa.Select(Math.Abs).ToList();
        Assert.Equal(2, worst.IndexOf(worst.Max()));
        Assert.Equal(0.0137, fit.AfterErrorsMpa[2], 0.0001);
        Assert.Equal("the point at 0.400 MPa is 13.7 kPa off the fitted line (limit 5.0 kPa): a misread gauge or a non-linear transducer", English(fit));
    }

    [Fact]
    public void A_transducer_that_does_not_respond_is_refused()
    {
        var points = References.Select(r => new CalibrationPoint(r, 0.0123)).ToList();

        var fit = ChannelFit.Fit(PressureChannel.PBottle, points, PressureCalibration.Identity, Limits);

        Assert.False(fit.Acceptable);
        Assert.Equal("the transducer read the same at every point: it does not respond to pressure", English(fit));
        Assert.Equal(PressureCalibration.Identity, new PressureCalibration(fit.Gain, fit.OffsetMpa));
        Assert.Equal(0.6 - 0.0123, fit.WorstBeforeMpa, 1e-12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Fewer_than_two_points_are_refused(int count)
    {
        var fit = ChannelFit.Fit(PressureChannel.POut, Transducer(1.0, 0.0)[..count], PressureCalibration.Identity, Limits);

        Assert.False(fit.Acceptable);
        Assert.StartsWith("at least two points are needed", English(fit), StringComparison.Ordinal);
    }

    [Fact]
    public void The_configured_limits_are_the_ones_applied()
    {
        var points = Transducer(1.04, 0.0);

        Assert.True(ChannelFit.Fit(PressureChannel.POut, points, PressureCalibration.Identity, Limits).Acceptable);
        var strict = ChannelFit.Fit(PressureChannel.POut, points, PressureCalibration.Identity, Limits with { MaxGainError = 0.03 });
        Assert.StartsWith("a gain of 1.0400 is beyond ±3", English(strict), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plausible_stored_record_has_nothing_implausible()
    {
        var record = new CalibrationRecord
        {
            POut = new() { Gain = 1.09, OffsetMpa = 0.049 },
            PBottle = new() { Gain = 0.91, OffsetMpa = -0.049 },
        };

        Assert.Empty(ChannelFit.Implausible(record, Limits));
        Assert.Empty(ChannelFit.Implausible(new CalibrationRecord(), Limits));
    }

    [Fact]
    public void Every_implausible_coefficient_of_a_stored_record_is_named()
    {
        var record = new CalibrationRecord
        {
            POut = new() { Gain = 1.2 },
            PBottle = new() { Gain = double.NaN, OffsetMpa = double.PositiveInfinity },
            PSrc = new() { OffsetMpa = -0.07 },
        };

        var problems = ChannelFit.Implausible(record, Limits).Select(p => ServiceWords.Calibration(p).ToString()).ToList();

        Assert.Equal(4, problems.Count);
        Assert.StartsWith("POut: gain 1.2 beyond", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("PBottle: gain NaN beyond", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("PBottle: offset Infinity MPa beyond", problems[2], StringComparison.Ordinal);
        Assert.StartsWith("PSrc: offset -0.07 MPa beyond", problems[3], StringComparison.Ordinal);
    }
}
