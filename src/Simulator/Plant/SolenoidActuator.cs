namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The armature of a solenoid valve: it follows its coil after a pull-in (on) or drop-out (off)
/// delay, and a stuck fault can pin it open or shut whatever the coil does.
/// </summary>
internal struct SolenoidActuator
{
    private bool _coil;
    private bool _energizedNow;
    private double _pending;

    /// <summary>Whether gas passes with the coil de-energized.</summary>
    public bool NormallyOpen;

    public double OnDelay;
    public double OffDelay;

    /// <summary>Null: healthy. True/false: pinned open/closed by a fault.</summary>
    public bool? StuckOpen;

    public static SolenoidActuator Create(bool normallyOpen, double onDelay, double offDelay) =>
        new() { NormallyOpen = normallyOpen, OnDelay = onDelay, OffDelay = offDelay };

    public readonly bool Coil => _coil;

    /// <summary>Whether gas passes now.</summary>
    public readonly bool IsOpen => StuckOpen ?? (_energizedNow != NormallyOpen);

    public void Command(bool energized)
    {
        if (energized == _coil)
        {
            return;
        }

        _coil = energized;
        _pending = energized == _energizedNow ? 0.0 : (energized ? OnDelay : OffDelay);
        if (_pending <= 0.0)
        {
            _energizedNow = energized;
        }
    }

    public void Advance(double dt)
    {
        if (_pending <= 0.0)
        {
            return;
        }

        _pending -= dt;
        if (_pending <= 1e-12)
        {
            _pending = 0.0;
            _energizedNow = _coil;
        }
    }
}
