namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// The technician's routine controls (DESIGN §3.1's actions, faults excepted): what a working day
/// with a healthy device consists of.
/// </summary>
public enum RoutineActionKind : byte
{
    /// <summary>Nothing touched for the pause.</summary>
    Wait,

    /// <summary>The rocker switch on.</summary>
    PowerOn,

    /// <summary>The rocker switch off (the shutdown sequence).</summary>
    PowerOff,

    /// <summary>The rocker off and on again after the pause's first part (<see cref="RoutineAction.Value"/> seconds).</summary>
    PowerCycle,

    /// <summary>The dashboard's shutdown button (the API's shutdown).</summary>
    Shutdown,
    SelectSource,
    SelectProgram,

    /// <summary>A setpoint anywhere in the program's range: <see cref="RoutineAction.Value"/> is the fraction of it.</summary>
    SetPressure,

    /// <summary>The setpoint moved by <see cref="RoutineAction.Steps"/> × 5 kPa from where it is, kept within the program's range.</summary>
    NudgePressure,

    /// <summary>The pedal pressed and held (until a later release).</summary>
    PedalDown,
    PedalUp,

    /// <summary>The pedal pressed for <see cref="RoutineAction.Value"/> seconds (5 ms–10 s), then released.</summary>
    PedalTap,
    AcknowledgeAlarms,
}
