using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Tests.Api;
using HydroOxygen.Simulator.Plant;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>The engineer's command line, against a running controller (the API harness) and on its own.</summary>
public sealed class ServiceCommandTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("hydroxy-cred-");

    public void Dispose() => _scratch.Dispose();

    private static (int Exit, string Out, string Err) Run(string verb, string input, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = ServiceCommand.Run(verb, args, new StringReader(input), stdout, stderr, interactive: false);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string CredentialFile() => _scratch.Write("credential", Credential + "\n");

    [Theory]
    [InlineData("calibrate", new[] { "--points", "0.6,abc" }, "--points")]
    [InlineData("calibrate", new[] { "--reference", "0.6" }, "--reference")]
    [InlineData("calibrate", new[] { "--points", "0.6,0", "--reference", "0.45=0.45" }, "--reference: give a reading for every span point")]
    [InlineData("leak-test", new[] { "--pressure", "lots" }, "--pressure")]
    [InlineData("leak-test", new[] { "--points", "0.3" }, "'--points'")] // System.CommandLine: "Unrecognized command or argument '--points'."
    [InlineData("status", new[] { "--url", "ftp://device" }, "--url")]
    [InlineData("status", new[] { "--engineer" }, "'--engineer'")] // "Required argument missing for option: '--engineer'."
    [InlineData("tune", new[] { "now" }, "'now'")] // "Unrecognized command or argument 'now'."
    public void Bad_arguments_are_a_usage_error_naming_the_option(string verb, string[] args, string expected)
    {
        var (exit, _, err) = Run(verb, "", args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_controller_is_reported_not_hung_on()
    {
        var (exit, _, err) = Run("status", "", "--url", "http://127.0.0.1:9", "--engineer", "alice", "--credential-file", CredentialFile());
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("cannot reach the controller", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_a_missing_answer_ends_the_command()
    {
        var (exit, _, err) = Run("status", "", "--url", "http://127.0.0.1:9");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Engineer", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripted_calibration_leak_test_and_status_against_the_running_controller()
    {
        var options = Options();
        var plant = PlantParameters.Default with { POutGainError = 0.03, POutOffsetMpa = 0.02 };
        await using var api = await ApiHarness.StartAsync(service: options, plant: plant);
        await api.WaitForStateAsync("Fault");
        var common = new[] { "--url", api.Http.BaseAddress!.ToString(), "--engineer", "bob", "--credential-file", CredentialFile() };

        var calibrate = await Task.Run(() => Run("calibrate", "", [.. common, "--points", "0.6,0.3,0", "--reference", "simulator", "--yes"]));
        Assert.True(calibrate.Exit == ExitCodes.Ok, calibrate.Out + calibrate.Err);
        Assert.Contains("Calibration revision 1 stored and in use.", calibrate.Out, StringComparison.Ordinal);
        Assert.Matches(@"POut\s+0\.97\d\d", calibrate.Out);
        Assert.Contains("Left service mode.", calibrate.Out, StringComparison.Ordinal);

        var leak = await Task.Run(() => Run("leak-test", "", [.. common, "--duration", "10", "--settle", "2"]));
        Assert.True(leak.Exit == ExitCodes.Ok, leak.Out + leak.Err);
        Assert.Contains("PASSED", leak.Out, StringComparison.Ordinal);

        var status = await Task.Run(() => Run("status", "", common));
        Assert.Equal(ExitCodes.Ok, status.Exit);
        Assert.Contains("Calibration: revision 1", status.Out, StringComparison.Ordinal);
        Assert.Contains("by bob", status.Out, StringComparison.Ordinal);
        Assert.Contains("Last leak test: passed", status.Out, StringComparison.Ordinal);
    }

    /// <summary>A Service exit that could not fill the empty manifold for its hold (inlet stuck shut) left the bottle sealed: the status says so.</summary>
    [Fact]
    public async Task The_status_says_the_bottle_is_under_pressure_after_a_service_exit_left_it_sealed()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();
        var common = new[] { "--url", api.Http.BaseAddress!.ToString(), "--engineer", "bob", "--credential-file", CredentialFile() };
        Assert.DoesNotContain("Bottle under pressure", (await Task.Run(() => Run("status", "", common))).Out, StringComparison.Ordinal);
        using (var enter = new HttpRequestMessage(HttpMethod.Post, "api/service/enter") { Headers = { Authorization = SignedIn() }, Content = new StringContent("", System.Text.Encoding.UTF8, "application/json") })
        {
            Assert.True((await api.Http.SendAsync(enter)).IsSuccessStatusCode);
        }

        await api.WaitForAsync(s => s.GetProperty("state").GetString() == "Service" && s.GetProperty("pressures").GetProperty("outMpa").GetDouble() < 0.02, "Service with the manifold vented");
        Assert.True((await api.PostJsonAsync("api/sim/fault", """{"fault": "inlet_stuck_closed"}""")).IsSuccessStatusCode);
        using (var exit = new HttpRequestMessage(HttpMethod.Post, "api/service/exit") { Headers = { Authorization = SignedIn() }, Content = new StringContent("", System.Text.Encoding.UTF8, "application/json") })
        {
            Assert.True((await api.Http.SendAsync(exit)).IsSuccessStatusCode);
        }

        await api.WaitForAsync(s => s.GetProperty("state").GetString() != "Service", "Service left");
        var status = await Task.Run(() => Run("status", "", common));

        Assert.Equal(ExitCodes.Ok, status.Exit);
        Assert.Matches(@"Bottle under pressure: do not open it \(P_bottle 0\.[3-9]\d\d MPa\)\.", status.Out);
    }

    [Fact]
    public async Task Without_yes_and_without_a_terminal_nothing_is_stored()
    {
        var options = Options();
        await using var api = await ApiHarness.StartAsync(service: options);
        await api.ReadyAsync();
        var common = new[] { "--url", api.Http.BaseAddress!.ToString(), "--engineer", "bob", "--credential-file", CredentialFile() };

        var calibrate = await Task.Run(() => Run("calibrate", "", [.. common, "--points", "0.5,0.3,0", "--reference", "simulator"]));
        Assert.True(calibrate.Exit == ExitCodes.Ok, calibrate.Out + calibrate.Err);
        Assert.Contains("Not stored", calibrate.Out, StringComparison.Ordinal);
        Assert.Contains("Left service mode; not committed, discarded: 3 calibration points.", calibrate.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(api.DataDirectory, "data", "calibration.json")));
    }

    [Fact]
    public async Task A_wrong_credential_is_refused_by_the_controller_and_reported_with_exit_code_1()
    {
        var options = Options();
        await using var api = await ApiHarness.StartAsync(service: options);
        await api.ReadyAsync();
        var wrong = _scratch.Write("wrong-credential", Credential + " staple\n");

        var (exit, _, err) = await Task.Run(() => Run("leak-test", "", "--url", api.Http.BaseAddress!.ToString(), "--engineer", "bob", "--credential-file", wrong));

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("the engineer credential was refused", err, StringComparison.Ordinal);
        Assert.Equal("Ready", (await api.StatusAsync()).GetProperty("state").GetString());

        // Nothing was done; the refused login is all the service log has (issue 15).
        var entry = Assert.Single(File.ReadAllLines(Path.Combine(api.DataDirectory, "data", ServiceLog.FileName)));
        Assert.Contains("\"what\":\"access-denied\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"engineer\":\"bob\"", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scripted_step_test_prints_its_figures_within_the_regulation_targets()
    {
        var options = Options();
        await using var api = await ApiHarness.StartAsync(service: options);
        await api.ReadyAsync();

        var step = await Task.Run(() => Run(
            "step-test", "", "--url", api.Http.BaseAddress!.ToString(), "--engineer", "bob", "--credential-file", CredentialFile(), "--from", "0.3", "--to", "0.45"));

        Assert.True(step.Exit == ExitCodes.Ok, step.Out + step.Err);
        var figures = System.Text.RegularExpressions.Regex.Match(
            step.Out, @"Step 0\.30 → 0\.45 MPa: rise (\d+) ms, overshoot ([\d.]+) kPa, settle (\d+) ms, error ([-\d.]+) kPa");
        Assert.True(figures.Success, step.Out);
        var number = (int i) => double.Parse(figures.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(number(1), 1, 300);        // rise, ms
        Assert.InRange(number(2), 0.0, 10.0);     // overshoot ≤ 0.01 MPa (DESIGN §2.3)
        Assert.InRange(number(3), 1, 300);        // settled to ±0.01 MPa within 300 ms
        Assert.InRange(Math.Abs(number(4)), 0.0, 5.0); // steady within ±0.005 MPa
        Assert.Contains("Left service mode.", step.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_credential_file_is_a_usage_error_with_exit_code_2()
    {
        // Found before any request: no server needed.
        var file = _scratch.Write("empty", "  \n");
        var (exit, _, err) = Run("status", "", "--url", "http://127.0.0.1:9", "--engineer", "bob", "--credential-file", file);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("is empty", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_credential_reads_the_secret_from_standard_input_and_prints_a_verifiable_hash()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = HashCredentialCommand.Run([], new StringReader("a long enough secret\na long enough secret\n"), stdout, stderr, interactive: false);
        Assert.Equal(ExitCodes.Ok, exit);
        var hash = stdout.ToString().Trim();
        Assert.StartsWith("pbkdf2-sha256$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough secret", hash, StringComparison.Ordinal);
        Assert.True(EngineerCredential.Verify("a long enough secret", hash));
        Assert.False(EngineerCredential.Verify("a long enough secreT", hash));

        var tooShort = HashCredentialCommand.Run([], new StringReader("short\nshort\n"), TextWriter.Null, stderr, interactive: false);
        Assert.Equal(ExitCodes.Usage, tooShort);
        Assert.Equal(ExitCodes.Usage, HashCredentialCommand.Run(["secret-on-the-command-line"], new StringReader(""), TextWriter.Null, stderr, interactive: false));
    }

    [Theory]
    [InlineData("a long enough secret\na long enough secreT\n", "the two entries differ")]
    [InlineData("a long enough secret\n", "must be given twice")]
    public void Hash_credential_compares_the_two_entries_of_piped_input(string input, string says)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = HashCredentialCommand.Run([], new StringReader(input), stdout, stderr, interactive: false);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(stdout.ToString());
        Assert.Contains(says, stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calibrate", "--points <MPa,…>", "[default: 0.6|0.45|0.3|0]")]
    [InlineData("leak-test", "--pressure <MPa>", "Service:LeakTest:PressureMpa, 0.5")]
    [InlineData("status", "--url <URL>", "[default: http://127.0.0.1:5080/]")]
    public void Every_engineer_verb_answers_help_with_its_options_and_defaults(string verb, string option, string shown)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (exit, output, err) = Run(verb, "", help);
            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Empty(err);
            Assert.Contains(option, output, StringComparison.Ordinal);
            Assert.Contains(shown, output, StringComparison.Ordinal);
        }
    }
}
