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
/// The retained <c>maintenance</c> message. The wear counters of DESIGN §2.8 (spray hours, valve
/// cycles, compressor hours, service due) are not kept yet; until they are, <see cref="Counters"/> is
/// null and the figures are the lifetime totals of the session records (<see cref="Basis"/> says so).
/// </summary>
/// <param name="Basis"><c>records</c>: totals summed from the session records; the counters will say <c>counters</c>.</param>
public sealed record MaintenanceMessage(
    DateTimeOffset Time,
    string Basis,
    int Sessions,
    double SessionHours,
    double SprayHours,
    double LiquidMl,
    IReadOnlyDictionary<string, double>? Counters);
