namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// What a generated session can do to the device: the technician's controls, the engineer's
/// service switch, and the tester's fault injection. There is no separate "charge" command on the
/// device: charging follows a pedal press on an uncharged bottle, so <see cref="Charge"/> is a
/// short pedal tap.
/// </summary>
internal enum OperatorActionKind
{
    /// <summary>Let the loop run for a while with nothing touched.</summary>
    Wait,
    PowerOn,
    PowerOff,
    SelectSource,
    SelectProgram,
    SetPressure,
    PedalDown,
    PedalUp,
    Charge,
    AcknowledgeAlarms,
    Shutdown,
    EnterService,
    ExitService,
    InjectFault,
    ClearFault,
}
