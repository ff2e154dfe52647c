namespace HydroOxygen.Hal;

/// <summary>A gauge pressure transducer.</summary>
public interface IPressureSensor
{
    /// <summary>Full-scale range of the transducer (the pressure at the top of its output band).</summary>
    Pressure FullScale { get; }

    /// <summary>The latest reading. Never throws: faults come back in <see cref="SensorReading.Status"/>.</summary>
    SensorReading Read();
}
