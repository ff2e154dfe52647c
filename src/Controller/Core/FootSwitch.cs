namespace HydroOxygen.Controller.Core;

/// <summary>
/// The foot switch as the step interprets it (DESIGN §2.4): a press counts once the contact has
/// stayed closed for the debounce time; a release counts at the first open sample, so releasing
/// stops the spray on the very next tick. A press that was already down when it was last
/// "disarmed" (power-on, end of a fault, spray time-out) is ignored until the pedal is seen up.
/// </summary>
public struct FootSwitch
{
    private bool _pressed;
    private bool _contactClosed;
    private double _closedSince;
    private bool _armed;

    /// <summary>Debounced: the pedal is down.</summary>
    public readonly bool Pressed => _pressed;

    /// <summary>The pedal is down and that press may spray.</summary>
    public readonly bool Held => _pressed && _armed;

    /// <summary>A press now would count: the pedal has been seen released since it was last disarmed.</summary>
    public readonly bool Armed => _armed;

    /// <summary>The pedal is down but is being ignored until it is released.</summary>
    public readonly bool IgnoredUntilReleased => _pressed && !_armed;

    public void Update(bool contact, double now, double debounce)
    {
        if (!contact)
        {
            _contactClosed = false;
            _pressed = false;
            _armed = true;
            return;
        }

        if (!_contactClosed)
        {
            _contactClosed = true;
            _closedSince = now;
        }

        if (!_pressed && now - _closedSince >= debounce - 1e-9)
        {
            _pressed = true;
        }
    }

    /// <summary>Ignores the pedal until it has been seen released.</summary>
    public void RequireRelease() => _armed = false;
}
