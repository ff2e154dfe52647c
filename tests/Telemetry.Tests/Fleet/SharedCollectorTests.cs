using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Fleet;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Telemetry.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit.Abstractions;
using HydroOxygen.Controller.Telemetry.Publishing;

namespace HydroOxygen.Telemetry.Tests.Fleet;

/// <summary>
/// Two collectors in one MQTT 5 shared-subscription group writing to one central database: each
/// gets a share, every message sent twice (as a device does after a reconnect) is kept once, and a
/// malformed one is refused and acknowledged, not stored. SQLite and PostgreSQL.
/// </summary>
[Collection(nameof(Processes))]
public sealed class SharedCollectorTests(ITestOutputHelper output) : IDisposable
{
    private const int Devices = 4;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private const int EventsPerDevice = 100;
    private readonly TemporaryDirectory _scratch = new("hydroxy-collect-");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Two_collectors_share_the_load_into_SQLite_without_duplicating_rows() =>
        await ShareAsync(_scratch.File("fleet.db"));

    [Fact]
    public async Task Two_collectors_share_the_load_into_PostgreSQL_without_duplicating_rows()
    {
        await using var postgres = await Postgres.StartAsync();
        await ShareAsync(postgres.Uri);
    }

    private async Task ShareAsync(string database)
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var first = CollectorRun.Start(broker.Port, database, "collector-1");
        await using var second = CollectorRun.Start(broker.Port, database, "collector-2");
        await WaitUntilAsync(() => broker.Log.Contains("Received SUBSCRIBE from collector-1", StringComparison.Ordinal) && broker.Log.Contains("Received SUBSCRIBE from collector-2", StringComparison.Ordinal), () => broker.Log);

        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("fake-devices").Build());
        for (var n = 1; n <= EventsPerDevice; n++)
        {
            for (var d = 0; d < Devices; d++)
            {
                var message = Message(d, n);
                await device.PublishAsync(message);
                await device.PublishAsync(message); // the same id again, as after a reconnect
            }
        }

        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("hydroxy/salon-x/dev-0/events").WithPayload("{not json").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("hydroxy/salon-x/dev-0/events").WithPayload("""{"id":"x","seq":"one"}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var total = Devices * EventsPerDevice;
        var collectors = new[] { first.Collector, second.Collector };
        await WaitUntilAsync(() => collectors.Sum(c => c.Received) >= (2 * total) + 2 && collectors.Sum(c => c.Inserted + c.Duplicates + c.Rejected) >= (2 * total) + 2, () => string.Join("; ", collectors.Select(c => $"received {c.Received}, kept {c.Inserted}, repeats {c.Duplicates}, rejected {c.Rejected}")) + "\n" + string.Join("\n", first.Lines.Concat(second.Lines)));

        using var central = FleetDatabase.Open(database);
        var (events, sessions) = central.Count();
        output.WriteLine($"{central.Description}: collector-1 got {first.Collector.Received} (kept {first.Collector.Inserted}), collector-2 got {second.Collector.Received} (kept {second.Collector.Inserted}); rows {events}; repeats {collectors.Sum(c => c.Duplicates)}; rejected {collectors.Sum(c => c.Rejected)}");
        Assert.Equal(total, events);
        Assert.Equal(0, sessions);
        Assert.Equal(total, collectors.Sum(c => c.Inserted));
        Assert.Equal(total, collectors.Sum(c => c.Duplicates));
        Assert.Equal(2, collectors.Sum(c => c.Rejected));
        Assert.All(collectors, c => Assert.True(c.Received > total / 4, $"one collector got only {c.Received} of {2 * total}: the load is not shared"));
        for (var d = 0; d < Devices; d++)
        {
            Assert.Equal(EventsPerDevice, central.Count($"dev-{d}").Events);
        }

        await device.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
    }

    private static MqttApplicationMessage Message(int device, int n)
    {
        var record = new EventRecord(n, 1, DateTimeOffset.UtcNow, n * 0.1, EventKinds.State, "Ready", null, null, "Spraying → Ready");
        var entry = new OutboxEntry(n, $"00000000-0000-7000-8000-{device:D4}{n:D8}", "event", JsonSerializer.Serialize(record, Web));
        return new MqttApplicationMessageBuilder()
            .WithTopic($"hydroxy/salon-x/dev-{device}/events")
            .WithPayload(OutboxEnvelope.Write(entry, $"dev-{device}", "salon-x"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within 60 s: {state()}");
            }

            await Task.Delay(50);
        }
    }
}
