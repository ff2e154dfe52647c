namespace HydroOxygen.Controller.Records;

/// <summary>One treatment (first spray to shutdown or to its last spray before an idle time) as stored: the row of the <c>sessions</c> table.</summary>
/// <param name="EndedAt">Null while the session is open.</param>
/// <param name="EndReason">How it ended: <see cref="SessionEndReasons"/>; null while open.</param>
/// <param name="Programs">Every program used, in order of first use.</param>
/// <param name="GasSources">Every gas source used, in order of first use.</param>
/// <param name="SetpointsMpa">Every setpoint used, in order of first use.</param>
/// <param name="Alarms">The alarm codes raised during the session, in order of first occurrence.</param>
/// <param name="OxygenL">Estimated oxygen taken from the cylinder, litres ANR (0 on compressed air, and in records older than the figure).</param>
/// <param name="Plan">The treatment plan followed in the session (the last one started), or null.</param>
/// <param name="PlanStepSprayS">That plan's spray seconds, one per step in the plan's order; empty without a plan.</param>
/// <param name="Plans">Every plan run during the session, in the order they were started, each with its spray seconds per step.</param>
public sealed record SessionRecord(
    long Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    DateTimeOffset UpdatedAt,
    double DurationS,
    string Program,
    IReadOnlyList<string> Programs,
    string GasSource,
    IReadOnlyList<string> GasSources,
    IReadOnlyList<double> SetpointsMpa,
    double SprayS,
    double LiquidMl,
    int AlarmCount,
    IReadOnlyList<string> Alarms,
    string? ClientCode,
    double OxygenL = 0,
    string? Plan = null,
    IReadOnlyList<double>? PlanStepSprayS = null,
    IReadOnlyList<PlanRun>? Plans = null);

/// <summary>A treatment plan run during a session: its name and the spray seconds of each of its steps, in the plan's order.</summary>
public sealed record PlanRun(string Plan, IReadOnlyList<double> StepSprayS);

/// <summary>Why a session record was closed.</summary>
public static class SessionEndReasons
{
    /// <summary>The device shut down (power switch, API, SIGTERM): the normal end.</summary>
    public const string Shutdown = "shutdown";

    /// <summary>Kept for records written by earlier releases (a record per program run, retired).</summary>
    public const string ProgramChanged = "program_changed";

    /// <summary>No spray for <see cref="RecordsOptions.TreatmentIdleMinutes"/>: the treatment ended with its last spray.</summary>
    public const string Idle = "idle";

    /// <summary>The process died with the session open (crash, kill, power loss); closed at the next start with its last checkpoint.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>The service stopped with the session still open (the device was in Fault, or could not finish venting).</summary>
    public const string Stopped = "stopped";
}

