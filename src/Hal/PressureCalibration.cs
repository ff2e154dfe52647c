namespace HydroOxygen.Hal;

/// <summary>
/// A transducer's linear correction, found by an engineer against a reference gauge:
/// true = gain × raw + offset. The identity is the factory characteristic (within its ±1 % FS).
/// </summary>
public readonly record struct PressureCalibration(double Gain, double OffsetMpa)
{
    public static PressureCalibration Identity => new(1.0, 0.0);

    public double Apply(double rawMpa) => (Gain * rawMpa) + OffsetMpa;

    /// <summary>The correction in pascals, where the identity changes no bit of the reading.</summary>
    public Pressure Apply(Pressure raw) => Pressure.FromPascals((Gain * raw.Pascals) + (OffsetMpa * Pressure.PascalsPerMegapascal));
}
