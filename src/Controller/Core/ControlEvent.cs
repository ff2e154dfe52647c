namespace HydroOxygen.Controller.Core;

public enum ControlEventKind : byte
{
    StateChanged,
    AlarmRaised,
    AlarmCleared,
    AlarmsAcknowledged,
    CommandAccepted,
    CommandRejected,
    SessionStarted,
    SessionEnded,

    /// <summary>
    /// The device stopped working the bottle (Off, Fault, or a shutdown that must leave it sealed)
    /// with the bottle under pressure, or unreadable: do not open it. <see cref="ControlEvent.Value"/>
    /// is the bottle reading (its last good one when the sensor is faulty, which <see cref="ControlEvent.Alarm"/>
    /// then says: <see cref="AlarmCode.SensorFault"/>), MPa.
    /// </summary>
    BottleUnderPressure,
}

/// <summary>
/// Something worth a log line, produced on the tick and consumed off it. A plain value so that the
/// tick can record it without allocating; the fields that do not apply to a kind are default.
/// </summary>
public readonly record struct ControlEvent(
    double Time,
    ControlEventKind Kind,
    DeviceState From = DeviceState.Off,
    DeviceState To = DeviceState.Off,
    AlarmCode Alarm = AlarmCode.OverPressure,
    double Value = 0.0,
    ControlCommand Command = default,
    CommandOutcome Outcome = CommandOutcome.Accepted);
