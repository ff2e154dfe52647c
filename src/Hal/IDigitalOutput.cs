namespace HydroOxygen.Hal;

/// <summary>A driven output: a solenoid coil, a relay, a motor contactor.</summary>
public interface IDigitalOutput
{
    /// <summary>Energizes (<c>true</c>) or de-energizes the load. De-energized is always the hardware's safe level.</summary>
    void Write(bool energized);

    /// <summary>The level last written.</summary>
    bool IsEnergized { get; }
}
