using System.Text.Json;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Tests.Records;
using HydroOxygen.Telemetry.Tests.Support;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace HydroOxygen.Telemetry.Tests.Publishing;

/// <summary>
/// The device's side of the collector's acknowledgement, against the real controller and a real
/// Mosquitto with a test client in the collector's place: the broker's PUBACK keeps a message, an
/// acknowledgement deletes exactly the ids it names, anything else on the acks topic is ignored and
/// counted, silence brings the same ids again, and <c>AwaitCollectorAck=false</c> is the old rule.
/// </summary>
[Collection(nameof(Processes))]
public sealed class CollectorAckTests(ITestOutputHelper output) : IDisposable
{
    private const string Prefix = "hydroxy/salon-a/dev-ack/";
    private readonly TemporaryDirectory _scratch = new("hydroxy-ack-");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Only_the_named_ids_leave_the_outbox_malformed_acknowledgements_are_ignored_and_silence_brings_them_again()
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var events = await Subscriber.StartAsync(broker.Port, Prefix + "events");
        await using var controller = await ControllerProcess.StartAsync(_scratch.File("device"), TelemetryArgs.For(broker.Url, "dev-ack", "salon-a", "--Telemetry:CollectorAckTimeoutS=5"));
        using var collector = await ConnectAsync(broker.Port);

        // Boot's events reach the broker; with no collector acknowledging, they stay, marked.
        await controller.WaitForAsync(s => Telemetry(s).GetProperty("outboxAwaitingCollector").GetInt64() >= 3, "holding the broker-acknowledged events", TimeSpan.FromSeconds(30));
        await events.WaitForAsync(_ => events.Messages.Count >= 3, "three events", TimeSpan.FromSeconds(10));
        var first = events.Messages.Select(m => m.Json.GetProperty("id").GetString()!).Distinct().ToList();
        var depth = Telemetry(await controller.StatusAsync()).GetProperty("outboxDepth").GetInt64();
        Assert.True(depth >= first.Count, $"outbox {depth}, {first.Count} sent");

        // Not acknowledgements: ignored and counted; nothing deleted, nothing stops.
        foreach (var payload in new[] { "{not json", """{"ids":[1,2]}""", """{"ids":"everything"}""", $$"""{"ids":["{{first[0]}}", null]}""" })
        {
            await collector.PublishAsync(Message(payload));
        }

        await controller.WaitForAsync(s => Telemetry(s).GetProperty("malformedAcks").GetInt64() == 4, "four malformed acknowledgements counted", TimeSpan.FromSeconds(10));
        Assert.All(first, id => Assert.True(InOutbox(controller, id), $"{id} left the outbox on a malformed acknowledgement"));
        var logged = controller.Output.Split('\n').Where(l => l.Contains("ignored a message on", StringComparison.Ordinal)).ToList();
        Assert.True(logged.Count == 1, $"{logged.Count} log lines for 4 malformed acknowledgements in a burst (at most one per 10 s):\n{controller.Output[^Math.Min(3000, controller.Output.Length)..]}");
        Assert.Contains(Prefix + "acks", logged[0], StringComparison.Ordinal);

        // An acknowledgement naming two of them and an id the device never had: exactly those two go.
        await collector.PublishAsync(Message($$"""{"collector":"test","ids":["{{first[0]}}","{{first[1]}}","00000000-0000-7000-8000-000000000000"]}"""));
        await WaitUntilAsync(() => !InOutbox(controller, first[0]) && !InOutbox(controller, first[1]), "the two named ids deleted");
        Assert.All(first.Skip(2), id => Assert.True(InOutbox(controller, id), $"{id} left the outbox unnamed"));
        Assert.NotNull(Telemetry(await controller.StatusAsync()).GetProperty("lastCollectorAckAt").GetString());

        // Silence for CollectorAckTimeoutS (5 s): the rest come again, with the same ids.
        var again = await events.WaitForAsync(m => m.Json.GetProperty("id").GetString() == first[2] && events.Messages.Count(n => n.Json.GetProperty("id").GetString() == first[2]) >= 2, "the third event offered again", TimeSpan.FromSeconds(30));
        output.WriteLine($"{first.Count} events held; after the silence {first[2]} came again at {again.At:HH:mm:ss.fff}");

        // A broker restart: everything not acknowledged is offered again after the reconnect, in order; the acknowledged ones never.
        var restartedAt = DateTime.UtcNow;
        await broker.StopAsync();
        await broker.StartAgainAsync();
        await using var after = await Subscriber.StartAsync(broker.Port, Prefix + "events");
        var waiting = Waiting(controller);
        await WaitUntilAsync(() => waiting.All(id => after.Messages.Any(m => m.Json.GetProperty("id").GetString() == id)), "every held message offered again after the reconnect", TimeSpan.FromSeconds(30));
        var seqs = after.Messages.Where(m => waiting.Contains(m.Json.GetProperty("id").GetString()!)).Select(m => m.Json.GetProperty("seq").GetInt64()).Distinct().ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.DoesNotContain(after.Messages, m => m.Json.GetProperty("id").GetString() == first[0]);
        output.WriteLine($"{waiting.Count} held messages offered again after the broker restart at {restartedAt:HH:mm:ss.fff}");
    }

    [Fact]
    public async Task Without_awaiting_the_collector_the_brokers_acknowledgement_empties_the_outbox_and_nothing_is_subscribed()
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var events = await Subscriber.StartAsync(broker.Port, Prefix + "events");
        await using var controller = await ControllerProcess.StartAsync(_scratch.File("device"), TelemetryArgs.For(broker.Url, "dev-ack", "salon-a", "--Telemetry:AwaitCollectorAck=false"));

        await events.WaitForAsync(_ => events.Messages.Count >= 3, "three events", TimeSpan.FromSeconds(30));
        await controller.WaitForAsync(s => Telemetry(s).GetProperty("outboxDepth").GetInt64() == 0, "an empty outbox", TimeSpan.FromSeconds(30));
        Assert.Equal(0, Telemetry(await controller.StatusAsync()).GetProperty("outboxAwaitingCollector").GetInt64());
        Assert.DoesNotContain(broker.Log.Split('\n'), line => line.Contains("Received SUBSCRIBE from hydroxy-dev-ack", StringComparison.Ordinal));
    }

    private static JsonElement Telemetry(JsonElement status) => status.GetProperty("telemetry");

    private static MqttApplicationMessage Message(string payload) => new MqttApplicationMessageBuilder()
        .WithTopic(Prefix + "acks")
        .WithPayload(payload)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private static async Task<IMqttClient> ConnectAsync(int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("test-collector").Build());
        return client;
    }

    private static bool InOutbox(ControllerProcess controller, string id)
    {
        using var connection = Open(controller);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static HashSet<string> Waiting(ControllerProcess controller)
    {
        using var connection = Open(controller);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM outbox";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static SqliteConnection Open(ControllerProcess controller)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(controller.DataDirectory, RecordsOptions.DatabaseFileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within the limit: {what}");
            }

            await Task.Delay(50);
        }
    }
}
