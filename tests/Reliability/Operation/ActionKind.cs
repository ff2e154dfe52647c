namespace HydroOxygen.Reliability.Operation;

/// <summary>What a technician (or the plant) can do to the device between two ticks.</summary>
public enum ActionKind : byte
{
    PedalDown,
    PedalUp,
    SetSetpoint,
    SelectProgram,
    SelectSource,
    AcknowledgeAlarms,

    /// <summary>The software shutdown (API, SIGTERM).</summary>
    Shutdown,

    /// <summary>The rocker power switch on.</summary>
    PowerOn,

    /// <summary>The rocker power switch off.</summary>
    PowerOff,
    InjectFault,
    ClearFault,
}
