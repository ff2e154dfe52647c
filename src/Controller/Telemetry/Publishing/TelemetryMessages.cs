using HydroOxygen.Controller.Api;

namespace HydroOxygen.Controller.Telemetry.Publishing;

/// <summary>
/// The retained <c>status</c> message (DESIGN §3.6): the HTTP API's status fields a fleet needs,
/// with who the device is. The last will is <see cref="OfflineStatus"/>.
/// </summary>
/// <param name="SessionsToday">Sessions started since local midnight (from the records).</param>
public sealed record StatusMessage(
    bool Online,
    string DeviceId,
    string Site,
    string Version,
    DateTimeOffset Time,
    string State,
    DateTimeOffset StateSince,
    string Program,
    string GasSource,
    double SetpointMpa,
    Pressures Pressures,
    bool Pedal,
    IReadOnlyList<AlarmResponse> Alarms,
    SessionResponse Session,
    int SessionsToday,
    TelemetryResponse Telemetry);

/// <summary>The last will, kept by the broker when the device vanishes: <c>{"online":false}</c>. A clean stop publishes the whole status with <c>online</c> false instead.</summary>
public sealed record OfflineStatus(bool Online);

/// <summary>A <c>telemetry</c> sample (QoS 0, every <c>Telemetry:SampleIntervalS</c>).</summary>
public sealed record TelemetrySample(
    DateTimeOffset Time,
    string State,
    string Program,
    double SetpointMpa,
    Pressures Pressures,
    bool Pedal,
    int ActiveAlarms,
    double SessionSprayS);

/// <summary>
/// The retained <c>maintenance</c> message: the lifetime totals of the session records and, where the
/// device keeps them, the wear counters of DESIGN §2.8 in <see cref="Counters"/> (each item's count, its
/// interval, the count since its last service and <c>…Due</c> 1/0; <see cref="Basis"/> <c>counters</c>).
/// </summary>
/// <param name="Basis"><c>counters</c> with the wear counters; <c>records</c>: only the session records' totals (<see cref="Counters"/> null).</param>
public sealed record MaintenanceMessage(
    DateTimeOffset Time,
    string Basis,
    int Sessions,
    double SessionHours,
    double SprayHours,
    double LiquidMl,
    IReadOnlyDictionary<string, double>? Counters);
