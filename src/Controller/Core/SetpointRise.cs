namespace HydroOxygen.Controller.Core;

/// <summary>
/// The answer to a raised setpoint (DESIGN §2.3): the inlet fully open at once, then shut just early
/// enough that the spool's closing tail — the inflow it still passes while it closes on its lag, less
/// the draw — carries the manifold to the setpoint. The nearest a lagging inlet comes to the least
/// possible rise without overshooting it.
/// </summary>
/// <remarks>
/// The brake is decided each tick from the measured pressure and a model of the spool (its opening,
/// its lag), the inlet's capacity, the draw and the manifold's volume — not from a ramp — so a
/// capacity or draw the model gets wrong moves where it brakes, not where it arrives. The power-on
/// fill (from an empty manifold, on <see cref="PressureRegulator.Engage"/>) is not a raise: it keeps
/// its own path. Nothing here allocates.
/// </remarks>
public struct SetpointRise
{
    /// <summary>
    /// A setpoint that jumps up by more than this in one tick, MPa, to more than this above the
    /// manifold, is a raise; anything smaller (or a setpoint ramped by its caller, as a service fill
    /// does) is left to the reference ramp.
    /// </summary>
    internal const double MinRiseMpa = 0.03;

    /// <summary>
    /// Once braking, a manifold predicted to stop this far short, MPa, opens the inlet again for a
    /// tick: several times the transducer's noise, so that noise does not reopen it.
    /// </summary>
    private const double ShortfallMpa = 0.005;

    /// <summary>The brake hands over to the regulator when the spool is within this of the draw's opening.</summary>
    private const double SettledOpening = 0.02;

    /// <summary>A rise longer than this many inlet lags past its brake hands over regardless (a model gone wrong).</summary>
    private const double BrakeLags = 6.0;

    private double _spool;
    private double _lastSetpoint;
    private double _brakeSince;
    private RisePhase _phase;
    private bool _endedOnTarget;
    private bool _cut;
    private double _cutStopMpa;

    public enum RisePhase
    {
        None,
        Fill,
        Brake,
    }

    public readonly RisePhase Phase => _phase;
    public readonly bool Active => _phase != RisePhase.None;

    /// <summary>The last rise ended at or below its setpoint (not cut short by a spray or a lost head, nor left above a lowered one).</summary>
    public readonly bool EndedOnTarget => _endedOnTarget;

    /// <summary>
    /// What the runaway check measures from during a rise: the setpoint, or — once a lower setpoint cut
    /// the rise short — no lower than where the spool's tail was then predicted to carry the manifold.
    /// </summary>
    public readonly double ReferenceMpa(double setpointMpa) =>
        _cut ? Math.Max(setpointMpa, _cutStopMpa) : setpointMpa;

    /// <summary>The modelled opening of the inlet spool now, 0–1.</summary>
    public readonly double SpoolOpening => _spool;

    /// <summary>Forgets any rise and the setpoint it came from: the next setpoint seen is where the regulator starts, not a raise.</summary>
    public void Reset()
    {
        _phase = RisePhase.None;
        _lastSetpoint = double.NaN;
        _cut = false;
    }

    /// <summary>The inlet is shut and not driven by the regulator (idle): the spool closes, and any rise is forgotten.</summary>
    public void InletShut()
    {
        _spool = 0.0;
        Reset();
    }

    /// <summary>Follows the spool towards what was written this tick (it acts over the next period).</summary>
    public void Written(double inletOpening, double lagBlend) => _spool += (inletOpening - _spool) * lagBlend;

    /// <summary>
    /// This tick's inlet command for a rise in progress (starting one on a raised setpoint), or NaN
    /// when no rise runs — also on the tick one ends, so the regulator takes over from there.
    /// </summary>
    /// <param name="eligible">Nothing else asks for the inlet this tick: head across it, no spray.</param>
    /// <param name="rateMpaPerS">Inflow at full opening as a pressure rate: inlet capacity over the manifold's capacitance.</param>
    /// <param name="drawOpening">The opening that just feeds the draw (draw over capacity), 0–1.</param>
    /// <param name="tickS">The period over which this tick's command acts, s.</param>
    public double Command(double setpointMpa, double pOutMpa, bool eligible, double rateMpaPerS, double drawOpening, double lagS, double tickS, double now)
    {
        var raised = setpointMpa - _lastSetpoint > MinRiseMpa;
        var changed = setpointMpa != _lastSetpoint;
        _lastSetpoint = setpointMpa;
        if (!eligible || (changed && !raised && _phase == RisePhase.None))
        {
            _phase = RisePhase.None;
            _endedOnTarget = false;
            _cut = false;
            return double.NaN;
        }

        var stop = pOutMpa + Carry(_spool, drawOpening, rateMpaPerS, lagS);
        if (raised && setpointMpa - pOutMpa > MinRiseMpa)
        {
            _phase = RisePhase.Fill;
            _endedOnTarget = false;
            _cut = false;
        }
        else if (changed && !raised)
        {
            // A lower setpoint mid-rise: the spool still carries what it has let in, so the rise goes
            // on towards the new setpoint and brakes the tail out itself; handed to the regulator now,
            // a spool closing from full opening took the manifold past the runaway margin.
            _cutStopMpa = _cut ? Math.Max(_cutStopMpa, stop) : stop;
            _cut = true;
        }

        if (_phase == RisePhase.None)
        {
            return double.NaN;
        }

        if (_phase == RisePhase.Fill)
        {
            if (stop < setpointMpa)
            {
                // The last tick of the fill opens only as far as lands the tail on the setpoint: a whole
                // tick at full opening carries the manifold ~12 kPa further on a 0.15 MPa rise.
                var perTick = rateMpaPerS * tickS;
                return perTick > 0.0 ? Math.Min(1.0, (setpointMpa - stop) / perTick) : 1.0;
            }

            _phase = RisePhase.Brake;
            _brakeSince = now;
        }

        if (_spool <= drawOpening + SettledOpening || now - _brakeSince > BrakeLags * lagS)
        {
            _phase = RisePhase.None;
            _endedOnTarget = !_cut || pOutMpa <= setpointMpa;
            _cut = false;
            return double.NaN;
        }

        return stop < setpointMpa - ShortfallMpa ? 1.0 : 0.0;
    }

    /// <summary>
    /// How much further the manifold rises if the inlet is commanded shut now, MPa: the spool closes
    /// exponentially on its lag from <paramref name="opening"/>, and the manifold rises while the
    /// spool still passes more than the draw (at <paramref name="drawOpening"/>).
    /// </summary>
    internal static double Carry(double opening, double drawOpening, double rateMpaPerS, double lagS)
    {
        var u = Math.Max(0.0, drawOpening);
        if (opening <= u || lagS <= 0.0)
        {
            return 0.0;
        }

        var held = u > 1e-9 ? u * Math.Log(opening / u) : 0.0;
        return rateMpaPerS * lagS * (opening - u - held);
    }
}
