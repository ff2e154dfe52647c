using System.Reflection;
using System.Text.Json;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace HydroOxygen.Controller.Telemetry.Publishing;

/// <summary>
/// Reports the device to its MQTT 5 broker (DESIGN §3.6), entirely off the tick: it reads the
/// loop's published status snapshot and what the records writer committed, like the web server.
/// Two loops: one copies new events and finished sessions into the outbox (and keeps it within
/// its bound) whether or not the broker is there; the other keeps a connection, with back-off, and
/// publishes status, samples, maintenance and the outbox. A message the broker acknowledged (PUBACK)
/// stays in the outbox until a collector says, on the device's <c>acks</c> topic, that it committed
/// it (<see cref="TelemetryOptions.AwaitCollectorAck"/>): a broker acknowledges before it saves.
/// After every reconnect whatever no collector acknowledged is sent again, in order, and so is a
/// message still unacknowledged <see cref="TelemetryOptions.CollectorAckTimeoutS"/> after its PUBACK
/// (then after twice that, … up to 64 times, per message).
/// </summary>
/// <remarks>
/// A failure to connect or publish is logged once per distinct problem, shown in
/// <c>/api/status</c>, and retried; nothing of it reaches the control loop. The only topic the
/// device subscribes to is its own <c>acks</c>, and an acknowledgement can only release outbox rows
/// it names: nothing from the broker can act on the device.
/// </remarks>
public sealed class TelemetryService : BackgroundService
{
    public const int CaptureBatch = 500;
    public const int PublishWindow = 32;
    private static readonly TimeSpan CaptureInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StatusPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan StopFlush = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ReofferCheck = TimeSpan.FromSeconds(1);

    /// <summary>Acknowledgements waiting to be applied beyond this are ignored (the re-offer repairs it): a flood cannot grow memory.</summary>
    public const int PendingAckLimit = 1024;

    /// <summary>A power-on reaches Ready (and its session) in a few seconds; its events wait that long to be sent with it.</summary>
    public static readonly TimeSpan PowerOnHold = TimeSpan.FromSeconds(15);

