namespace HydroOxygen.Hal;

/// <summary>The electrical characteristic of a ratiometric pressure transducer.</summary>
public sealed record TransducerSpec
{
    /// <summary>The 0–1 MPa, 0.5–4.5 V transducers on the device.</summary>
    public static TransducerSpec Default { get; } = new();

    public Pressure FullScale { get; init; } = Pressure.FromMegapascals(1.0);
    public double SupplyVolts { get; init; } = 5.0;

    /// <summary>Output at zero pressure as a fraction of the supply (0.5 V of 5 V).</summary>
    public double ZeroFraction { get; init; } = 0.1;

    /// <summary>Output at full scale as a fraction of the supply (4.5 V of 5 V).</summary>
    public double SpanEndFraction { get; init; } = 0.9;

    public double OpenCircuitBelowVolts { get; init; } = 0.40;
    public double ShortCircuitAboveVolts { get; init; } = 4.75;

    public double ZeroVolts => SupplyVolts * ZeroFraction;
    public double FullScaleVolts => SupplyVolts * SpanEndFraction;

    public Pressure ToPressure(double volts) =>
        FullScale * ((volts - ZeroVolts) / (FullScaleVolts - ZeroVolts));

    public double ToVolts(Pressure pressure) =>
        ZeroVolts + ((FullScaleVolts - ZeroVolts) * (pressure / FullScale));

    public void Validate()
    {
        if (FullScale <= Pressure.Zero)
        {
            throw new ArgumentException($"Transducer full scale must be positive, was {FullScale}.");
        }

        if (!(SupplyVolts > 0) || !(ZeroFraction >= 0) || !(SpanEndFraction > ZeroFraction) || !(SpanEndFraction <= 1))
        {
            throw new ArgumentException(
                $"Transducer band must satisfy 0 <= zero < span end <= 1 of a positive supply; was {ZeroFraction}–{SpanEndFraction} of {SupplyVolts} V.");
        }

        if (!(OpenCircuitBelowVolts < ZeroVolts) || !(ShortCircuitAboveVolts > FullScaleVolts))
        {
            throw new ArgumentException(
                $"Open/short thresholds ({OpenCircuitBelowVolts} V / {ShortCircuitAboveVolts} V) must lie outside the live band {ZeroVolts}–{FullScaleVolts} V.");
        }
    }
}
