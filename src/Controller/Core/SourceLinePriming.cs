namespace HydroOxygen.Controller.Core;

/// <summary>
/// The source line filling (or emptying) behind a source valve that just opened: while it primes,
/// P_src may move as fast as gas through an open valve; once steady, a step on it is a transducer
/// fault. Priming goes one way, so once the line has plainly set off, a quick move back is no gas either.
/// </summary>
public struct SourceLinePriming
{
    /// <summary>How far the line must have moved before the way it primes counts as known, MPa: well clear of noise.</summary>
    private const double DirectionKnownAfterMpa = 0.05;

    private double _until;
    private double _openedAt;
    private double _fromMpa;

    public SourceLinePriming()
    {
        _until = double.NegativeInfinity;
        _openedAt = double.NegativeInfinity;
    }

    /// <summary>The slew limits for P_src now, rising and falling, MPa/s.</summary>
    public (double Rise, double Fall) SlewLimits(double now, double pSrcMpa, SafetySettings safety)
    {
        var steady = safety.SteadySourceSensorMaxSlewMpaPerS;
        if (now >= _until)
        {
            return (steady, steady);
        }

        // The way it primes counts from when the valves have moved.
        if (double.IsNaN(_fromMpa) && now - _openedAt >= ValveTiming.SettleS)
        {
            _fromMpa = pSrcMpa;
        }

        var primed = double.IsNaN(_fromMpa) ? 0.0 : pSrcMpa - _fromMpa;
        return (primed < -DirectionKnownAfterMpa ? steady : safety.SourceSensorMaxSlewMpaPerS,
                primed > DirectionKnownAfterMpa ? steady : safety.SourceSensorMaxSlewMpaPerS);
    }

    /// <summary>Follows the source valves as written this tick.</summary>
    /// <param name="openedNow">A source valve opened this tick (from shut, or straight from the other source).</param>
    public void Follow(in ControlOutputs outputs, in ControlOutputs previous, bool openedNow, double pSrcMpa, double now, SafetySettings safety)
    {
        if (!outputs.SourceOpen && previous.SourceOpen && now < _until)
        {
            // Shut while the line was still priming: it goes on priming until the valve has dropped out.
            _until = Math.Max(_until, now + ValveTiming.SettleS);
        }

        if (openedNow)
        {
            _until = now + safety.SourcePrimeWindowS;
            _openedAt = now;

            // From one source straight to the other the line follows the old one until its valve has
            // dropped out: which way it primes is taken once that is over.
            _fromMpa = previous.SourceOpen ? double.NaN : pSrcMpa;
        }
    }
}
