using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Tests.Records;
using HydroOxygen.Telemetry.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Telemetry.Tests.Publishing;

/// <summary>
/// The real controller publishing to a real Mosquitto (DESIGN §3.6): the topics, the payloads with
/// the HTTP API's names, ids and sequence numbers, no subscription but its own acks topic, and the last will.
/// </summary>
[Collection(nameof(Processes))]
public sealed class PublishingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_device_publishes_status_samples_events_and_maintenance_and_subscribes_only_to_its_acks()
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var subscriber = await Subscriber.StartAsync(broker.Port, "hydroxy/#");
        await using var controller = await ControllerProcess.StartAsync(null, TelemetryArgs.For(broker.Url, "dev-1"));
        const string prefix = "hydroxy/salon-a/dev-1/";

        // A spray: pedal down until Spraying, then up.
        await Post(controller, "api/sim/pedal", """{"down": true}""");
        await controller.WaitForStateAsync("Spraying", TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        await Post(controller, "api/sim/pedal", """{"down": false}""");
        await subscriber.WaitForAsync(m => m.Topic == prefix + "events" && m.Payload.Contains("Spraying → Ready", StringComparison.Ordinal), "the end of the spray as an event", TimeSpan.FromSeconds(20));

        var status = await subscriber.WaitForAsync(m => m.Topic == prefix + "status" && m.Json.GetProperty("state").GetString() == "Ready", "a Ready status", TimeSpan.FromSeconds(20));
        var json = status.Json;
        Assert.True(json.GetProperty("online").GetBoolean());
        Assert.Equal("dev-1", json.GetProperty("deviceId").GetString());
        Assert.Equal("salon-a", json.GetProperty("site").GetString());
        foreach (var name in new[] { "version", "time", "program", "gasSource", "setpointMpa", "alarms", "session", "sessionsToday", "telemetry" })
        {
            Assert.True(json.TryGetProperty(name, out _), $"status has no '{name}': {status.Payload}");
        }

        // The same names as GET /api/status.
        var api = await controller.StatusAsync();
        foreach (var name in new[] { "state", "program", "gasSource", "setpointMpa", "pressures", "alarms", "session" })
        {
            Assert.True(api.TryGetProperty(name, out _), $"/api/status has no '{name}'");
        }

        Assert.Equal(api.GetProperty("pressures").EnumerateObject().Select(p => p.Name), json.GetProperty("pressures").EnumerateObject().Select(p => p.Name));
        Assert.True(api.GetProperty("telemetry").GetProperty("connected").GetBoolean(), api.GetProperty("telemetry").ToString());

        // Samples every 0.5 s, QoS 0, not retained.
        await Task.Delay(1500);
        var samples = subscriber.Messages.Where(m => m.Topic == prefix + "telemetry").ToList();
        Assert.True(samples.Count >= 3, $"{samples.Count} samples");
        Assert.All(samples, s => Assert.True(s.Json.GetProperty("pressures").GetProperty("outMpa").ValueKind == JsonValueKind.Number));

        // Events: unique ids, the device's sequence rising, the record as the API shows it.
        var events = subscriber.Messages.Where(m => m.Topic == prefix + "events").Select(m => m.Json).ToList();
        Assert.True(events.Count >= 6, $"{events.Count} events");
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var seqs = events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        var apiEvents = await controller.Http.GetFromJsonAsync<JsonElement>("api/events?limit=1000");
        var first = apiEvents.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == 1);
        var published = events.Single(e => e.GetProperty("event").GetProperty("id").GetInt64() == 1).GetProperty("event");
        Assert.Equal(first.ToString(), published.ToString());

        var maintenance = await subscriber.WaitForAsync(m => m.Topic == prefix + "maintenance", "maintenance", TimeSpan.FromSeconds(5));
        // The wear counters of DESIGN §2.8, kept by the supplies ledger.
        Assert.Equal("counters", maintenance.Json.GetProperty("basis").GetString());
        Assert.Equal(JsonValueKind.Object, maintenance.Json.GetProperty("counters").ValueKind);

        // Nothing acts on the device from the broker: its only subscription is its own acks topic,
        // where a collector's acknowledgement can only release outbox rows.
        Assert.Contains("New client connected", broker.Log, StringComparison.Ordinal);
        var log = broker.Log.Split('\n');
        var subscribed = log.Select((line, i) => (line, i))
            .Where(l => l.line.Contains("Received SUBSCRIBE from hydroxy-dev-1", StringComparison.Ordinal))
            .Select(l => log[l.i + 1].Trim())
            .ToList();
        Assert.NotEmpty(subscribed);
        Assert.All(subscribed, topic => Assert.EndsWith(prefix + "acks (QoS 1)", topic, StringComparison.Ordinal));

        // SIGKILL: the broker publishes the will within 1.5 keep-alives (2 s here).
        var killedAt = DateTime.UtcNow;
        await controller.KillAsync();
        var will = await subscriber.WaitForAsync(m => m.Topic == prefix + "status" && m.At >= killedAt && !m.Json.GetProperty("online").GetBoolean(), "the last will", TimeSpan.FromSeconds(10));
        Assert.Equal("""{"online":false}""", will.Payload);
        var after = (will.At - killedAt).TotalSeconds;
        output.WriteLine($"will published {after:0.00} s after the SIGKILL (keep-alive 2 s); {events.Count} events, {samples.Count} samples in 1.5 s");
        Assert.True(after <= 3.0 + 1.0, $"the will came {after:0.00} s after the kill");

        // And it is what the broker keeps for anyone who looks later.
        await using var later = await Subscriber.StartAsync(broker.Port, prefix + "status");
        var retained = await later.WaitForAsync(m => m.Retain, "the retained status", TimeSpan.FromSeconds(5));
        Assert.Equal("""{"online":false}""", retained.Payload);
    }

    private static async Task Post(ControllerProcess controller, string path, string json)
    {
        using var response = await controller.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
