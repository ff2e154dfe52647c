using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Telemetry;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using HydroOxygen.Controller.Telemetry.Publishing;

namespace HydroOxygen.FleetBench;

/// <summary>
/// N simulated devices, each its own MQTT 5 connection with the device's will, publishing what a
/// device in a working salon publishes: a telemetry sample every second (QoS 0), the retained
/// status on connecting and every minute, events (QoS 1, about 4 a minute: sprays, state changes)
/// and a finished session about every 30 minutes, in the real payload formats.
/// </summary>
internal sealed class VirtualFleet(int devices, int port, int seed)
{
    public const string Site = "bench";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly List<IMqttClient> _clients = [];
    private readonly Random _random = new(seed);
    private long _seq;
    private long _telemetry;
    private long _statuses;
    private long _events;
    private long _sessions;
    private long _failures;
    private long _acked;

    public long Telemetry => Interlocked.Read(ref _telemetry);
    public long Statuses => Interlocked.Read(ref _statuses);
    public long Events => Interlocked.Read(ref _events);
    public long Sessions => Interlocked.Read(ref _sessions);
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Ids the collectors acknowledged on the devices' <c>acks</c> topics, as a real device receives them.</summary>
    public long AckedIds => Interlocked.Read(ref _acked);
    public long Messages => Telemetry + Statuses + Events + Sessions;

    public static string DeviceId(int i) => $"vdev-{i:D4}";

