namespace HydroOxygen.Hal;

/// <summary>
/// A solenoid valve on a coil output. Keeps the open/closed ⇄ energized/de-energized translation
/// in one place, so that "open the vent" can never be written as "energize the vent".
/// </summary>
public sealed class SolenoidValve : ISolenoidValve
{
    private readonly IDigitalOutput _coil;

    public SolenoidValve(IDigitalOutput coil, ValveNormalPosition normalPosition)
    {
        ArgumentNullException.ThrowIfNull(coil);
        _coil = coil;
        NormalPosition = normalPosition;
    }

    public ValveNormalPosition NormalPosition { get; }

    public bool IsCommandedOpen => CoilOpensValve(_coil.IsEnergized);

    public void SetOpen(bool open) => _coil.Write(NormalPosition == ValveNormalPosition.NormallyClosed ? open : !open);

    private bool CoilOpensValve(bool energized) => NormalPosition == ValveNormalPosition.NormallyClosed ? energized : !energized;
}
