namespace HydroOxygen.Controller.Core;

/// <summary>
/// Turns a vent duty (0–1) into open/closed for an on/off solenoid by time-proportioning over a
/// fixed period.
/// </summary>
/// <remarks>
/// A solenoid only moves if its command outlasts its delay: the vent is normally open, so "open"
/// drops the coil out (after the drop-out delay) and "close" pulls it in (after the pull-in delay).
/// A command shorter than the drop-out delay never opens the vent at all, and a longer one opens it
/// for the command less the difference of the two delays. The modulator therefore lengthens each
/// pulse by that difference and drops pulses too short to open the valve for a useful time, rather
/// than chattering a coil that cannot follow.
/// </remarks>
public struct VentModulator
{
    private double _periodStart;
    private double _onTime;

    public void Reset(double now)
    {
        _periodStart = now;
        _onTime = 0.0;
    }

    /// <param name="minOpen">Shortest time worth having the vent actually open, s.</param>
    /// <param name="openDelay">Delay from "open" to the vent opening (the coil's drop-out), s.</param>
    /// <param name="closeDelay">Delay from "close" to the vent closing (the coil's pull-in), s.</param>
    /// <returns>Whether the vent should be commanded open this tick.</returns>
    public bool Update(double duty, double now, double period, double minOpen, double openDelay, double closeDelay)
    {
        if (now - _periodStart >= period || duty <= 0.0)
        {
            _periodStart = now;
            var open = Math.Clamp(duty, 0.0, 1.0) * period;
            _onTime = open < minOpen ? 0.0
                : open > period - minOpen ? period
                : Math.Min(period, open + Math.Max(0.0, openDelay - closeDelay));
        }

        return now - _periodStart < _onTime;
    }
}
