using System.Buffers;
using System.Collections.Concurrent;
using HydroOxygen.Controller.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace HydroOxygen.Controller.Fleet;

/// <summary>
/// <c>fleet watch</c>: follows every device's retained status under a root and keeps the table of
/// them. Read-only (a throw-away session that subscribes to status topics only).
/// </summary>
public sealed class FleetWatch(BrokerConnectionOptions connection, string root, string site, Action<string> report)
{
    private readonly ConcurrentDictionary<(string Site, string Device), DeviceRow> _devices = new();

    public IReadOnlyCollection<DeviceRow> Devices => _devices.Values.ToArray();

    public string Filter => $"{root}/{site}/+/{TopicNames.StatusLevel}";

    public Task RunAsync(CancellationToken stop)
    {
        var loop = new BrokerLoop(
            connection,
            $"hydroxy-watch-{Guid.NewGuid():N}",
            builder => builder.WithCleanStart(),
            async (client, token) => await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), token).ConfigureAwait(false),
            OnMessage,
            report);
        return loop.RunAsync(stop);
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs delivery)
    {
        var message = delivery.ApplicationMessage;
        if (TopicNames.TryParse(message.Topic, out var messageSite, out var device, out var level) && level == TopicNames.StatusLevel)
        {
            var key = (messageSite, device);
            _devices.TryGetValue(key, out var previous);
            if (DeviceRow.TryRead(messageSite, device, message.Payload.ToArray(), previous, out var row))
            {
                _devices[key] = row;
            }
        }

        return Task.CompletedTask;
    }
}
