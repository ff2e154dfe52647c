using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// Builds the MQTT 5 connection options for a broker address and credentials: TLS against a CA
/// file (or the system store) with an optional client certificate, and user name and password.
/// Files are read on every attempt, so a certificate replaced while the controller runs is used at
/// the next reconnection.
/// </summary>
public sealed class BrokerConnectionOptions(BrokerAddress address, BrokerCredentials credentials)
{
    private string? _certificateProblem;

    public BrokerAddress Address => address;

    /// <summary>Why the broker's certificate was refused at the last attempt (null if it was not).</summary>
    public string? CertificateProblem => Volatile.Read(ref _certificateProblem);

    /// <exception cref="BrokerSetupException">A file is missing, unreadable, not PEM, or a password file is readable by others.</exception>
    public MqttClientOptionsBuilder Builder(string clientId, TimeSpan keepAlive, TimeSpan timeout)
    {
        Volatile.Write(ref _certificateProblem, null);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(address.Host, address.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithKeepAlivePeriod(keepAlive)
            .WithTimeout(timeout);
        if (credentials.Username is { } user)
        {
            builder.WithCredentials(user, ReadPassword());
        }

        if (address.Tls)
        {
            var trust = credentials.CaFile is { } caFile ? ReadCertificates(caFile, "CaFile") : null;
            var clientCertificate = credentials.ClientCertificateFile is { } certificateFile ? ReadClientCertificate(certificateFile, credentials.ClientKeyFile) : null;
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls()
                    .WithTargetHost(address.Host)
                    .WithCertificateValidationHandler(Validate);
                if (trust is not null)
                {
                    tls.WithTrustChain(trust);
                }

                if (clientCertificate is not null)
                {
                    tls.WithClientCertificates([clientCertificate]);
                }
            });
        }

        return builder;
    }

    /// <summary>The usual checks (chain to the trusted CA, host name), remembering what failed so that the log can say it.</summary>
    private bool Validate(MqttClientCertificateValidationEventArgs args)
    {
        if (args.SslPolicyErrors == SslPolicyErrors.None)
        {
            return true;
        }

        var chain = args.Chain?.ChainStatus is { Length: > 0 } status
            ? " (" + string.Join(", ", status.Select(s => s.Status).Distinct()) + ")"
            : "";
        var problem = args.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            ? $"the broker's certificate is not for '{address.Host}'"
            : args.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)
                ? "the broker sent no certificate"
                : $"the broker's certificate is not signed by the trusted CA{(credentials.CaFile is { } ca ? $" ({ca})" : " (system trust store)")}{chain}";
        Volatile.Write(ref _certificateProblem, problem);
        return false;
    }

    private string ReadPassword()
    {
        if (credentials.Password is { } password)
        {
            return password;
        }

        if (credentials.PasswordFile is not { } file)
        {
            return "";
        }

        try
        {
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(file);
                const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
                if ((mode & others) != 0)
                {
                    throw new BrokerSetupException(
                        $"PasswordFile {file} may be read by others (mode {Convert.ToString((int)mode, 8)}); make it readable by the service only (chmod 600)");
                }
            }

            using var reader = new StreamReader(file);
            return reader.ReadLine()?.TrimEnd('\r') ?? "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BrokerSetupException($"PasswordFile {file} cannot be read: {ex.Message}", ex);
        }
    }

    private static X509Certificate2Collection ReadCertificates(string file, string key)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(file);
            return collection.Count > 0 ? collection : throw new BrokerSetupException($"{key} {file} holds no certificate");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new BrokerSetupException($"{key} {file} cannot be read as a PEM certificate: {ex.Message}", ex);
        }
    }

    private static X509Certificate2 ReadClientCertificate(string certificateFile, string? keyFile)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new BrokerSetupException(
                $"ClientCertificateFile {certificateFile}{(keyFile is null ? "" : $" with ClientKeyFile {keyFile}")} cannot be read as a PEM certificate and key: {ex.Message}", ex);
        }
    }

    /// <summary>A QoS 1, retained-or-not message with a JSON payload.</summary>
    public static MqttApplicationMessage Message(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .Build();
}
