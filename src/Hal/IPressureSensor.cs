namespace HydroOxygen.Hal;

/// <summary>A gauge pressure transducer.</summary>
public interface IPressureSensor
{
    /// <summary>Full-scale range of the transducer (the pressure at the top of its output band).</summary>
    Pressure FullScale { get; }

    /// <summary>
    /// The correction applied to every reading (<see cref="PressureCalibration.Identity"/> until set).
    /// Set it from the thread that reads the sensor (the control loop), between two reads.
    /// </summary>
    PressureCalibration Calibration { get; set; }

    /// <summary>The latest reading, calibrated. Never throws: faults come back in <see cref="SensorReading.Status"/>.</summary>
    SensorReading Read();
}
