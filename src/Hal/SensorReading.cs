namespace HydroOxygen.Hal;

/// <summary>What a pressure transducer reading says about the transducer itself.</summary>
public enum SensorStatus : byte
{
    Ok = 0,

    /// <summary>Output below the live band: wire broken, connector off, or output shorted to ground.</summary>
    OpenCircuit,

    /// <summary>Output above the live band: output shorted to the supply.</summary>
    ShortCircuit,

    /// <summary>The converter behind it failed (bus error, timeout, no conversion yet).</summary>
    ConverterFault,
}

/// <summary>One pressure reading together with the raw signal it came from.</summary>
/// <param name="Pressure">Gauge pressure, calibrated; meaningful only when <paramref name="Status"/> is Ok.</param>
/// <param name="Volts">The transducer output voltage, kept so that plausibility checks and calibration can see it.</param>
/// <param name="Uncalibrated">The pressure by the transducer's characteristic alone: what a calibration point records.</param>
public readonly record struct SensorReading(Pressure Pressure, double Volts, SensorStatus Status, long Timestamp, long Sequence, Pressure Uncalibrated = default)
{
    public bool IsOk => Status == SensorStatus.Ok;
}
