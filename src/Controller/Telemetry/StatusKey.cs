using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// What makes the retained status worth publishing again at once: state, program, gas, setpoint,
/// the alarms shown, a session starting or ending, a backlog in the outbox appearing or going (the
/// few messages of ordinary traffic do not count). Pressures alone
/// do not (they go in the telemetry samples).
/// </summary>
internal readonly record struct StatusKey(
    DeviceState State,
    int Program,
    GasSource Gas,
    int SetpointKpa,
    ulong Latched,
    ulong Acknowledged,
    ulong Active,
    bool SessionActive,
    bool OutboxWaiting,
    long SessionsRecorded)
{
    public static StatusKey Of(in ControllerStatus status, bool outboxWaiting, long sessionsRecorded)
    {
        ulong latched = 0, acknowledged = 0, active = 0;
        var alarms = status.Alarms;
        for (var i = 0; i < AlarmCatalog.Count; i++)
        {
            var bit = 1UL << i;
            latched |= alarms[i].Latched ? bit : 0;
            acknowledged |= alarms[i].Acknowledged ? bit : 0;
            active |= alarms[i].Active ? bit : 0;
        }

        return new StatusKey(
            status.State,
            status.ProgramIndex,
            status.GasSource,
            (int)Math.Round(status.SetpointMpa * 1000),
            latched,
            acknowledged,
            active,
            status.Session.Active,
            outboxWaiting,
            sessionsRecorded);
    }
}
