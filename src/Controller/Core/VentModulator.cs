namespace HydroOxygen.Controller.Core;

/// <summary>
/// Turns a vent duty (0–1) into open/closed for an on/off solenoid by time-proportioning over a
/// fixed period, and fires single pulses of a given open time.
/// </summary>
/// <remarks>
/// A solenoid only moves if its command outlasts its delay: the vent is normally open, so "open"
/// drops the coil out (after the drop-out delay) and "close" pulls it in (after the pull-in delay).
/// A command shorter than the drop-out delay never opens the vent at all, and a longer one opens it
/// for the command less the difference of the two delays — so the shortest real opening is about
/// the pull-in delay. The modulator lengthens each pulse by that difference and rounds requests to
/// what the valve can do: dropped below half the shortest opening, raised to it above.
/// A large demand that arrives while the vent is closed for the rest of its period starts a new
/// period at once: a falling reference first asks for less than the shortest opening, and waiting
/// out the period that rounded it to nothing would add a whole period of dead time to every
/// pressure drop. Small trimming demands keep the period, so they do not chatter the valve.
/// </remarks>
public struct VentModulator
{
    /// <summary>A demand at least this large is a descent, not a trim: it does not wait for the period.</summary>
    private const double UrgentDuty = 0.5;

    private double _periodStart;
    private double _onTime;
    private double _pulseFrom;
    private double _pulseUntil;

    public void Reset(double now)
    {
        _periodStart = now;
        _onTime = 0.0;
        _pulseFrom = now;
        _pulseUntil = now;
    }

    /// <summary>
    /// One pulse that keeps the vent actually open for about <paramref name="openSeconds"/>, commanded
    /// <paramref name="startIn"/> seconds from now. A pulse asked for while another is pending or
    /// running merges with it.
    /// </summary>
    public void Pulse(double openSeconds, double now, double openDelay, double closeDelay, double startIn = 0.0)
    {
        var command = Command(openSeconds, openDelay, closeDelay);
        if (command <= 0.0)
        {
            return;
        }

        var from = now + Math.Max(0.0, startIn);
        _pulseFrom = now < _pulseUntil ? Math.Min(_pulseFrom, from) : from;
        _pulseUntil = Math.Max(_pulseUntil, from + command);
    }

    /// <summary>Drops a pending or running pulse: what it was to take out is about to leave another way.</summary>
    public void CancelPulse(double now) => _pulseUntil = Math.Min(_pulseUntil, now);

    /// <param name="openDelay">Delay from "open" to the vent opening (the coil's drop-out), s.</param>
    /// <param name="closeDelay">Delay from "close" to the vent closing (the coil's pull-in), s.</param>
    /// <returns>Whether the vent should be commanded open this tick.</returns>
    public bool Update(double duty, double now, double period, double openDelay, double closeDelay)
    {
        var elapsed = now - _periodStart;
        if (elapsed >= period || duty <= 0.0)
        {
            _periodStart = now;
            _onTime = OnTime(duty, period, openDelay, closeDelay);
        }
        else if (elapsed >= _onTime && duty >= UrgentDuty)
        {
            var onTime = OnTime(duty, period, openDelay, closeDelay);
            if (onTime > _onTime + closeDelay)
            {
                _periodStart = now;
                _onTime = onTime;
            }
        }

        return now - _periodStart < _onTime || (now >= _pulseFrom && now < _pulseUntil);
    }

    private static double OnTime(double duty, double period, double openDelay, double closeDelay)
    {
        var open = Math.Clamp(duty, 0.0, 1.0) * period;
        return open >= period - closeDelay ? period : Math.Min(period, Command(open, openDelay, closeDelay));
    }

    /// <summary>How long to command "open" for the vent to be open for <paramref name="open"/> seconds; 0 if not worth it.</summary>
    private static double Command(double open, double openDelay, double closeDelay)
    {
        var shortest = Math.Max(closeDelay, 1e-3);
        if (open < shortest / 2)
        {
            return 0.0;
        }

        // Commanded time = open time + (drop-out − pull-in), and never less than just over the
        // drop-out delay, below which the armature does not move at all.
        return Math.Max(Math.Max(open, shortest) + Math.Max(0.0, openDelay - closeDelay), openDelay + 0.002);
    }
}
