namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// The <c>telemetry</c> object of <c>GET /api/status</c> (and of the published status): whether the
/// device reaches its broker, and what waits in the outbox.
/// </summary>
/// <param name="Enabled"><c>Telemetry:Enabled</c>.</param>
/// <param name="Connected">Connected to the broker now.</param>
/// <param name="LastError">Why the last connection or publication failed (null once it works again).</param>
/// <param name="LastErrorAt">When that failure was seen.</param>
/// <param name="OutboxDepth">Events and session records waiting in the outbox (<see cref="OutboxAwaitingBroker"/> plus <see cref="OutboxAwaitingCollector"/>).</param>
/// <param name="OutboxSessions">Of those, session records.</param>
/// <param name="OutboxMb">The outbox's size as <c>Telemetry:OutboxMaxMb</c> bounds it, MB.</param>
/// <param name="Dropped">Events dropped from a full outbox, ever (session records are never dropped).</param>
/// <param name="PublishFailures">Publications that failed since the service started (counted, then sent again).</param>
/// <param name="LastAcknowledgedAt">When the broker last acknowledged an event or session record.</param>
/// <param name="OutboxAwaitingBroker">Of the outbox, messages not yet (or no longer) acknowledged by the broker: sent next.</param>
/// <param name="OutboxAwaitingCollector">Of the outbox, messages the broker acknowledged that wait for a collector's acknowledgement (<c>Telemetry:AwaitCollectorAck</c>).</param>
/// <param name="LastCollectorAckAt">When a collector's acknowledgement last released outbox rows.</param>
/// <param name="MalformedAcks">Messages on the device's acks topic that were not an acknowledgement, ignored, since the service started.</param>
public sealed record TelemetryResponse(
    bool Enabled,
    bool Connected,
    string? Broker,
    string? DeviceId,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long OutboxDepth,
    long OutboxSessions,
    double OutboxMb,
    long Dropped,
    long PublishFailures,
    DateTimeOffset? LastAcknowledgedAt,
    long OutboxAwaitingBroker = 0,
    long OutboxAwaitingCollector = 0,
    DateTimeOffset? LastCollectorAckAt = null,
    long MalformedAcks = 0);
