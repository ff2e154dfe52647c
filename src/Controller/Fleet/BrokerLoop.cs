using HydroOxygen.Controller.Telemetry;
using MQTTnet;

namespace HydroOxygen.Controller.Fleet;

/// <summary>
/// Keeps an engineer's tool connected to the broker: connects, subscribes (in
/// <paramref name="subscribe"/>), waits for the connection to drop, and tries again with back-off,
/// saying each distinct problem once.
/// </summary>
internal sealed class BrokerLoop(
    BrokerConnectionOptions connection,
    string clientId,
    Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder> configure,
    Func<IMqttClient, CancellationToken, Task> subscribe,
    Func<MqttApplicationMessageReceivedEventArgs, Task> onMessage,
    Action<string> report)
{
    private string? _reported;

    /// <summary>Connected now.</summary>
    public bool Connected { get; private set; }

    /// <summary>The client while connected (and subscribed), for what the tool publishes; null otherwise.</summary>
    public IMqttClient? Client { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        var factory = new MqttClientFactory();
        while (!stop.IsCancellationRequested)
        {
            using var client = factory.CreateMqttClient();
            var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ =>
            {
                dropped.TrySetResult();
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += onMessage;
            try
            {
                var problem = await BrokerConnector.ConnectAsync(client, connection, configure, clientId, TimeSpan.FromSeconds(15), stop).ConfigureAwait(false);
                if (problem is not null)
                {
                    Report(problem);
                }
                else
                {
                    await subscribe(client, stop).ConfigureAwait(false);
                    Connected = true;
                    Client = client;
                    if (_reported is not null)
                    {
                        report(FleetText.Reconnected(connection.Address));
                        _reported = null;
                    }

                    backoff.Reset();
                    await dropped.Task.WaitAsync(stop).ConfigureAwait(false);
                    Connected = false;
                    Client = null;
                    Report(FleetText.ConnectionLost(connection.Address));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Connected = false;
                Client = null;
                if (client.IsConnected)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    try
                    {
                        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), quick.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // Leaving anyway.
                    }
                }

                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Connected = false;
                Client = null;
                Report(ConnectionProblem.Describe(connection.Address, ex, connection.CertificateProblem));
            }

            try
            {
                await Task.Delay(backoff.Next(), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Report(string problem)
    {
        if (problem != _reported)
        {
            _reported = problem;
            report(problem);
        }
    }
}
