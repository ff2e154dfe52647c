using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Calibration;

/// <summary>The limits a calibration must respect to be believed.</summary>
public sealed record CalibrationLimits : ISettingsSection
{
    /// <summary>A transducer is ±1 % FS: a correction beyond ±10 % gain means the wrong part or a broken one.</summary>
    public double MaxGainError { get; init; } = 0.10;

    public double MaxOffsetMpa { get; init; } = 0.05;

    /// <summary>The points must span at least this much, or the gain is guesswork, MPa.</summary>
    public double MinSpanMpa { get; init; } = 0.2;

    /// <summary>No point may sit further than this from the fitted line (non-linearity, a misread gauge), MPa.</summary>
    public double MaxResidualMpa { get; init; } = 0.005;

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.AboveZeroAtMost(MaxGainError, 0.5, nameof(MaxGainError));
        errors.AboveZeroAtMost(MaxOffsetMpa, 0.2, nameof(MaxOffsetMpa));
        errors.Range(MinSpanMpa, 0.05, 0.6, nameof(MinSpanMpa));
        errors.AboveZeroAtMost(MaxResidualMpa, 0.05, nameof(MaxResidualMpa));
    }
}

/// <summary>A fitted channel calibration, with how well it fits and why it might be refused.</summary>
/// <param name="BeforeErrorsMpa">At each point, the error of the calibration in use (reading − reference).</param>
/// <param name="AfterErrorsMpa">At each point, the error of the new calibration.</param>
/// <param name="Problem">Why the fit is implausible (key and figures, said at the edge); null when it can be accepted.</param>
public sealed record ChannelFit(
    PressureChannel Channel,
    double Gain,
    double OffsetMpa,
    IReadOnlyList<CalibrationPoint> Points,
    IReadOnlyList<double> BeforeErrorsMpa,
    IReadOnlyList<double> AfterErrorsMpa,
    CalibrationProblem? Problem)
{
    public bool Acceptable => Problem is null;

    public double WorstBeforeMpa => BeforeErrorsMpa.Count == 0 ? 0.0 : BeforeErrorsMpa.Max(Math.Abs);
    public double WorstAfterMpa => AfterErrorsMpa.Count == 0 ? 0.0 : AfterErrorsMpa.Max(Math.Abs);

    /// <summary>
    /// Fits reference = gain × raw + offset by least squares, and judges the result against the
    /// limits: gain and offset plausible, points spread enough, every point close to the line.
    /// </summary>
    public static ChannelFit Fit(PressureChannel channel, IReadOnlyList<CalibrationPoint> points, PressureCalibration current, CalibrationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(limits);
        var before = points.Select(p => current.Apply(p.RawMpa) - p.ReferenceMpa).ToList();
        if (points.Count < 2)
        {
            return new ChannelFit(channel, 1.0, 0.0, points, before, before, new CalibrationProblem(CalibrationProblem.TooFewPoints));
        }

        var span = points.Max(p => p.ReferenceMpa) - points.Min(p => p.ReferenceMpa);
        var meanRaw = points.Average(p => p.RawMpa);
        var meanRef = points.Average(p => p.ReferenceMpa);
        var sxx = points.Sum(p => (p.RawMpa - meanRaw) * (p.RawMpa - meanRaw));
        if (sxx <= 1e-12)
        {
            return new ChannelFit(channel, 1.0, 0.0, points, before, before, new CalibrationProblem(CalibrationProblem.NoResponse));
        }

        var gain = points.Sum(p => (p.RawMpa - meanRaw) * (p.ReferenceMpa - meanRef)) / sxx;
        var offset = meanRef - (gain * meanRaw);
        var after = points.Select(p => (gain * p.RawMpa) + offset - p.ReferenceMpa).ToList();

        CalibrationProblem? problem = null;
        if (span < limits.MinSpanMpa)
        {
            problem = new CalibrationProblem(CalibrationProblem.SpanTooSmall, span, limits.MinSpanMpa);
        }
        else if (Math.Abs(gain - 1.0) > limits.MaxGainError)
        {
            problem = new CalibrationProblem(CalibrationProblem.GainBeyond, gain, limits.MaxGainError);
        }
        else if (Math.Abs(offset) > limits.MaxOffsetMpa)
        {
            problem = new CalibrationProblem(CalibrationProblem.OffsetBeyond, offset * 1000, limits.MaxOffsetMpa * 1000);
        }
        else if (after.Max(Math.Abs) > limits.MaxResidualMpa)
        {
            var worst = after.Select((e, i) => (e, i)).MaxBy(x => Math.Abs(x.e));
            problem = new CalibrationProblem(CalibrationProblem.OffTheLine, points[worst.i].ReferenceMpa, worst.e * 1000, limits.MaxResidualMpa * 1000);
        }

        return new ChannelFit(channel, gain, offset, points, before, after, problem);
    }

    /// <summary>What is implausible about a stored calibration's coefficients (a hand-edited file that still checksums, stricter limits since): empty when nothing is.</summary>
    public static IEnumerable<CalibrationProblem> Implausible(CalibrationRecord record, CalibrationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var channel in Enum.GetValues<PressureChannel>())
        {
            var stored = record[channel];
            if (!double.IsFinite(stored.Gain) || Math.Abs(stored.Gain - 1.0) > limits.MaxGainError)
            {
                yield return new CalibrationProblem(CalibrationProblem.StoredGainBeyond, channel.ToString(), stored.Gain, limits.MaxGainError);
            }

            if (!double.IsFinite(stored.OffsetMpa) || Math.Abs(stored.OffsetMpa) > limits.MaxOffsetMpa)
            {
                yield return new CalibrationProblem(CalibrationProblem.StoredOffsetBeyond, channel.ToString(), stored.OffsetMpa, limits.MaxOffsetMpa);
            }
        }
    }
}
