using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// <c>GET /api/status</c> (DESIGN §3.4). The field names are a contract: <c>state</c>, <c>program</c>,
/// <c>gasSource</c>, <c>setpointMpa</c>, <c>pressures</c>, <c>pedal</c>, <c>alarms</c>, <c>session</c>;
/// the others are additions a screen needs.
/// </summary>
/// <param name="State">A state name of DESIGN §2.1 (<c>Ready</c>, <c>Spraying</c>, …).</param>
/// <param name="GasSource"><c>oxygen</c>, <c>compressor</c>, or <c>none</c> before one is chosen.</param>
/// <param name="SetpointRange">The setpoints the current program allows now.</param>
/// <param name="Pedal">The foot switch is pressed (debounced), as the controller sees it.</param>
/// <param name="Loop">The real-time loop's timing (DESIGN §2.2).</param>
/// <param name="Time">When the snapshot was taken (the tick it comes from).</param>
/// <param name="Telemetry">Fleet telemetry (DESIGN §3.6): connection, last error, outbox depth and drops.</param>
/// <param name="Plan">The treatment plan being followed (DESIGN §2.7), null when none runs.</param>
/// <param name="DayRoutine">The start-of-day check or end-of-day purge running, or the last one since power-on (DESIGN §2.8); null when none.</param>
/// <param name="BottleUnderPressure">
/// Set while the device is not working the bottle (Off, Fault, a shutdown that had to leave it sealed, or
/// Idle and Pressurizing after a Service exit that had to leave it sealed) and the bottle is under pressure or its sensor cannot say: "do not open" (DESIGN §2.5); null otherwise.
/// </param>
public sealed record StatusResponse(
    string State,
    DateTimeOffset StateSince,
    string Program,
    string GasSource,
    double SetpointMpa,
    SetpointRange SetpointRange,
    Pressures Pressures,
    bool Pedal,
    bool LiquidPresent,
    IReadOnlyList<AlarmResponse> Alarms,
    SessionResponse Session,
    LoopTimingResponse Loop,
    DateTimeOffset Time,
    Telemetry.TelemetryResponse? Telemetry = null,
    BottleWarningResponse? BottleUnderPressure = null,
    PlanStatusResponse? Plan = null,
    DayRoutineResponse? DayRoutine = null);

/// <summary>Measured pressures (gauge), MPa.</summary>
/// <param name="Faulty">
/// The channels (<c>out</c>, <c>bottle</c>, <c>src</c>) whose sensor the controller judges faulty: their
/// value is the last good reading, not a live one, and a screen must not show it as live.
/// </param>
public sealed record Pressures(double OutMpa, double BottleMpa, double SrcMpa, IReadOnlyList<string> Faulty);

/// <summary>An allowed setpoint range, MPa (inclusive).</summary>
public sealed record SetpointRange(double MinMpa, double MaxMpa);

/// <summary>A latched alarm: raised and not yet both cleared and acknowledged.</summary>
/// <param name="Priority"><c>high</c>, <c>medium</c> or <c>low</c>.</param>
/// <param name="Since">When it was raised (wall clock, ISO 8601).</param>
/// <param name="Active">Its condition still holds (an acknowledged alarm stays until it clears).</param>
public sealed record AlarmResponse(string Code, string Priority, DateTimeOffset Since, bool Acknowledged, bool Active);

/// <summary>The treatment session as the core tallies it (power-on to shutdown).</summary>
/// <param name="ElapsedS">The session timer.</param>
/// <param name="SprayS">Time spent spraying.</param>
/// <param name="LiquidUsedMl">Estimated nutrient liquid used.</param>
/// <param name="RecordId">The id of its session record, once written.</param>
public sealed record SessionResponse(bool Active, DateTimeOffset? StartedAt, double ElapsedS, double SprayS, double LiquidUsedMl, long? RecordId);

/// <summary>
/// The real-time loop's timing since the service started, measured on every tick (DESIGN §2.2).
/// Lateness is how long after its absolute deadline a tick started; percentiles are good to ~4 %.
/// </summary>
/// <param name="RateHz">The configured loop rate.</param>
/// <param name="Ticks">Ticks run so far.</param>
/// <param name="Overruns">Ticks that started more than a whole period after their deadline.</param>
/// <param name="SkippedDeadlines">Deadlines passed over, not run late, once the loop had fallen whole periods behind.</param>
/// <param name="MeanPeriodUs">Mean interval between tick starts, µs.</param>
/// <param name="MinPeriodUs">Shortest interval between tick starts, µs (jitter is its spread with the longest).</param>
/// <param name="MaxPeriodUs">Longest interval between tick starts, µs.</param>
/// <param name="LatenessP99Us">99th percentile of tick lateness, µs.</param>
/// <param name="LatenessMaxUs">Worst tick lateness, µs.</param>
/// <param name="MaxStepUs">Longest control step (read inputs to write outputs), µs.</param>
public sealed record LoopTimingResponse(
    double RateHz,
    long Ticks,
    long Overruns,
    long SkippedDeadlines,
    double MeanPeriodUs,
    double MinPeriodUs,
    double MaxPeriodUs,
    double LatenessP99Us,
    double LatenessMaxUs,
    double MaxStepUs);