    public async Task ConnectAsync()
    {
        var factory = new MqttClientFactory();
        for (var i = 0; i < devices; i++)
        {
            var client = factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                if (CollectorAck.TryParse(e.ApplicationMessage.Payload, out var ack, out _))
                {
                    Interlocked.Add(ref _acked, ack!.Ids.Count);
                }

                return Task.CompletedTask;
            };
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithClientId("hydroxy-" + DeviceId(i))
                .WithCleanStart()
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
                .WithWillTopic($"hydroxy/{Site}/{DeviceId(i)}/status")
                .WithWillPayload("""{"online":false}""")
                .WithWillRetain()
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"hydroxy/{Site}/{DeviceId(i)}/{TopicNames.AcksLevel}", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            _clients.Add(client);
        }
    }

    /// <summary>Publishes for <paramref name="duration"/>; events and sessions at the rates above times <paramref name="eventScale"/>.</summary>
    public async Task RunAsync(TimeSpan duration, double eventScale = 1.0)
    {
        var clock = Stopwatch.StartNew();
        var nextSample = Enumerable.Range(0, devices).Select(i => (double)i / devices).ToArray();
        var nextStatus = new double[devices];
        var pending = new List<Task>();
        var eventsPerSecond = 4.0 / 60 * eventScale;
        var sessionsPerSecond = 1.0 / 1800 * eventScale;
        while (clock.Elapsed < duration)
        {
            var now = clock.Elapsed.TotalSeconds;
            for (var i = 0; i < devices; i++)
            {
                if (now >= nextStatus[i])
                {
                    pending.Add(Publish(i, "status", Status(i), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, ref _statuses));
                    nextStatus[i] += 60;
                }

                if (now >= nextSample[i])
                {
                    pending.Add(Publish(i, "telemetry", Sample(), MqttQualityOfServiceLevel.AtMostOnce, retain: false, ref _telemetry));
                    nextSample[i] += 1.0;
                }

                if (_random.NextDouble() < eventsPerSecond * 0.02)
                {
                    pending.Add(Publish(i, "events", Event(i), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ref _events));
                }

                if (_random.NextDouble() < sessionsPerSecond * 0.02)
                {
                    pending.Add(Publish(i, "sessions", Session(i), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ref _sessions));
                }
            }

            if (pending.Count > 0)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }

            var wait = 0.02 - (clock.Elapsed.TotalSeconds - now);
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait));
            }
        }
    }

    /// <summary>A backlog: <paramref name="count"/> events published as fast as the broker takes them.</summary>
    public async Task BurstAsync(int count)
    {
        var pending = new List<Task>();
        for (var n = 0; n < count; n++)
        {
            var i = n % devices;
            pending.Add(Publish(i, "events", Event(i), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ref _events));
            if (pending.Count == 256)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    public async Task DisconnectAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Already gone.
            }

            client.Dispose();
        }
    }

    private Task Publish(int device, string level, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, ref long counter)
    {
        Interlocked.Increment(ref counter);
        return PublishAsync(_clients[device], $"hydroxy/{Site}/{DeviceId(device)}/{level}", payload, qos, retain);
    }

    private async Task PublishAsync(IMqttClient client, string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain)
    {
        try
        {
            var result = await client.PublishAsync(BrokerConnectionOptions.Message(topic, payload, qos, retain));
            if (!result.IsSuccess)
            {
                Interlocked.Increment(ref _failures);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    private static readonly Pressures Idle = new(0.4012, 0.3697, 0.7506, []);

    private static byte[] Sample() => JsonSerializer.SerializeToUtf8Bytes(
        new TelemetrySample(DateTimeOffset.UtcNow, "Ready", "acne", 0.45, Idle, false, 0, 12.5), Web);

    private byte[] Status(int device) => JsonSerializer.SerializeToUtf8Bytes(
        new StatusMessage(true, DeviceId(device), Site, "bench", DateTimeOffset.UtcNow, "Ready", DateTimeOffset.UtcNow, "acne", "oxygen", 0.45, Idle, false, [],
            new SessionResponse(true, DateTimeOffset.UtcNow, 600, 120, 4.1, 3), 2,
            new TelemetryResponse(true, true, "mqtt://broker", DeviceId(device), null, null, 0, 0, 0, 0, 0, DateTimeOffset.UtcNow)),
        Web);

    private byte[] Event(int device)
    {
        var seq = Interlocked.Increment(ref _seq);
        var record = new EventRecord(seq, 3, DateTimeOffset.UtcNow, 600.25, EventKinds.State, "Spraying", null, null, "Ready → Spraying");
        return OutboxEnvelope.Write(new OutboxEntry(seq, Guid.CreateVersion7().ToString("D"), "event", JsonSerializer.Serialize(record, Web)), DeviceId(device), Site);
    }

    private byte[] Session(int device)
    {
        var seq = Interlocked.Increment(ref _seq);
        var now = DateTimeOffset.UtcNow;
        var record = new SessionRecord(seq, now.AddMinutes(-30), now, SessionEndReasons.Shutdown, now, 1800, "acne", ["acne", "eye"], "oxygen", ["oxygen"], [0.45, 0.3], 420, 14.2, 0, [], null);
        return OutboxEnvelope.Write(new OutboxEntry(seq, Guid.CreateVersion7().ToString("D"), "session", JsonSerializer.Serialize(record, Web)), DeviceId(device), Site);
    }
}

/// <summary>Receives the telemetry of a few devices and measures publish-to-receive time from the sample's own time.</summary>
internal sealed class LatencyProbe : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentBag<double> _ms = [];

    public IReadOnlyCollection<double> Milliseconds => _ms;

    public async Task StartAsync(int port, int devices)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var received = DateTimeOffset.UtcNow;
            using var json = JsonDocument.Parse(e.ApplicationMessage.Payload.ToArray());
            if (json.RootElement.TryGetProperty("time", out var time) && time.TryGetDateTimeOffset(out var sent))
            {
                _ms.Add((received - sent).TotalMilliseconds);
            }

            return Task.CompletedTask;
        };
        await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("latency-probe").Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        for (var i = 0; i < Math.Min(devices, 10); i++)
        {
            subscribe.WithTopicFilter($"hydroxy/{VirtualFleet.Site}/{VirtualFleet.DeviceId(i)}/telemetry", MqttQualityOfServiceLevel.AtMostOnce);
        }

        await _client.SubscribeAsync(subscribe.Build());
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        _client.Dispose();
    }
}
