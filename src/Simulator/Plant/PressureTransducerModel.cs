namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// A 0.5–4.5 V ratiometric transducer as the plant sees it: a 1 ms response, a static offset and
/// gain error, drift, and the stuck / disconnected faults. Noise is added per conversion by
/// <see cref="SprayPlant.SampleSensorVolts"/>, since it is the converter that samples it.
/// </summary>
internal struct PressureTransducerModel
{
    /// <summary>Fraction of the way to the true pressure the element moves in one plant sub-step: 1 − e^(−h/τ).</summary>
    public double StepBlend;
    public double OffsetPa;
    public double GainError;
    public double FullScalePa;
    public double ZeroVolts;
    public double SpanVolts;

    /// <summary>The transducer's element, after its response lag, Pa gauge.</summary>
    public double SensedPa;

    public double DriftPa;
    public bool Disconnected;
    public double? StuckVolts;

    public readonly double Volts
    {
        get
        {
            if (Disconnected)
            {
                return 0.0; // the input's pull-down
            }

            if (StuckVolts is { } stuck)
            {
                return stuck;
            }

            var indicated = OffsetPa + ((1.0 + GainError) * SensedPa) + DriftPa;
            return ZeroVolts + (SpanVolts * indicated / FullScalePa);
        }
    }

    public void Advance(double truePa) => SensedPa += (truePa - SensedPa) * StepBlend;
}