    /// <summary>The first wait before messages nobody subscribed to are offered again (then doubling to <see cref="TelemetryOptions.ReconnectMaxS"/>).</summary>
    public static readonly TimeSpan UnheardRetry = TimeSpan.FromSeconds(2);
    private static readonly string Version =
        typeof(TelemetryService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly TelemetryOptions _options;
    private readonly TelemetryState _state;
    private readonly ControllerRuntime _runtime;
    private readonly StatusMapper _statusMapper;
    private readonly RecordsWriter _records;
    private readonly IMaintenanceSource _maintenance;
    private readonly ILogger<TelemetryService> _logger;
    private readonly TopicNames _topics;
    private readonly BrokerConnectionOptions _connection;
    private readonly SemaphoreSlim _outboxSignal = new(0, int.MaxValue);
    private readonly TimeProvider _clock;
    private OutboxStore? _outbox;
    private string? _loggedProblem;
    private long _sessionsRecorded;
    private int _failedAttempts;
    private string? _loggedCaptureProblem;
    private long _unheardUntil;
    private Backoff _unheard = null!;
    private readonly System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<string>> _pendingAcks = new();
    private int _pendingAckCount;
    private long _malformedLoggedAt;

    public TelemetryService(
        TelemetryOptions options,
        TelemetryState state,
        ControllerRuntime runtime,
        StatusMapper statusMapper,
        RecordsWriter records,
        IMaintenanceSource maintenance,
        ILogger<TelemetryService> logger)
    {
        _options = options;
        _state = state;
        _runtime = runtime;
        _statusMapper = statusMapper;
        _records = records;
        _maintenance = maintenance;
        _logger = logger;
        _clock = runtime.Clock;
        _topics = new TopicNames(options.TopicRoot, options.Site, state.DeviceId!);
        _connection = new BrokerConnectionOptions(BrokerAddress.Parse(options.Broker), BrokerCredentials.From(options));
    }

    public TopicNames Topics => _topics;

    public override void Dispose()
    {
        base.Dispose();
        _outbox?.Dispose();
        _outboxSignal.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        OpenOutbox();
        _logger.LogInformation(
            "Telemetry: publishing to {Broker} as {Topic}/… (device id {DeviceId})",
            _connection.Address,
            $"{_topics.Root}/{_topics.Site}/{_topics.DeviceId}",
            _topics.DeviceId);
        var capture = _outbox is null ? Task.CompletedTask : Task.Run(() => CaptureLoopAsync(stoppingToken), CancellationToken.None);
        await PublishLoopAsync(stoppingToken).ConfigureAwait(false);
        await capture.ConfigureAwait(false);
    }

    private void OpenOutbox()
    {
        if (_records.Problem is { } problem)
        {
            _logger.LogWarning("Telemetry: no outbox, so events and session records are not published ({Problem})", problem);
            _state.Failed($"no outbox: {problem}", _clock.GetUtcNow());
            return;
        }

        try
        {
            _outbox = OutboxStore.Open(_records.DatabasePath);
            var outbox = _outbox;
            _state.AttachOutbox(() => (outbox.Depth, outbox.SessionDepth, outbox.Bytes, outbox.DroppedEvents, outbox.AwaitingCollector));
            if (outbox.Depth > 0)
            {
                _logger.LogInformation("Telemetry: {Depth} messages ({Sessions} session records) wait in the outbox from before", outbox.Depth, outbox.SessionDepth);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            _logger.LogError("Telemetry: the outbox in {Path} cannot be opened ({Problem}); events and session records are not published", _records.DatabasePath, ex.Message);
            _state.Failed($"outbox unavailable: {ex.Message}", _clock.GetUtcNow());
        }
    }

    // ---- the outbox: copy what the records writer committed, keep within the bound ----------------

    private async Task CaptureLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var full = Capture();
            try
            {
                await Task.Delay(full ? TimeSpan.Zero : CaptureInterval, _clock, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: returns true when there may be more to copy at once.</summary>
    private bool Capture()
    {
        var outbox = _outbox!;
        try
        {
            var sessionsBefore = outbox.SessionDepth;
            var added = outbox.Capture(OutboxEnvelope.EventPayload, OutboxEnvelope.SessionPayload, CaptureBatch, _clock.GetUtcNow(), PowerOnHold);
            if (outbox.SessionDepth != sessionsBefore)
            {
                Interlocked.Increment(ref _sessionsRecorded);
            }

            var maxBytes = (long)(_options.OutboxMaxMb * 1_000_000);
            var dropped = outbox.EnforceBound(maxBytes);
            if (dropped > 0)
            {
                _logger.LogWarning(
                    "Telemetry: the outbox is full ({Limit} MB): the {Count} oldest events were dropped ({Total} so far); session records are kept",
                    _options.OutboxMaxMb,
                    dropped,
                    outbox.DroppedEvents);
            }

            if (added > 0)
            {
                _outboxSignal.Release();
            }

            _loggedCaptureProblem = null;
            return added >= CaptureBatch;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            // A busy or full disk: the records stay in the database and are copied on a later pass.
            if (_loggedCaptureProblem != ex.Message)
            {
                _loggedCaptureProblem = ex.Message;
                _logger.LogWarning("Telemetry: copying records into the outbox failed ({Problem}); retried", ex.Message);
            }

            return false;
        }
    }

    // ---- the connection ----------------------------------------------------------------------------

    private async Task PublishLoopAsync(CancellationToken stop)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(_options.ReconnectMinS), TimeSpan.FromSeconds(_options.ReconnectMaxS));
        _unheard = new Backoff(UnheardRetry, TimeSpan.FromSeconds(Math.Max(_options.ReconnectMaxS, UnheardRetry.TotalSeconds)));
        var factory = new MqttClientFactory();
        while (!stop.IsCancellationRequested)
        {
            using var client = factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += OnAckAsync;
            try
            {
                var problem = await BrokerConnector.ConnectAsync(client, _connection, WithWill, ClientId, TimeSpan.FromSeconds(_options.KeepAliveS), stop).ConfigureAwait(false);
                if (problem is not null)
                {
                    Failed(problem);
                }
                else
                {
                    Connected(backoff);
                    await SubscribeAcksAsync(client, stop).ConfigureAwait(false);
                    OfferAllAgain();
                    try
                    {
                        await RunConnectedAsync(client, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        // Stopping: below.
                    }

                    await StopCleanlyAsync(client).ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception ex) when (stop.IsCancellationRequested && ex is OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(ConnectionProblem.Describe(_connection.Address, ex, _connection.CertificateProblem));
            }

            _state.SetConnected(false);
            try
            {
                await Task.Delay(backoff.Next(), _clock, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private string ClientId => $"hydroxy-{_topics.DeviceId}";

    /// <summary>A clean session (the device keeps nothing at the broker) and the last will: the retained status <c>{"online":false}</c>.</summary>
    private MqttClientOptionsBuilder WithWill(MqttClientOptionsBuilder builder) => builder
        .WithCleanStart()
        .WithWillTopic(_topics.Status)
        .WithWillPayload(JsonSerializer.SerializeToUtf8Bytes(new OfflineStatus(false), TelemetryJsonContext.Relaxed.OfflineStatus))
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithWillRetain()
        .WithWillContentType("application/json");

    private void Connected(Backoff backoff)
    {
        _state.SetConnected(true);
        if (_loggedProblem is not null)
        {
            _logger.LogInformation("Telemetry: connected to {Broker} after {Attempts} failed attempts", _connection.Address, _failedAttempts);
        }
        else
        {
            _logger.LogInformation("Telemetry: connected to {Broker}", _connection.Address);
        }

        _loggedProblem = null;
        _failedAttempts = 0;
        backoff.Reset();
    }

    /// <summary>One log line per distinct problem, however often it repeats; the status shows the latest.</summary>
    private void Failed(string problem)
    {
        _failedAttempts++;
        _state.SetConnected(false);
        _state.Failed(problem, _clock.GetUtcNow());
        if (problem != _loggedProblem)
        {
            _loggedProblem = problem;
            _logger.LogWarning("Telemetry: {Problem}; retrying with back-off up to {Max} s, the controller runs on", problem, _options.ReconnectMaxS);
        }
    }

    // ---- the collector's acknowledgements ------------------------------------------------------------

    /// <summary>Subscribes to the device's own <c>acks</c> topic (QoS 1), when the outbox waits for the collector.</summary>
    private async Task SubscribeAcksAsync(IMqttClient client, CancellationToken stop)
    {
        if (!_options.AwaitCollectorAck || _outbox is null)
        {
            return;
        }

        var result = await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_topics.Acks, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop).ConfigureAwait(false);
        var refused = result.Items.FirstOrDefault(i => (int)i.ResultCode >= 0x80);
        if (refused is not null)
        {
            // Publishing goes on; nothing leaves the outbox until a collector's acknowledgement can arrive.
            var problem = $"{_connection.Address}: the broker refused the subscription to {_topics.Acks} ({refused.ResultCode}); messages stay in the outbox (allow it, or set Telemetry:AwaitCollectorAck false)";
            _state.Failed(problem, _clock.GetUtcNow());
            if (problem != _loggedProblem)
            {
                _loggedProblem = problem;
                _logger.LogWarning("Telemetry: {Problem}", problem);
            }
        }
    }

    /// <summary>After a (re)connection: what the broker may have lost is offered again, in order.</summary>
    private void OfferAllAgain()
    {
        if (_outbox is null)
        {
            return;
        }

        try
        {
            var count = _outbox.OfferAllAgain();
            if (count > 0)
            {
                _logger.LogInformation("Telemetry: {Count} messages acknowledged by the broker but not yet by a collector are sent again", count);
            }
        }
        catch (SqliteException ex)
        {
            _logger.LogWarning("Telemetry: marking the outbox for sending again failed ({Problem}); retried at the periodic re-offer", ex.Message);
        }
    }

    /// <summary>
    /// A message on the acks topic (the MQTT client's thread): queued for the publish loop, which
    /// deletes what it names. Anything else is ignored, counted and logged at most every 10 s.
    /// </summary>
    private Task OnAckAsync(MqttApplicationMessageReceivedEventArgs delivery)
    {
        var message = delivery.ApplicationMessage;
        if (message.Topic != _topics.Acks)
        {
            return Task.CompletedTask;
        }

        if (!CollectorAck.TryParse(message.Payload, out var ack, out var problem))
        {
            _state.MalformedAck();
            var now = _clock.GetTimestamp();
            var last = Interlocked.Read(ref _malformedLoggedAt);
            if (last == 0 || now - last >= Ticks(TimeSpan.FromSeconds(10)))
            {
                Interlocked.Exchange(ref _malformedLoggedAt, now);
                _logger.LogWarning("Telemetry: ignored a message on {Topic}: {Problem} ({Count} ignored so far)", _topics.Acks, problem, _state.MalformedAcks);
            }

            return Task.CompletedTask;
        }

        if (Interlocked.Increment(ref _pendingAckCount) > PendingAckLimit)
        {
            Interlocked.Decrement(ref _pendingAckCount);
            return Task.CompletedTask;
        }

        _pendingAcks.Enqueue(ack!.Ids);
        _outboxSignal.Release();
        return Task.CompletedTask;
    }

    /// <summary>Deletes the outbox rows the collectors' queued acknowledgements name, in one transaction.</summary>
    private void ApplyAcks()
    {
        if (_outbox is null || _pendingAcks.IsEmpty)
        {
            return;
        }

        var ids = new List<string>();
        while (_pendingAcks.TryDequeue(out var named))
        {
            Interlocked.Decrement(ref _pendingAckCount);
            ids.AddRange(named);
        }

        try
        {
            var removed = _outbox.RemoveCollected(ids);
            _state.CollectorAcknowledged(removed, _clock.GetUtcNow());
        }
        catch (SqliteException ex)
        {
            // Kept: offered again later, and the collector acknowledges it again.
            _logger.LogWarning("Telemetry: deleting {Count} collected messages from the outbox failed ({Problem}); they are offered again later", ids.Count, ex.Message);
        }
    }

    // ---- while connected ---------------------------------------------------------------------------

    private async Task RunConnectedAsync(IMqttClient client, CancellationToken stop)
    {
        var sampleInterval = TimeSpan.FromSeconds(_options.SampleIntervalS);
        var statusInterval = TimeSpan.FromSeconds(_options.StatusIntervalS);
        var now = _clock.GetTimestamp();
        var nextSample = now;
        var nextStatus = now;
        var nextMaintenance = now;
        StatusKey? published = null;
        var maintenanceSessions = -1L;
        var nextReoffer = now;

        while (!stop.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                throw new IOException("the broker closed the connection");
            }

            ApplyAcks();
            if (_options.AwaitCollectorAck && _outbox is not null && _clock.GetTimestamp() >= nextReoffer)
            {
                nextReoffer = _clock.GetTimestamp() + Ticks(ReofferCheck);
                _outbox.OfferDueAgain(_clock.GetUtcNow(), ReofferMaxWait);
            }

            var status = _runtime.Status.Read();
            var key = StatusKey.Of(in status, (_outbox?.Depth ?? 0) > PublishWindow, Interlocked.Read(ref _sessionsRecorded));
            now = _clock.GetTimestamp();
            if (key != published || now >= nextStatus)
            {
                await PublishStatusAsync(client, status, online: true, stop).ConfigureAwait(false);
                published = key;
                nextStatus = now + Ticks(statusInterval);
            }

            if (now >= nextSample)
            {
                await PublishSampleAsync(client, status, stop).ConfigureAwait(false);
                nextSample = Math.Max(nextSample + Ticks(sampleInterval), now + (Ticks(sampleInterval) / 2));
            }

            var sessions = Interlocked.Read(ref _sessionsRecorded);
            if (now >= nextMaintenance || sessions != maintenanceSessions)
            {
                await PublishMaintenanceAsync(client, stop).ConfigureAwait(false);
                maintenanceSessions = sessions;
                nextMaintenance = now + Ticks(MaintenanceInterval);
            }

            if (await DrainAsync(client, stop).ConfigureAwait(false))
            {
                continue; // more waiting: no pause
            }

            var wait = TimeSpan.FromSeconds(Math.Clamp((nextSample - _clock.GetTimestamp()) / (double)_clock.TimestampFrequency, 0, StatusPoll.TotalSeconds));
            try
            {
                await _outboxSignal.WaitAsync(wait, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);

    private TimeSpan ReofferFirstWait => TimeSpan.FromSeconds(_options.CollectorAckTimeoutS);

    private TimeSpan ReofferMaxWait => ReofferFirstWait * TelemetryOptions.ReofferBackoffLimit;

    /// <summary>Publishes the oldest waiting messages (a window at a time) and deletes those acknowledged; true when more wait.</summary>
    private async Task<bool> DrainAsync(IMqttClient client, CancellationToken stop)
    {
        if (_outbox is not { AwaitingBroker: > 0 } outbox || _clock.GetTimestamp() < _unheardUntil)
        {
            return false;
        }

        var batch = outbox.OldestAwaitingBroker(PublishWindow);
        if (batch.Count == 0)
        {
            return false;
        }

        var publications = new Task<MqttClientPublishResult>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            var topic = entry.Kind == OutboxSchema.SessionKind ? _topics.Sessions : _topics.Events;
            var message = BrokerConnectionOptions.Message(topic, OutboxEnvelope.Write(entry, _topics.DeviceId, _topics.Site), MqttQualityOfServiceLevel.AtLeastOnce, retain: false);
            publications[i] = client.PublishAsync(message, stop);
        }

        var acknowledged = new List<long>(batch.Count);
        var unheard = 0;
        string? refused = null;
        Exception? failure = null;
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                var result = await publications[i].ConfigureAwait(false);
                if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                {
                    acknowledged.Add(batch[i].Seq);
                }
                else if (result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers)
                {
                    unheard++;
                }
                else
                {
                    _state.PublishFailed();
                    refused ??= $"{_connection.Address}: the broker refused message {batch[i].Seq} on {(batch[i].Kind == OutboxSchema.SessionKind ? _topics.Sessions : _topics.Events)} ({result.ReasonCode}{(string.IsNullOrEmpty(result.ReasonString) ? "" : ": " + result.ReasonString)})";
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _state.PublishFailed();
                failure ??= ex;
            }
        }

        if (acknowledged.Count > 0)
        {
            if (_options.AwaitCollectorAck)
            {
                outbox.MarkBrokerAcknowledged(acknowledged, _clock.GetUtcNow(), ReofferFirstWait, ReofferMaxWait);
            }
            else
            {
                outbox.Remove(acknowledged);
            }

            _state.Acknowledged(acknowledged.Count, _clock.GetUtcNow());
            if (unheard == 0 && _unheard.Failures > 0)
            {
                _unheard.Reset();
                _state.SetConnected(true);
                _logger.LogInformation("Telemetry: a collector receives the events and sessions again");
                _loggedProblem = null;
            }
        }

        if (failure is not null)
        {
            throw new IOException($"publishing failed: {failure.GetBaseException().Message}", failure);
        }

        if (refused is not null)
        {
            throw new IOException(refused);
        }

        if (unheard > 0)
        {
            // Accepted, but the broker says nobody (no collector, not even an offline one with a
            // kept session) will get it: it stays in the outbox and is offered again later.
            var wait = _unheard.Next();
            _unheardUntil = _clock.GetTimestamp() + Ticks(wait);
            var problem = $"{_connection.Address}: no collector subscribes to {_topics.Events} or {_topics.Sessions} (NoMatchingSubscribers); {outbox.Depth} messages wait in the outbox";
            _state.Failed(problem, _clock.GetUtcNow());
            if (problem.Split(';')[0] != _loggedProblem?.Split(';')[0])
            {
                _loggedProblem = problem;
                _logger.LogWarning("Telemetry: {Problem}; offered again with back-off up to {Seconds} s", problem, _options.ReconnectMaxS);
            }

            return false;
        }

        return outbox.AwaitingBroker > 0;
    }

    private Task PublishStatusAsync(IMqttClient client, ControllerStatus status, bool online, CancellationToken stop)
    {
        var api = _statusMapper.Describe(in status);
        var today = 0;
        if (_records.Problem is null)
        {
            try
            {
                today = new RecordFigures(_records.DatabasePath).SessionsSince(RecordFigures.StartOfDay(_clock.GetUtcNow(), TimeZoneInfo.Local));
            }
            catch (SqliteException)
            {
                // Counted at the next status.
            }
        }

        var message = new StatusMessage(
            online,
            _topics.DeviceId,
            _topics.Site,
            Version,
            api.Time,
            api.State,
            api.StateSince,
            api.Program,
            api.GasSource,
            api.SetpointMpa,
            api.Pressures,
            api.Pedal,
            api.Alarms,
            api.Session,
            today,
            _state.Describe());
        return PublishAsync(client, _topics.Status, JsonSerializer.SerializeToUtf8Bytes(message, TelemetryJsonContext.Relaxed.StatusMessage), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, stop);
    }

    private Task PublishSampleAsync(IMqttClient client, ControllerStatus status, CancellationToken stop)
    {
        var api = _statusMapper.Describe(in status);
        var sample = new TelemetrySample(api.Time, api.State, api.Program, api.SetpointMpa, api.Pressures, api.Pedal, api.Alarms.Count(a => a.Active), api.Session.SprayS);
        return PublishAsync(client, _topics.Telemetry, JsonSerializer.SerializeToUtf8Bytes(sample, TelemetryJsonContext.Relaxed.TelemetrySample), MqttQualityOfServiceLevel.AtMostOnce, retain: false, stop);
    }

    private Task PublishMaintenanceAsync(IMqttClient client, CancellationToken stop)
    {
        MaintenanceMessage? message;
        try
        {
            message = _maintenance.Current(_clock.GetUtcNow());
        }
        catch (SqliteException)
        {
            message = null;
        }

        return message is null
            ? Task.CompletedTask
            : PublishAsync(client, _topics.Maintenance, JsonSerializer.SerializeToUtf8Bytes(message, TelemetryJsonContext.Relaxed.MaintenanceMessage), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, stop);
    }

    private async Task PublishAsync(IMqttClient client, string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken stop)
    {
        MqttClientPublishResult result;
        try
        {
            result = await client.PublishAsync(BrokerConnectionOptions.Message(topic, payload, qos, retain), stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            _state.PublishFailed();
            throw;
        }

        if (!result.IsSuccess)
        {
            _state.PublishFailed();
            throw new IOException($"{_connection.Address}: the broker refused {topic} ({result.ReasonCode})");
        }

        _state.Sent();
    }

    /// <summary>
    /// A clean stop: what the records writer has committed by now is sent (for a few seconds at
    /// most), then the retained status says offline, with the last state, and the connection is
    /// closed normally (a clean disconnection does not fire the will, so the status says it itself).
    /// </summary>
    private async Task StopCleanlyAsync(IMqttClient client)
    {
        using var flush = new CancellationTokenSource(StopFlush, _clock);
        try
        {
            if (_outbox is not null)
            {
                await Task.Delay(CaptureInterval, _clock, flush.Token).ConfigureAwait(false);
                Capture();
                while (client.IsConnected && await DrainAsync(client, flush.Token).ConfigureAwait(false))
                {
                }
            }

            ApplyAcks();
            _state.SetConnected(false);
            await PublishStatusAsync(client, _runtime.Status.Read(), online: false, flush.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), flush.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever was not sent stays in the outbox for the next start; the will says offline.
            _logger.LogInformation("Telemetry: stopped before the outbox was empty ({Depth} waiting; sent at the next start)", _outbox?.Depth ?? 0);
        }

        _state.SetConnected(false);
    }
}
