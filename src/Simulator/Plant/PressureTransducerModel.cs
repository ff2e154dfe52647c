namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// A 0.5–4.5 V ratiometric transducer as the plant sees it: a 1 ms response, a static offset and
/// gain error, drift, and the stuck / disconnected faults. Noise is added per conversion by
/// <see cref="SprayPlant.SampleSensorVolts"/>, since it is the converter that samples it.
/// </summary>
internal struct PressureTransducerModel
{
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

    /// <summary>
    /// Follows the true pressure over <paramref name="steps"/> sub-steps in which it went from
    /// <paramref name="fromPa"/> to <paramref name="toPa"/>, taken as a straight line: the exact
    /// discrete lag for a ramp input (it settles <c>a·d/b</c> behind a ramp rising d per sub-step).
    /// </summary>
    public void Advance(double fromPa, double toPa, int steps, LagPowers lag)
    {
        if (steps == 1)
        {
            SensedPa += (toPa - SensedPa) * lag.Blend;
            return;
        }

        var behind = lag.Decay * (toPa - fromPa) / steps / lag.Blend;
        SensedPa = toPa - behind + (lag.Power(steps) * (SensedPa - fromPa + behind));
    }
}
