using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// Says in one line why a broker could not be reached or refused us: the words an engineer needs to
/// fix it (wrong host, broker down, certificate, password), not a stack trace.
/// </summary>
public static class ConnectionProblem
{
    public static string Refused(BrokerAddress broker, MqttClientConnectResult result) => result.ResultCode switch
    {
        MqttClientConnectResultCode.BadUserNameOrPassword => $"{broker}: the broker refused the user name or password (BadUserNameOrPassword)",
        MqttClientConnectResultCode.NotAuthorized => $"{broker}: the broker refused the user name or password, or this device (NotAuthorized): check Username, PasswordFile and the client certificate",
        MqttClientConnectResultCode.ClientIdentifierNotValid => $"{broker}: the broker refused the client id (ClientIdentifierNotValid)",
        _ => $"{broker}: the broker refused the connection ({result.ResultCode}{(string.IsNullOrEmpty(result.ReasonString) ? "" : ": " + result.ReasonString)})",
    };

    public static string Describe(BrokerAddress broker, Exception exception, string? certificateProblem)
    {
        if (certificateProblem is not null)
        {
            return $"{broker}: TLS refused: {certificateProblem}";
        }

        if (exception is BrokerSetupException setup)
        {
            return $"{broker}: {setup.Message}";
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => $"{broker}: connection refused (no broker listening there)",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"{broker}: host '{broker.Host}' not found",
                        SocketError.TimedOut => $"{broker}: no answer (timed out)",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"{broker}: network unreachable",
                        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.NotConnected =>
                            $"{broker}: the broker closed the connection{(broker.Tls ? " during the TLS handshake (it may want a client certificate from its CA)" : "")}",
                        _ => $"{broker}: network error {socket.SocketErrorCode}",
                    };
                case AuthenticationException authentication:
                    return $"{broker}: TLS failed: {authentication.Message}";
                case MqttCommunicationTimedOutException or TimeoutException or OperationCanceledException:
                    return $"{broker}: no answer in time{(broker.Tls ? "" : " (is it a TLS port? use mqtts://)")}";
            }
        }

        // Under TLS 1.3 the broker's refusal of a missing client certificate may arrive as OpenSSL's
        // alert rather than as a closed socket: the same cause, said the same way.
        var message = exception.GetBaseException().Message;
        return broker.Tls && message.Contains("certificate required", StringComparison.OrdinalIgnoreCase)
            ? $"{broker}: the broker closed the connection during the TLS handshake (it may want a client certificate from its CA)"
            : $"{broker}: {message}";
    }
}
