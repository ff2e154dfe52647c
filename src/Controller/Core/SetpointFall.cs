namespace HydroOxygen.Controller.Core;

/// <summary>
/// The answer to a lowered setpoint: the vent fully open at once, then commanded shut on the tick
/// where the manifold's blow-down through the vent while its solenoid pulls in lands the pressure
/// on the setpoint. The counterpart of <see cref="SetpointRise"/> for the on/off vent, whose
/// time-proportioned duty on a falling reference left the manifold ~12 kPa high and waited half a
/// second for an excess correction.
/// </summary>
/// <remarks>
/// The cut is decided each tick from the measured pressure and a model of the vent (choked flow:
/// the manifold's absolute pressure decays exponentially through it), the draw, the inlet spool's
/// tail and the manifold's volume — so a vent capacity the model gets wrong moves the cut, not
/// where it aims. The regulator's reference keeps its ramp meanwhile: the over-pressure checks
/// judge the fall as before (a vent stuck shut is held above it; an inlet stuck open runs away
/// from it). Nothing here allocates.
/// </remarks>
public struct SetpointFall
{
    /// <summary>A setpoint lowered by more than this in one tick, to more than this below the manifold, MPa, is a fall.</summary>
    internal const double MinFallMpa = 0.03;

    /// <summary>
    /// A fall that has not landed after this long, s, hands over regardless (a vent that does not
    /// open, an inlet that does not shut): the regulator and the over-pressure checks take it from there.
    /// </summary>
    internal const double GiveUpS = 1.0;

    private double _lastSetpoint;
    private double _since;
    private double _cutAt;
    private bool _active;
    private bool _landed;

    public readonly bool Active => _active;

    /// <summary>The last fall was cut where its blow-down was modelled to land on the setpoint (not given up, nor cut short).</summary>
    public readonly bool Landed => _landed;

    /// <summary>Forgets any fall and the setpoint it came from.</summary>
    public void Reset()
    {
        _active = false;
        _landed = false;
        _lastSetpoint = double.NaN;
    }

    /// <summary>
    /// This tick's vent command for a fall in progress (starting one on a lowered setpoint): 1 open,
    /// 0 shut while the cut's pull-in runs out; NaN when no fall runs — also on the tick one ends,
    /// so the regulator takes over from there.
    /// </summary>
    /// <param name="eligible">Nothing else asks for the valves this tick: no spray, no charge joined, not a service experiment.</param>
    /// <param name="ventLpm">The vent's flow at the measured pressure, litres/min (ANR).</param>
    /// <param name="netInLpm">Other flow into the manifold: the inlet spool's, less the draw, litres/min.</param>
    /// <param name="capacitance">The manifold's capacitance, litres/min per MPa/s.</param>
    /// <param name="closeDelayS">From "close" to the vent closing (the coil's pull-in), s.</param>
    /// <param name="tickS">The period over which this tick's command acts, s.</param>
    public double Command(
        double setpointMpa, double pOutMpa, bool eligible, double ventLpm, double netInLpm, double capacitance, double closeDelayS, double tickS,
        double now)
    {
        var lowered = _lastSetpoint - setpointMpa > MinFallMpa;
        var changed = setpointMpa != _lastSetpoint;
        _lastSetpoint = setpointMpa;
        if (!eligible || (changed && !lowered))
        {
            _active = false;
            _landed = false;
            return double.NaN;
        }

        if (lowered && pOutMpa - setpointMpa > MinFallMpa)
        {
            _active = true;
            _landed = false;
            _since = now;
            _cutAt = double.NaN;
        }

        if (!_active)
        {
            return double.NaN;
        }

        if (double.IsNaN(_cutAt))
        {
            // Commanded shut now, the vent closes a pull-in later; the tick's own period is halved,
            // so the cut falls on whichever tick lands nearer the setpoint.
            if (pOutMpa - Fall(pOutMpa, ventLpm, netInLpm, capacitance, closeDelayS + (tickS / 2.0)) > setpointMpa)
            {
                if (now - _since <= GiveUpS)
                {
                    return 1.0;
                }

                _active = false;
                return double.NaN;
            }

            _cutAt = now;
        }

        if (now - _cutAt < closeDelayS + tickS)
        {
            return 0.0;
        }

        _active = false;
        _landed = true;
        return double.NaN;
    }

    /// <summary>
    /// How far the manifold falls in <paramref name="seconds"/> with the vent open, MPa: choked, the
    /// vent's flow is proportional to the absolute pressure, which so decays exponentially; the other
    /// flow in is taken as steady over so short a time.
    /// </summary>
    internal static double Fall(double pOutMpa, double ventLpm, double netInLpm, double capacitance, double seconds)
    {
        var absolute = pOutMpa + GasFlow.AtmosphereMpa;
        if (capacitance <= 0.0 || absolute <= 0.0 || seconds <= 0.0)
        {
            return 0.0;
        }

        var perS = ventLpm / (capacitance * absolute);
        return (absolute * (1.0 - Math.Exp(-perS * seconds))) - (netInLpm / capacitance * seconds);
    }
}
