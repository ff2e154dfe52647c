using System.Buffers;
using System.Threading.Channels;
using HydroOxygen.Controller.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace HydroOxygen.Controller.Fleet;

/// <summary>
/// <c>fleet collect</c>: subscribes (QoS 1, a persistent session) to every device's events and
/// sessions through an MQTT 5 shared subscription, so that collectors of one group each get a share,
/// and writes them to the central database. A message is acknowledged to the broker only after
/// its row is committed: a collector killed mid-batch gets the batch again, and the id makes the
/// second copy a no-op. After each commit it tells every device of the batch which of its ids are
/// now kept (<see cref="CollectorAck"/> on the device's <c>acks</c> topic, QoS 1, one message per
/// device), so that the device may delete them from its outbox; repeats are acknowledged too.
/// </summary>
public sealed class FleetCollector
{
    public const int BatchLimit = 500;
    private static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(20);
    private static readonly uint SessionExpiry = (uint)TimeSpan.FromDays(7).TotalSeconds;

    private readonly BrokerConnectionOptions _connection;
    private readonly FleetDatabase _database;
    private readonly string _root;
    private readonly string _group;
    private readonly string _name;
    private readonly Action<string> _report;
    private readonly Channel<(FleetMessage? Message, MqttApplicationMessageReceivedEventArgs Delivery)> _pending =
        Channel.CreateBounded<(FleetMessage?, MqttApplicationMessageReceivedEventArgs)>(new BoundedChannelOptions(4 * BatchLimit) { SingleReader = true });

    private long _received;
    private long _inserted;
    private long _duplicates;
    private long _rejected;
    private long _acknowledgedIds;
    private long _ackFailures;
    private BrokerLoop? _loop;

    public FleetCollector(BrokerConnectionOptions connection, FleetDatabase database, string root, string group, string name, Action<string> report)
    {
        _connection = connection;
        _database = database;
        _root = root;
        _group = group;
        _name = name;
        _report = report;
    }

    public long Received => Interlocked.Read(ref _received);
    public long Inserted => Interlocked.Read(ref _inserted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Ids acknowledged to their devices (a repeat acknowledged again counts again).</summary>
    public long AcknowledgedIds => Interlocked.Read(ref _acknowledgedIds);

    /// <summary>Acknowledgement messages to devices that could not be sent (the device offers those messages again).</summary>
    public long AckFailures => Interlocked.Read(ref _ackFailures);

    public string Filter(string level) => $"$share/{_group}/{TopicNames.EveryDevice(_root, level)}";

    public async Task RunAsync(CancellationToken stop)
    {
        _report(FleetText.Collecting(_name, _connection.Address, Filter("{events,sessions}"), _database.Description));
        var loop = _loop = new BrokerLoop(
            _connection,
            _name,
            builder => builder.WithCleanStart(false).WithSessionExpiryInterval(SessionExpiry).WithReceiveMaximum(2 * BatchLimit),
            SubscribeAsync,
            OnMessageAsync,
            _report);
        var writer = Task.Run(() => WriteLoopAsync(stop), CancellationToken.None);
        await loop.RunAsync(stop).ConfigureAwait(false);
        _pending.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private async Task SubscribeAsync(IMqttClient client, CancellationToken stop)
    {
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Filter(TopicNames.EventsLevel), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Filter(TopicNames.SessionsLevel), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await client.SubscribeAsync(options, stop).ConfigureAwait(false);
        foreach (var item in result.Items)
        {
            if ((int)item.ResultCode >= 0x80)
            {
                throw new IOException($"the broker refused the subscription {item.TopicFilter.Topic} ({item.ResultCode})");
            }
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs delivery)
    {
        delivery.AutoAcknowledge = false;
        Interlocked.Increment(ref _received);
        var message = delivery.ApplicationMessage;
        FleetMessage? parsed = null;
        if (!FleetMessage.TryParse(message.Topic, message.Payload.IsSingleSegment ? message.Payload.FirstSpan : message.Payload.ToArray(), out parsed, out var problem))
        {
            var total = Interlocked.Increment(ref _rejected);
            if (total <= 10 || total % 1000 == 0)
            {
                _report(FleetText.Rejected(problem, total));
            }
        }

        await _pending.Writer.WriteAsync((parsed, delivery)).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync(CancellationToken stop)
    {
        var reader = _pending.Reader;
        var batch = new List<(FleetMessage? Message, MqttApplicationMessageReceivedEventArgs Delivery)>(BatchLimit);
        var backoff = new Backoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            using (var gather = new CancellationTokenSource(BatchWait))
            {
                try
                {
                    while (batch.Count < BatchLimit)
                    {
                        if (reader.TryRead(out var item))
                        {
                            batch.Add(item);
                        }
                        else if (!await reader.WaitToReadAsync(gather.Token).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The batch is as full as it gets within the wait.
                }
            }

            var rows = batch.Where(b => b.Message is not null).Select(b => b.Message!).ToList();
            while (true)
            {
                try
                {
                    var now = DateTimeOffset.UtcNow;
                    var inserted = rows.Count == 0 ? 0 : _database.Write(rows, _name, now);
                    Interlocked.Add(ref _inserted, inserted);
                    Interlocked.Add(ref _duplicates, rows.Count - inserted);
                    backoff.Reset();
                    break;
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException)
                {
                    _report(FleetText.DatabaseFailed(_database.Description, ex.Message));
                    if (stop.IsCancellationRequested)
                    {
                        return; // not acknowledged: the broker keeps them for this collector's session
                    }

                    await Task.Delay(backoff.Next(), CancellationToken.None).ConfigureAwait(false);
                }
            }

            foreach (var (_, delivery) in batch)
            {
                try
                {
                    await delivery.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The connection that brought it is gone: the broker sends it again, and the row is already kept.
                }
            }

            await AcknowledgeToDevicesAsync(rows).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Tells each device of a committed batch which of its ids are kept. One that cannot be told
    /// (no connection, a refusal) offers the messages again and is told then.
    /// </summary>
    private async Task AcknowledgeToDevicesAsync(List<FleetMessage> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var client = _loop?.Client;
        var byDevice = rows.GroupBy(r => (r.Site, r.DeviceId)).ToList();
        if (client is not { IsConnected: true })
        {
            Interlocked.Add(ref _ackFailures, byDevice.Count);
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var sends = byDevice.Select(async device =>
        {
            var ids = device.Select(r => r.Id).Distinct().ToList();
            var topic = new TopicNames(_root, device.Key.Site, device.Key.DeviceId).Acks;
            try
            {
                var result = await client.PublishAsync(
                    BrokerConnectionOptions.Message(topic, new CollectorAck(_name, ids).Write(), MqttQualityOfServiceLevel.AtLeastOnce, retain: false),
                    timeout.Token).ConfigureAwait(false);
                if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
                {
                    // No subscriber: the device is offline now and offers the messages again when back.
                    Interlocked.Add(ref _acknowledgedIds, ids.Count);
                    return;
                }

                Failed(topic, result.ReasonCode.ToString());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(topic, ex.GetBaseException().Message);
            }
        });
        await Task.WhenAll(sends).ConfigureAwait(false);

        void Failed(string topic, string problem)
        {
            var total = Interlocked.Increment(ref _ackFailures);
            if (total <= 3 || total % 1000 == 0)
            {
                _report(FleetText.AckFailed(topic, problem, total));
            }
        }
    }
}
