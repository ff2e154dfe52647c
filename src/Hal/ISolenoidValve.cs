namespace HydroOxygen.Hal;

/// <summary>An on/off solenoid valve, commanded by what it should do to the gas, not by its coil.</summary>
public interface ISolenoidValve
{
    ValveNormalPosition NormalPosition { get; }

    /// <summary>Commands the valve open or closed; the coil level follows from <see cref="NormalPosition"/>.</summary>
    void SetOpen(bool open);

    /// <summary>Whether the valve was last commanded open.</summary>
    bool IsCommandedOpen { get; }
}
