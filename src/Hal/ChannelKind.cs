namespace HydroOxygen.Hal;

/// <summary>The electrical kind of a board channel.</summary>
public enum ChannelKind : byte
{
    SolenoidValve,
    PwmValve,
    DigitalOutput,
    PressureSensor,
    DigitalInput,
    AnalogInput,
    Indicator,
}
