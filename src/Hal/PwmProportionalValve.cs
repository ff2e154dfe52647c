namespace HydroOxygen.Hal;

/// <summary>
/// A proportional solenoid valve driven by PWM. Opening 0 maps to duty 0 (coil off, valve shut);
/// any opening above 0 maps linearly into the duty band where the valve actually modulates, so the
/// regulator does not have to learn the valve's cracking duty.
/// </summary>
public sealed class PwmProportionalValve : IProportionalValve
{
    private readonly IPwmOutput _pwm;
    private readonly double _crackingDuty;
    private readonly double _fullOpenDuty;

    public PwmProportionalValve(IPwmOutput pwm, double crackingDuty = 0.0, double fullOpenDuty = 1.0)
    {
        ArgumentNullException.ThrowIfNull(pwm);
        if (!(crackingDuty >= 0) || !(fullOpenDuty <= 1) || !(crackingDuty < fullOpenDuty))
        {
            throw new ArgumentOutOfRangeException(nameof(crackingDuty), $"Duty band must satisfy 0 <= cracking ({crackingDuty}) < full open ({fullOpenDuty}) <= 1.");
        }

        _pwm = pwm;
        _crackingDuty = crackingDuty;
        _fullOpenDuty = fullOpenDuty;
    }

    public double CommandedOpening { get; private set; }

    public void SetOpening(double opening)
    {
        if (!(opening >= 0.0 && opening <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(opening), opening, "Valve opening must be within 0–1.");
        }

        _pwm.SetDutyCycle(opening == 0.0 ? 0.0 : _crackingDuty + (opening * (_fullOpenDuty - _crackingDuty)));
        CommandedOpening = opening;
    }
}
