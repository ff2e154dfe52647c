namespace HydroOxygen.Controller.Records;

/// <summary>One entry of the event log: the row of the <c>events</c> table.</summary>
/// <param name="SessionId">The session it belongs to; null for events outside any session.</param>
/// <param name="LoopS">When it happened on the loop clock, s (null for the recorder's own entries).</param>
/// <param name="Kind">One of <see cref="EventKinds"/>.</param>
/// <param name="State">The device state after the event.</param>
/// <param name="Code">The alarm code, for alarm events.</param>
/// <param name="Value">The event's figure: the value that raised an alarm, a setpoint, spray seconds.</param>
/// <param name="Detail">The event in words.</param>
public sealed record EventRecord(
    long Id,
    long? SessionId,
    DateTimeOffset At,
    double? LoopS,
    string Kind,
    string? State,
    string? Code,
    double? Value,
    string Detail);

/// <summary>The kinds of event-log entries.</summary>
public static class EventKinds
{
    public const string State = "state";
    public const string AlarmRaised = "alarm_raised";
    public const string AlarmCleared = "alarm_cleared";
    public const string AlarmsAcknowledged = "alarms_acknowledged";
    public const string Command = "command";
    public const string CommandRefused = "command_refused";
    public const string SessionStarted = "session_started";
    public const string SessionEnded = "session_ended";
    public const string SessionInterrupted = "session_interrupted";

    /// <summary>The device stopped with the bottle under pressure (or unreadable): do not open it.</summary>
    public const string BottleUnderPressure = "bottle_under_pressure";
}
