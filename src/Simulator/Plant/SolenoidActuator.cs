namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The armature of a solenoid valve: it follows its coil after a pull-in (on) or drop-out (off)
/// delay, and a stuck fault can pin it open or shut whatever the coil does.
/// </summary>
/// <remarks>
/// Delays are counted in whole plant sub-steps, so the plant can tell in advance when an armature
/// will move and never integrate across that instant.
/// </remarks>
internal struct SolenoidActuator
{
    private bool _coil;
    private bool _energizedNow;
    private int _pendingSteps;

    /// <summary>Whether gas passes with the coil de-energized.</summary>
    public bool NormallyOpen;

    public int OnDelaySteps;
    public int OffDelaySteps;

    /// <summary>Null: healthy. True/false: pinned open/closed by a fault.</summary>
    public bool? StuckOpen;

    /// <param name="onDelay">Pull-in delay, seconds.</param>
    /// <param name="offDelay">Drop-out delay, seconds.</param>
    /// <param name="step">The plant's sub-step, seconds: a delay takes the sub-steps that cover it.</param>
    public static SolenoidActuator Create(bool normallyOpen, double onDelay, double offDelay, double step) =>
        new() { NormallyOpen = normallyOpen, OnDelaySteps = Steps(onDelay, step), OffDelaySteps = Steps(offDelay, step) };

    public readonly bool Coil => _coil;

    /// <summary>Whether gas passes now.</summary>
    public readonly bool IsOpen => StuckOpen ?? (_energizedNow != NormallyOpen);

    /// <summary>Sub-steps until the armature follows its coil (it moves at the start of the last one); 0 when it is at rest.</summary>
    public readonly int PendingSteps => _pendingSteps;

    public void Command(bool energized)
    {
        if (energized == _coil)
        {
            return;
        }

        _coil = energized;
        _pendingSteps = energized == _energizedNow ? 0 : (energized ? OnDelaySteps : OffDelaySteps);
        if (_pendingSteps <= 0)
        {
            _energizedNow = energized;
        }
    }

    /// <summary>Advances by <paramref name="steps"/> sub-steps (never past the move: see <see cref="PendingSteps"/>).</summary>
    public void Advance(int steps)
    {
        if (_pendingSteps <= 0)
        {
            return;
        }

        _pendingSteps -= steps;
        if (_pendingSteps <= 0)
        {
            _pendingSteps = 0;
            _energizedNow = _coil;
        }
    }

    // The armature moves in the sub-step during which its delay runs out (a 1e-12 s tolerance for
    // delays that are whole sub-steps but not exactly representable).
    private static int Steps(double delay, double step) => delay <= 1e-12 ? 0 : (int)Math.Ceiling((delay - 1e-12) / step);
}
