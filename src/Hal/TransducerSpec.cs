namespace HydroOxygen.Hal;

/// <summary>The electrical characteristic of a ratiometric pressure transducer.</summary>
/// <remarks>
/// Everything electrical is a fraction of the supply — the band and the fault thresholds alike —
/// because that is what a ratiometric output is: a short to the supply reads the supply, whatever
/// it is, and a transducer on 4.5 V puts out 0.45 V at zero pressure, not 0.5 V.
/// </remarks>
public sealed record TransducerSpec : ISettingsSection
{
    /// <summary>The key its problems are named under when a spec is checked on its own.</summary>
    public const string Section = "Transducer";

    /// <summary>The 0–1 MPa, 0.5–4.5 V transducers on the device.</summary>
    public static TransducerSpec Default { get; } = new();

    public Pressure FullScale { get; init; } = Pressure.FromMegapascals(1.0);
    public double SupplyVolts { get; init; } = 5.0;

    /// <summary>Output at zero pressure as a fraction of the supply (0.5 V of 5 V).</summary>
    public double ZeroFraction { get; init; } = 0.1;

    /// <summary>Output at full scale as a fraction of the supply (4.5 V of 5 V).</summary>
    public double SpanEndFraction { get; init; } = 0.9;

    /// <summary>
    /// Below this fraction of the supply the output is an open circuit (0.40 V of 5 V): the margin
    /// below <see cref="ZeroFraction"/> is the transducer's allowed zero offset.
    /// </summary>
    public double OpenCircuitBelowFraction { get; init; } = 0.08;

    /// <summary>
    /// Above this fraction of the supply the output is shorted to it (4.75 V of 5 V). Must stay
    /// below 1: a short reads the supply itself.
    /// </summary>
    public double ShortCircuitAboveFraction { get; init; } = 0.95;

    public double ZeroVolts => SupplyVolts * ZeroFraction;
    public double FullScaleVolts => SupplyVolts * SpanEndFraction;
    public double OpenCircuitBelowVolts => SupplyVolts * OpenCircuitBelowFraction;
    public double ShortCircuitAboveVolts => SupplyVolts * ShortCircuitAboveFraction;

    public Pressure ToPressure(double volts) =>
        FullScale * ((volts - ZeroVolts) / (FullScaleVolts - ZeroVolts));

    public double ToVolts(Pressure pressure) =>
        ZeroVolts + ((FullScaleVolts - ZeroVolts) * (pressure / FullScale));

    /// <summary>Adds what makes this spec unable to describe a transducer, under <paramref name="errors"/>'s section.</summary>
    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (FullScale <= Pressure.Zero)
        {
            errors.Add(nameof(FullScale), "Positive", "must be a positive number, was {0}", FullScale.ToString());
        }

        errors.Positive(SupplyVolts, nameof(SupplyVolts));
        if (!(ZeroFraction >= 0) || !(SpanEndFraction > ZeroFraction) || !(SpanEndFraction <= 1))
        {
            errors.Add(
                nameof(SpanEndFraction),
                "TransducerBand",
                "the band must satisfy 0 <= zero < span end <= 1 of the supply; was {0}–{1}",
                SettingsErrors.N(ZeroFraction),
                SettingsErrors.N(SpanEndFraction));
        }
        else if (!(OpenCircuitBelowFraction > 0 && OpenCircuitBelowFraction < ZeroFraction)
            || !(ShortCircuitAboveFraction > SpanEndFraction && ShortCircuitAboveFraction < 1))
        {
            errors.Add(
                nameof(OpenCircuitBelowFraction),
                "TransducerThresholds",
                "the open/short thresholds ({0} / {1} of the supply) must lie outside the live band {2}–{3} and inside 0–1, where an open and a short can still be seen",
                SettingsErrors.N(OpenCircuitBelowFraction),
                SettingsErrors.N(ShortCircuitAboveFraction),
                SettingsErrors.N(ZeroFraction),
                SettingsErrors.N(SpanEndFraction));
        }
    }
}
