namespace HydroOxygen.Controller.Calibration;

/// <summary>A pressure channel's linear correction: true = gain × raw + offset (MPa).</summary>
public readonly record struct ChannelCalibration(double Gain, double OffsetMpa)
{
    public static ChannelCalibration Identity => new(1.0, 0.0);

    public double Apply(double rawMpa) => (Gain * rawMpa) + OffsetMpa;
}

/// <summary>The calibration of the three pressure channels, and whether it may be trusted.</summary>
public sealed record CalibrationSet(ChannelCalibration POut, ChannelCalibration PBottle, ChannelCalibration PSrc, bool Valid)
{
    /// <summary>No correction. Valid: the transducers' factory characteristic is within its ±1 % FS.</summary>
    public static CalibrationSet Factory { get; } = new(ChannelCalibration.Identity, ChannelCalibration.Identity, ChannelCalibration.Identity, true);
}
