namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The spool of the proportional inlet valve: its opening follows the PWM duty through a first-order
/// lag; a stuck fault pins it fully open or shut.
/// </summary>
internal struct ProportionalActuator
{
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

    /// <summary>
    /// Advances <paramref name="steps"/> sub-steps with the duty held and returns the mean effective
    /// opening over them (the opening the flow sees across one integration step).
    /// </summary>
    public double Advance(int steps, LagPowers lag)
    {
        if (steps == 1)
        {
            Opening += (Duty - Opening) * lag.Blend;
            return EffectiveOpening;
        }

        var distance = Opening - Duty;
        Opening = Duty + (distance * lag.Power(steps));
        return StuckOpen switch
        {
            true => 1.0,
            false => 0.0,
            null => Duty + (distance * lag.MeanFactor(steps)),
        };
    }
}
