using MQTTnet;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>One connection attempt, its outcome in words: null when connected, else the one-line reason.</summary>
public static class BrokerConnector
{
    public static async Task<string?> ConnectAsync(
        IMqttClient client,
        BrokerConnectionOptions connection,
        Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder> configure,
        string clientId,
        TimeSpan keepAlive,
        CancellationToken stop)
    {
        try
        {
            var options = configure(connection.Builder(clientId, keepAlive, TimeSpan.FromSeconds(10))).Build();
            var result = await client.ConnectAsync(options, stop).ConfigureAwait(false);
            return result.ResultCode == MqttClientConnectResultCode.Success ? null : ConnectionProblem.Refused(connection.Address, result);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ConnectionProblem.Describe(connection.Address, ex, connection.CertificateProblem);
        }
    }
}
