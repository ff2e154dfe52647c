namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The foot switch's contacts: what the technician's foot does, plus contact bounce after each
/// change when the <c>pedal_bounce</c> fault is on, and a welded contact for <c>pedal_stuck</c>.
/// </summary>
public sealed class FootSwitchModel
{
    private readonly Random _bounce;
    private readonly double _bounceWindow;
    private double _lastEdgeTime = double.NegativeInfinity;

    public FootSwitchModel(double bounceWindowSeconds, int seed)
    {
        _bounceWindow = bounceWindowSeconds;
        _bounce = new Random(seed);
    }

    /// <summary>Whether the technician's foot holds the pedal down.</summary>
    public bool Pressed { get; private set; }

    public bool Stuck { get; set; }
    public bool Bouncy { get; set; }

    public void Press(bool pressed, double time)
    {
        if (pressed != Pressed)
        {
            Pressed = pressed;
            _lastEdgeTime = time;
        }
    }

    /// <summary>The contact level at <paramref name="time"/>.</summary>
    public bool ContactClosed(double time)
    {
        if (Stuck)
        {
            return true;
        }

        if (Bouncy && time - _lastEdgeTime < _bounceWindow)
        {
            return _bounce.Next(2) == 0;
        }

        return Pressed;
    }
}
