using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>A test's own MQTT 5 client: subscribes to a filter and keeps every message it gets, with when.</summary>
internal sealed class Subscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<Received> _messages = new();

    private Subscriber()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Enqueue(new Received(e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()), e.ApplicationMessage.Retain, DateTime.UtcNow));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<Received> Messages => _messages.ToArray();

    public static async Task<Subscriber> StartAsync(int port, params string[] filters)
    {
        var subscriber = new Subscriber();
        await subscriber._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("test-subscriber-" + Guid.NewGuid().ToString("N"))
            .WithCleanStart()
            .Build());
        var options = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            options.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await subscriber._client.SubscribeAsync(options.Build());
        return subscriber;
    }

    public async Task<Received> WaitForAsync(Func<Received, bool> condition, string what, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (_messages.FirstOrDefault(condition) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {what} within {limit.TotalSeconds} s; got:\n" + string.Join('\n', _messages.TakeLast(20).Select(m => $"{m.Topic} {m.Payload}")));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }
}

internal sealed record Received(string Topic, string Payload, bool Retain, DateTime At)
{
    public JsonElement Json => JsonDocument.Parse(Payload).RootElement;

    public string Level => Topic[(Topic.LastIndexOf('/') + 1)..];
}
