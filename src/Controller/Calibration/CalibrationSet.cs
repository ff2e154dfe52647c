using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Calibration;

/// <summary>The calibration of the three pressure channels, and whether it may be trusted.</summary>
public sealed record CalibrationSet(PressureCalibration POut, PressureCalibration PBottle, PressureCalibration PSrc, bool Valid)
{
    /// <summary>No correction. Valid: the transducers' factory characteristic is within its ±1 % FS.</summary>
    public static CalibrationSet Factory { get; } = new(PressureCalibration.Identity, PressureCalibration.Identity, PressureCalibration.Identity, true);
}
