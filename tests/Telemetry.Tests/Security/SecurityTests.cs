using System.Globalization;
using System.Text.Json;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Controller.Tests.Records;
using HydroOxygen.Telemetry.Tests.Support;
using MQTTnet;
using Xunit.Abstractions;

namespace HydroOxygen.Telemetry.Tests.Security;

/// <summary>
/// DESIGN §3.6's security rule against a real TLS broker that wants a client certificate from its
/// CA and a password: the right files connect; a wrong CA, host name, password or a password file
/// others may read each give one line that says which, and the controller runs on.
/// </summary>
[Collection(nameof(Processes))]
public sealed class SecurityTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string User = "dev-tls";
    private const string Password = "s3cret-for-the-test";
    private readonly TemporaryDirectory _files = new("hydroxy-tls-");
    private TestCertificates _certificates = null!;
    private Mosquitto _broker = null!;
    private string _passwordFile = null!;

    public async Task InitializeAsync()
    {
        _certificates = TestCertificates.Create(_files.Path);
        var brokerPasswords = PasswordFiles.ForBroker(_files.File("broker.passwd"), User, Password);
        _passwordFile = PasswordFiles.ForDevice(_files.File("device.password"), Password, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _broker = await Mosquitto.StartAsync(_certificates.BrokerListener(brokerPasswords));
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    private string Tls(string host = "localhost") => $"mqtts://{host}:{_broker.Port.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task The_right_CA_client_certificate_and_password_file_connect()
    {
        Assert.Null(await AttemptAsync(Tls(), Good()));
    }

    [Fact]
    public async Task A_broker_certificate_from_another_CA_is_refused_and_said_so()
    {
        var problem = await AttemptAsync(Tls(), Good() with { CaFile = _certificates.OtherCaFile });
        Assert.NotNull(problem);
        Assert.Contains("TLS refused: the broker's certificate is not signed by the trusted CA", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_certificate_for_another_host_is_refused_and_said_so()
    {
        var problem = await AttemptAsync(Tls("127.0.0.1"), Good());
        Assert.NotNull(problem);
        Assert.Contains("the broker's certificate is not for '127.0.0.1'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_said_so()
    {
        var wrong = PasswordFiles.ForDevice(_files.File("wrong.password"), "not-it", UnixFileMode.UserRead);
        var problem = await AttemptAsync(Tls(), Good() with { PasswordFile = wrong });
        Assert.NotNull(problem);
        Assert.Contains("refused the user name or password", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_file_others_may_read_is_not_used()
    {
        var open = PasswordFiles.ForDevice(_files.File("open.password"), Password, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var problem = await AttemptAsync(Tls(), Good() with { PasswordFile = open });
        Assert.NotNull(problem);
        Assert.Contains("may be read by others (mode 644)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_client_certificate_the_broker_refuses_the_handshake()
    {
        var problem = await AttemptAsync(Tls(), Good() with { ClientCertificateFile = null, ClientKeyFile = null });
        Assert.NotNull(problem);
        Assert.Contains("TLS handshake (it may want a client certificate", problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// The controller with the wrong password: one log line for however many attempts, the reason in
    /// /api/status, retries with back-off (seen at the broker), and the device still works.
    /// </summary>
    [Fact]
    public async Task The_controller_with_a_wrong_password_logs_it_once_shows_it_retries_and_runs_on()
    {
        var wrong = PasswordFiles.ForDevice(_files.File("wrong.password"), "not-it", UnixFileMode.UserRead);
        await using var controller = await ControllerProcess.StartAsync(null, TelemetryArgs.For(Tls(), "dev-tls", "salon-tls",
            "--Telemetry:CaFile=" + _certificates.CaFile,
            "--Telemetry:ClientCertificateFile=" + _certificates.ClientCertificateFile,
            "--Telemetry:ClientKeyFile=" + _certificates.ClientKeyFile,
            "--Telemetry:Username=" + User,
            "--Telemetry:PasswordFile=" + wrong));

        await Task.Delay(TimeSpan.FromSeconds(4));
        var status = await controller.StatusAsync();
        var telemetry = status.GetProperty("telemetry");
        Assert.False(telemetry.GetProperty("connected").GetBoolean());
        Assert.Contains("refused the user name or password", telemetry.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ready", status.GetProperty("state").GetString());

        var lines = controller.Output.Split('\n').Where(l => l.Contains("refused the user name or password", StringComparison.Ordinal)).ToList();
        var attempts = _broker.Log.Split('\n').Count(l => l.Contains("disconnected, not authorised", StringComparison.Ordinal));
        output.WriteLine($"{attempts} refused attempts at the broker, {lines.Count} log line(s): {lines.FirstOrDefault()}");
        Assert.Single(lines);
        Assert.True(attempts >= 2, $"the controller tried {attempts} times in 4 s:\n{_broker.Log}");

        // The device itself is untouched: a spray still works.
        using var pedal = await controller.Http.PostAsync("api/sim/pedal", new StringContent("""{"down": true}""", System.Text.Encoding.UTF8, "application/json"));
        await controller.WaitForStateAsync("Spraying", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_controller_with_the_right_files_publishes_over_TLS()
    {
        await using var controller = await ControllerProcess.StartAsync(null, TelemetryArgs.For(Tls(), "dev-tls", "salon-tls",
            "--Telemetry:CaFile=" + _certificates.CaFile,
            "--Telemetry:ClientCertificateFile=" + _certificates.ClientCertificateFile,
            "--Telemetry:ClientKeyFile=" + _certificates.ClientKeyFile,
            "--Telemetry:Username=" + User,
            "--Telemetry:PasswordFile=" + _passwordFile));
        await controller.WaitForAsync(s => s.GetProperty("telemetry").GetProperty("connected").GetBoolean(), "connected over TLS", TimeSpan.FromSeconds(20));
        var telemetry = (await controller.StatusAsync()).GetProperty("telemetry");
        // Connected and publishing; with no collector on this broker, the only complaint may be that nobody subscribes.
        var lastError = telemetry.GetProperty("lastError");
        Assert.True(lastError.ValueKind == JsonValueKind.Null || lastError.GetString()!.Contains("NoMatchingSubscribers", StringComparison.Ordinal), lastError.ToString());
        Assert.Contains("as hydroxy-dev-tls", _broker.Log, StringComparison.Ordinal);
    }

    private BrokerCredentials Good() => new(
        _certificates.CaFile,
        _certificates.ClientCertificateFile,
        _certificates.ClientKeyFile,
        User,
        null,
        _passwordFile);

    private static async Task<string?> AttemptAsync(string broker, BrokerCredentials credentials)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var connection = new BrokerConnectionOptions(BrokerAddress.Parse(broker), credentials);
        var problem = await BrokerConnector.ConnectAsync(client, connection, b => b.WithCleanStart(), "test-" + Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(5), CancellationToken.None);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        return problem;
    }
}
