using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// One pressure channel as the control step sees it: calibrated MPa gauge plus its health, and the
/// uncorrected reading the calibration was applied to (what a calibration point records).
/// </summary>
public readonly record struct PressureSample(double Mpa, SensorStatus Status, long Sequence, double RawMpa = 0.0)
{
    public bool IsOk => Status == SensorStatus.Ok && double.IsFinite(Mpa);

    public static PressureSample Missing => new(0.0, SensorStatus.ConverterFault, 0);
}

/// <summary>Everything the control step reads in one tick: plain data, gathered at the edge.</summary>
public readonly record struct ControlInputs
{
    /// <summary>Tick time, seconds on a monotonic clock.</summary>
    public double Time { get; init; }

    public PressureSample POut { get; init; }
    public PressureSample PBottle { get; init; }
    public PressureSample PSrc { get; init; }

    /// <summary>Raw (not debounced) foot-switch contact.</summary>
    public bool FootSwitchContact { get; init; }

    public bool PowerSwitchOn { get; init; }

    /// <summary>Liquid-level switch: liquid above the low mark.</summary>
    public bool LiquidPresent { get; init; }

    /// <summary>Whether a valid calibration is loaded for every pressure channel.</summary>
    public bool CalibrationValid { get; init; }

    /// <summary>Consecutive ticks the scheduler reports as overrun (started later than their deadline allows).</summary>
    public int ConsecutiveOverruns { get; init; }
}
