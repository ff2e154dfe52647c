using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// The <c>Telemetry</c> section of appsettings.json (DESIGN §3.6): where the device reports to, as
/// whom, and how often. Publishing is off unless <see cref="Enabled"/>; the <c>/metrics</c>
/// endpoint (loopback only) is independent of it.
/// </summary>
public sealed record TelemetryOptions : ISettingsSection
{
    public const string Section = "Telemetry";
    public const int MaxNameLength = 64;
    private static readonly System.Buffers.SearchValues<char> NotInTopicLevel = System.Buffers.SearchValues.Create("/+#$ \t\r\n\0");

    /// <summary>Publish to the broker at all.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>mqtt://host:port</c> (port 1883 by default) or <c>mqtts://host:port</c> (TLS, 8883 by default).</summary>
    public string Broker { get; init; } = "mqtt://127.0.0.1:1883";

    /// <summary>The salon (site) this device belongs to: the second level of every topic.</summary>
    public string Site { get; init; } = "default";

    /// <summary>The device's name in topics; empty: a stable id derived from the machine (<see cref="DeviceIdentity"/>).</summary>
    public string? DeviceId { get; init; }

    /// <summary>The first level of every topic.</summary>
    public string TopicRoot { get; init; } = "hydroxy";

    /// <summary>How often a <c>telemetry</c> sample (pressures, state) is published, s.</summary>
    public double SampleIntervalS { get; init; } = 1.0;

    /// <summary>The retained <c>status</c> is published on every change, and at least this often, s.</summary>
    public double StatusIntervalS { get; init; } = 60.0;

    /// <summary>
    /// Keep each event and session record after the broker's acknowledgement until a collector
    /// (<c>fleet collect</c>) says it committed it (on the device's <c>acks</c> topic); false: delete
    /// on the broker's acknowledgement, for a site whose consumer is not our collector (a broker
    /// killed between its acknowledgement and its save then loses what it held).
    /// </summary>
    public bool AwaitCollectorAck { get; init; } = true;

    /// <summary>
    /// A message the broker acknowledged and no collector has after this long is offered again, s;
    /// the wait doubles per message at each re-offer, up to 64 times this.
    /// </summary>
    public double CollectorAckTimeoutS { get; init; } = 60.0;

    /// <summary>The longest wait between re-offers of one message, as a multiple of <see cref="CollectorAckTimeoutS"/>.</summary>
    public const int ReofferBackoffLimit = 64;

    /// <summary>
    /// Bound of the outbox (events and session records not yet acknowledged by the broker, or by
    /// the collector when <see cref="AwaitCollectorAck"/>), MB.
    /// Past it the oldest events are dropped and counted; session records are never dropped.
    /// </summary>
    public double OutboxMaxMb { get; init; } = 16.0;

    /// <summary>MQTT keep-alive, s: the broker publishes the last will (<c>{"online":false}</c>) within 1.5 of these after the device goes silent.</summary>
    public int KeepAliveS { get; init; } = 15;

    /// <summary>First wait before reconnecting after a failure, s; doubled (with jitter) up to <see cref="ReconnectMaxS"/>.</summary>
    public double ReconnectMinS { get; init; } = 1.0;

    /// <summary>Longest wait between reconnection attempts, s.</summary>
    public double ReconnectMaxS { get; init; } = 60.0;

    /// <summary>PEM file of the certificate authority that signed the broker's certificate (mqtts only); empty: the system's trust store.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM file of the device's client certificate (mqtts only, optional).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM file of the client certificate's private key; empty when it is inside <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>Broker user name (optional).</summary>
    public string? Username { get; init; }

    /// <summary>Broker password in the configuration; prefer <see cref="PasswordFile"/>.</summary>
    public string? Password { get; init; }

    /// <summary>A file holding the broker password (first line), readable by its owner only (mode 0600 or 0400).</summary>
    public string? PasswordFile { get; init; }

    /// <summary>Serve Prometheus metrics at <c>/metrics</c> to loopback callers.</summary>
    public bool Metrics { get; init; } = true;

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var broker = BrokerAddress.TryParse(Broker, out var address, out var brokerProblem);
        if (!broker)
        {
            errors.Add(nameof(Broker), "Broker", "{0}", brokerProblem);
        }

        CheckName(errors, nameof(Site), Site, required: true);
        CheckName(errors, nameof(TopicRoot), TopicRoot, required: true);
        CheckName(errors, nameof(DeviceId), DeviceId, required: false);
        errors.Range(SampleIntervalS, 0.1, 3600, "s", nameof(SampleIntervalS));
        errors.Range(StatusIntervalS, 1, 3600, "s", nameof(StatusIntervalS));
        errors.Range(OutboxMaxMb, 0.1, 4096, "MB", nameof(OutboxMaxMb));
        errors.Range(KeepAliveS, 2, 3600, "s", nameof(KeepAliveS));
        errors.Range(CollectorAckTimeoutS, 5, 86_400, "s", nameof(CollectorAckTimeoutS));
        if (!(ReconnectMinS is >= 0.05 and <= 600))
        {
            errors.Range(ReconnectMinS, 0.05, 600, "s", nameof(ReconnectMinS));
        }
        else if (!(ReconnectMaxS >= ReconnectMinS && ReconnectMaxS <= 3600))
        {
            errors.Add(nameof(ReconnectMaxS), "ReconnectMax", "must be within {0} ({1})–3600 s, was {2}", nameof(ReconnectMinS), SettingsErrors.N(ReconnectMinS), SettingsErrors.N(ReconnectMaxS));
        }

        var tlsFiles = new[] { (nameof(CaFile), CaFile), (nameof(ClientCertificateFile), ClientCertificateFile), (nameof(ClientKeyFile), ClientKeyFile) };
        if (broker && !address.Tls)
        {
            foreach (var (key, value) in tlsFiles)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    errors.Add(key, "NeedsTls", "needs a TLS broker (mqtts://…); {0} is {1}", nameof(Broker), Broker);
                }
            }
        }

        if (!string.IsNullOrEmpty(ClientKeyFile) && string.IsNullOrEmpty(ClientCertificateFile))
        {
            errors.Add(nameof(ClientKeyFile), "GivenWithout", "given without {0}", nameof(ClientCertificateFile));
        }

        if (!string.IsNullOrEmpty(Password) && !string.IsNullOrEmpty(PasswordFile))
        {
            errors.Add(nameof(Password), "PasswordTwice", "give the password or {0}, not both", nameof(PasswordFile));
        }

        if ((!string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(PasswordFile)) && string.IsNullOrEmpty(Username))
        {
            errors.Add(nameof(Username), "PasswordNeedsUser", "a password needs a user name");
        }
    }

    /// <summary>Topic levels may not hold MQTT's separators or wildcards, and may not be empty.</summary>
    private static void CheckName(SettingsErrors errors, string key, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Add(key, "NotEmpty", "must not be empty");
            }

            return;
        }

        if (value.Length > MaxNameLength || value.AsSpan().IndexOfAny(NotInTopicLevel) >= 0)
        {
            errors.Add(key, "TopicLevel", "must be 1–{0} characters without '/', '+', '#', '$' or spaces (a topic level), was '{1}'", MaxNameLength, value);
        }
    }
}
