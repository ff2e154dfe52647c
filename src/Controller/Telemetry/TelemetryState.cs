namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// What the telemetry service knows about its connection and outbox, for <c>/api/status</c>, the
/// metrics and the published status. Written by the telemetry service, read from any thread.
/// </summary>
public sealed class TelemetryState
{
    private readonly Lock _gate = new();
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _lastAcknowledgedAt;
    private volatile bool _connected;
    private long _publishFailures;
    private long _published;
    private DateTimeOffset? _lastCollectorAckAt;
    private long _malformedAcks;
    private long _collected;
    private Func<(long Depth, long Sessions, long Bytes, long Dropped, long AwaitingCollector)> _outbox = () => default;

    public TelemetryState(TelemetryOptions options, string? deviceId)
    {
        Enabled = options.Enabled;
        Broker = options.Enabled ? options.Broker : null;
        DeviceId = deviceId;
    }

    /// <summary>Telemetry switched off (the repository's default).</summary>
    public static TelemetryState Disabled { get; } = new(new TelemetryOptions(), null);

    public bool Enabled { get; }
    public string? Broker { get; }
    public string? DeviceId { get; }
    public bool Connected => _connected;
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>Messages the broker accepted (QoS 0 sent, QoS 1 acknowledged).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages a collector acknowledged (and the outbox deleted) since the service started.</summary>
    public long Collected => Interlocked.Read(ref _collected);

    /// <summary>Messages on the acks topic that were not an acknowledgement (ignored) since the service started.</summary>
    public long MalformedAcks => Interlocked.Read(ref _malformedAcks);

    /// <summary>The outbox: <c>AwaitingCollector</c> of <c>Depth</c> were acknowledged by the broker and wait for a collector.</summary>
    public (long Depth, long Sessions, long Bytes, long Dropped, long AwaitingCollector) Outbox => _outbox();

    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    internal void AttachOutbox(Func<(long Depth, long Sessions, long Bytes, long Dropped, long AwaitingCollector)> outbox) => _outbox = outbox;

    internal void SetConnected(bool connected)
    {
        _connected = connected;
        if (connected)
        {
            lock (_gate)
            {
                _lastError = null;
            }
        }
    }

    internal void Failed(string problem, DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastError = problem;
            _lastErrorAt = at;
        }
    }

    internal void PublishFailed() => Interlocked.Increment(ref _publishFailures);

    internal void Acknowledged(int count, DateTimeOffset at)
    {
        Interlocked.Add(ref _published, count);
        lock (_gate)
        {
            _lastAcknowledgedAt = at;
        }
    }

    internal void Sent() => Interlocked.Increment(ref _published);

    internal void MalformedAck() => Interlocked.Increment(ref _malformedAcks);

    internal void CollectorAcknowledged(int removed, DateTimeOffset at)
    {
        Interlocked.Add(ref _collected, removed);
        lock (_gate)
        {
            _lastCollectorAckAt = at;
        }
    }

    public TelemetryResponse Describe()
    {
        var (depth, sessions, bytes, dropped, awaitingCollector) = Outbox;
        lock (_gate)
        {
            return new TelemetryResponse(
                Enabled,
                _connected,
                Broker,
                DeviceId,
                _lastError,
                _lastErrorAt,
                depth,
                sessions,
                Math.Round(bytes / 1_000_000.0, 3),
                dropped,
                PublishFailures,
                _lastAcknowledgedAt,
                depth - awaitingCollector,
                awaitingCollector,
                _lastCollectorAckAt,
                MalformedAcks);
        }
    }
}
