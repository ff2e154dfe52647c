namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The spool of the proportional inlet valve: its opening follows the PWM duty through a first-order
/// lag; a stuck fault pins it fully open or shut.
/// </summary>
internal struct ProportionalActuator
{
    /// <summary>Fraction of the way to the duty the spool moves in one plant sub-step: 1 − e^(−h/τ).</summary>
    public double StepBlend;
    public double Duty;
    public double Opening;

    /// <summary>Null: healthy. True/false: pinned fully open/closed by a fault.</summary>
    public bool? StuckOpen;

    public readonly double EffectiveOpening => StuckOpen switch
    {
        true => 1.0,
        false => 0.0,
        null => Opening,
    };

    public void Advance() => Opening += (Duty - Opening) * StepBlend;
}
