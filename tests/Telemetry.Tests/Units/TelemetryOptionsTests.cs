using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Telemetry;
using Microsoft.Extensions.Configuration;
using HydroOxygen.Controller.Startup;
using HydroOxygen.Hal;

namespace HydroOxygen.Telemetry.Tests.Units;

/// <summary>The Telemetry section is validated like the others: each problem names its key, and nothing starts.</summary>
public sealed class TelemetryOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_publish_nothing()
    {
        var options = new TelemetryOptions();
        Assert.Empty(options.Problems(TelemetryOptions.Section));
        Assert.False(options.Enabled);
        Assert.True(options.Metrics);
        Assert.True(options.AwaitCollectorAck);
        Assert.Equal(60, options.CollectorAckTimeoutS);
    }

    [Fact]
    public void The_repository_configuration_keeps_telemetry_off()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        Assert.True(ControllerHost.TryReadOptions(configuration, out ControllerOptions options, out var problems), string.Join("; ", problems));
        Assert.False(options.Telemetry.Enabled);
        Assert.Equal("hydroxy", options.Telemetry.TopicRoot);
    }

    [Theory]
    [InlineData("Broker", "http://broker:1883", "Telemetry:Broker: must be mqtt://host:port or mqtts://host:port")]
    [InlineData("Broker", "mqtt://user:pw@broker:1883", "Telemetry:Broker: must be only a scheme, a host and a port")]
    [InlineData("Broker", "mqtt://broker:70000", "Telemetry:Broker:")]
    [InlineData("Site", "salon/1", "Telemetry:Site: must be 1–64 characters without '/'")]
    [InlineData("DeviceId", "dev+1", "Telemetry:DeviceId: must be 1–64 characters")]
    [InlineData("TopicRoot", "", "Telemetry:TopicRoot: must not be empty")]
    [InlineData("SampleIntervalS", "0", "Telemetry:SampleIntervalS: must be within 0.1–3600 s")]
    [InlineData("OutboxMaxMb", "0", "Telemetry:OutboxMaxMb: must be within 0.1–4096 MB")]
    [InlineData("KeepAliveS", "1", "Telemetry:KeepAliveS: must be within 2–3600 s")]
    [InlineData("CollectorAckTimeoutS", "1", "Telemetry:CollectorAckTimeoutS: must be within 5–86400 s")]
    [InlineData("ReconnectMaxS", "0.5", "Telemetry:ReconnectMaxS: must be within ReconnectMinS")]
    [InlineData("CaFile", "/etc/ca.pem", "Telemetry:CaFile: needs a TLS broker (mqtts://…)")]
    [InlineData("Password", "pw", "Telemetry:Username: a password needs a user name")]
    public void A_bad_value_is_refused_by_its_key(string key, string value, string expected)
    {
        var problems = Read(("Telemetry:" + key, value));
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_collector_acknowledgement_switch_that_is_not_true_or_false_is_refused_by_its_key()
    {
        var problems = Read(("Telemetry:AwaitCollectorAck", "maybe"));
        Assert.Contains(problems, p => p.StartsWith("Telemetry:", StringComparison.Ordinal) && p.Contains("Telemetry:AwaitCollectorAck", StringComparison.Ordinal));
        Assert.Empty(Read(("Telemetry:AwaitCollectorAck", "false"), ("Telemetry:CollectorAckTimeoutS", "30")));
    }

    [Fact]
    public void An_unknown_key_is_refused()
    {
        var problems = Read(("Telemetry:Brokr", "mqtt://x"));
        Assert.Contains(problems, p => p.StartsWith("Telemetry:", StringComparison.Ordinal) && p.Contains("Brokr", StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_and_a_password_file_together_are_refused()
    {
        var problems = Read(("Telemetry:Username", "u"), ("Telemetry:Password", "p"), ("Telemetry:PasswordFile", "/etc/pw"));
        Assert.Contains("Telemetry:Password: give the password or PasswordFile, not both", problems);
    }

    [Fact]
    public void A_complete_TLS_setup_is_accepted()
    {
        Assert.Empty(Read(
            ("Telemetry:Enabled", "true"),
            ("Telemetry:Broker", "mqtts://broker.salon.example"),
            ("Telemetry:CaFile", "/etc/hydro-oxygen/ca.pem"),
            ("Telemetry:ClientCertificateFile", "/etc/hydro-oxygen/device.pem"),
            ("Telemetry:ClientKeyFile", "/etc/hydro-oxygen/device.key"),
            ("Telemetry:Username", "dev-1"),
            ("Telemetry:PasswordFile", "/etc/hydro-oxygen/broker.password")));
        Assert.Equal(new BrokerAddress("broker.salon.example", 8883, true), BrokerAddress.Parse("mqtts://broker.salon.example"));
        Assert.Equal(new BrokerAddress("10.1.2.3", 1883, false), BrokerAddress.Parse("mqtt://10.1.2.3"));
    }

    private static IReadOnlyList<string> Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        ControllerHost.TryReadOptions(configuration, out ControllerOptions _, out var problems);
        return problems;
    }
}
