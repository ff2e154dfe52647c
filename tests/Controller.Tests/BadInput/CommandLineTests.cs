using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.BadInput;

/// <summary>
/// Command lines that are wrong: unknown switches and sections for the service, bad numbers and
/// missing values for the verbs. Exit code 2 for a command line that cannot be understood, 3 for
/// configuration given on it that is invalid (README, "Configuration"); the message names the
/// argument; nothing is started.
/// </summary>
[Collection(nameof(Hosting.ProcessTests))]
public sealed class CommandLineTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Where a service that did start would leave traces: none of them may appear.</summary>
    private string[] Quiet => [
        "--Log:Directory=" + Path.Combine(_directory.Path, "logs"),
        "--Records:Directory=" + Path.Combine(_directory.Path, "records"),
        "--Service:Directory=" + Path.Combine(_directory.Path, "service"),
        "--urls=http://127.0.0.1:0",
    ];

    [Theory]
    [InlineData(2, "'-x': not an option", "-x")]
    [InlineData(2, "'--=3': not an option", "--=3")]
    [InlineData(2, "'--frobnicate' needs a value", "--frobnicate")]
    [InlineData(2, "'--Controller:StartupProgram' needs a value", "--Controller:StartupProgram")]
    [InlineData(3, "Controler: unknown section on the command line; did you mean Controller?", "--Controler:LoopRateHz=100")]
    [InlineData(3, "Device: must be a section of settings", "--Device=RaspberryPi")]
    [InlineData(3, "Controller:LoopRateHz: must be within 50–2000, was NaN", "--Controller:LoopRateHz=NaN")]
    [InlineData(3, "Controller:LoopRateHz", "--Controller:LoopRateHz=5e5")]
    [InlineData(3, "Controller:LoopRateHz", "--Controller:LoopRateHz=five hundred")]
    [InlineData(3, "Controller:StartupProgram", "--Controller:StartupProgram=peel")]
    public async Task A_bad_service_command_line_starts_nothing_and_names_the_argument(int exitCode, string says, string arg)
    {
        var run = await ControllerRun.ToEndAsync([arg, .. Quiet]);

        Assert.True(exitCode == run.ExitCode, $"exit {run.ExitCode}, expected {exitCode}: {run.StdErr}{run.StdOut}");
        Assert.Contains(says, run.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing was started", run.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "records")), "the service started: it created its records");
    }

    [Theory]
    [InlineData("""{ "Controller": { "LoopRateHz": 500, }""", "Expected depth to be zero")]
    [InlineData("""{"Device": {"Backend": "Simulator"}, "Device": {"Backend": "RaspberryPi"}}""", "A duplicate key 'Device:Backend'")]
    [InlineData("""{"Devise": {"Backend": "RaspberryPi"}}""", "Devise: unknown section in ")]
    [InlineData("""{"Controller": {"LoopRateHz": [500]}}""", "Controller:LoopRateHz: must be a single value")]
    public async Task A_bad_site_configuration_file_is_exit_code_3_naming_the_problem(string json, string says)
    {
        var site = Directory.CreateDirectory(Path.Combine(_directory.Path, "site")).FullName;
        File.WriteAllText(Path.Combine(site, "appsettings.json"), json);

        var run = await ControllerRun.ToEndAsync(Quiet, new Dictionary<string, string> { ["HYDROXY_CONFIG_DIR"] = site });

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.StdErr}{run.StdOut}");
        Assert.Contains(says, run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "records")), "the service started: it created its records");
    }

    [Fact]
    public async Task A_site_configuration_directory_that_does_not_exist_is_exit_code_3()
    {
        var missing = Path.Combine(_directory.Path, "no-such-dir");

        var run = await ControllerRun.ToEndAsync(Quiet, new Dictionary<string, string> { ["HYDROXY_CONFIG_DIR"] = missing });

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("HYDROXY_CONFIG_DIR", run.StdErr, StringComparison.Ordinal);
        Assert.Contains(missing, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_configuration_directory_without_its_file_is_exit_code_3_naming_the_file()
    {
        // Without the site file an installed device would run the shipped appsettings.json, whose
        // backend is the simulator.
        var site = Directory.CreateDirectory(Path.Combine(_directory.Path, "site-without-file")).FullName;

        var run = await ControllerRun.ToEndAsync(Quiet, new Dictionary<string, string> { ["HYDROXY_CONFIG_DIR"] = site });

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.StdErr}{run.StdOut}");
        Assert.Contains($"'{Path.Combine(site, "appsettings.json")}' does not exist", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing was started", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("simulator", run.StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "records")), "the service started: it created its records");
    }

    [Theory]
    [InlineData("--trace-every -1", "--trace-every needs a whole number of ticks, 1 or more, not '-1'")]
    [InlineData("--trace-every 1.5", "not '1.5'")]
    [InlineData("--trace-every 99999999999999999999", "not '99999999999999999999'")]
    [InlineData("--trace-every NaN", "not 'NaN'")]
    [InlineData("--backend quantum", "quantum")]
    [InlineData("--backend", "--backend")]
    [InlineData("--plot", "--plot")]
    [InlineData("--events", "--events")]
    [InlineData("--realtime=yes", "--realtime")]
    [InlineData("-q", "-q")]
    public void A_bad_simulate_command_line_is_exit_code_2_naming_the_argument(string options, string says)
    {
        var trace = Path.Combine(_directory.Path, "t.csv");
        var args = new List<string> { Path.Combine(RepositoryPaths.Scenarios, "shutdown.yaml"), "--trace", trace };
        args.AddRange(options.Split(' '));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = SimulateCommand.Run(args, stdout, stderr);

        Assert.True(code == 2, $"exit {code}: {stderr}{stdout}");
        Assert.Contains(says, stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(trace), "the scenario ran");
    }

    [Theory]
    [InlineData("list --limit -5", "--limit")]
    [InlineData("list --limit 1e3", "--limit")]
    [InlineData("list --limit 99999999999999999999", "--limit")]
    [InlineData("list --db", "--db")]
    [InlineData("export 1 --out", "--out")]
    [InlineData("export -1", "-1")]
    [InlineData("frobnicate", "frobnicate")]
    public void A_bad_sessions_command_line_is_exit_code_2_naming_the_argument(string args, string says)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = SessionsCommand.Run([.. args.Split(' '), "--db", Path.Combine(_directory.Path, "none.db")], stdout, stderr);

        Assert.True(code == 2, $"exit {code}: {stderr}{stdout}");
        Assert.Contains(says, stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leak-test", "--pressure abc", "--pressure: 'abc' is not a number")]
    [InlineData("leak-test", "--pressure NaN", "--pressure: 'NaN' is not a number")]
    [InlineData("leak-test", "--duration 1e400", "--duration: '1e400' is not a number")]
    [InlineData("leak-test", "--settle -Infinity", "--settle: '-Infinity' is not a number")]
    [InlineData("leak-test", "--pressure", "'--pressure'")] // System.CommandLine: "Required argument missing for option: '--pressure'."
    [InlineData("leak-test", "--from 0.3", "'--from'")] // "Unrecognized command or argument '--from'."
    [InlineData("step-test", "--to 0,45", "--to: '0,45' is not a number")]
    [InlineData("calibrate", "--points 0.6,abc,0", "--points: '0.6,abc,0' is not a comma-separated list of MPa values")]
    [InlineData("calibrate", "--points ,", "--points")]
    [InlineData("status", "--url ftp://127.0.0.1:1", "--url: 'ftp://127.0.0.1:1' is not an http:// or https:// address")]
    [InlineData("status", "--engineer", "'--engineer'")]
    [InlineData("status", "--engineer --yes", "'--engineer'")]
    [InlineData("status", "now", "'now'")]
    public void A_bad_engineer_command_line_is_exit_code_2_naming_the_argument(string verb, string args, string says)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = ServiceCommand.Run(verb, ["--url", "http://127.0.0.1:1", .. args.Split(' ')], TextReader.Null, stdout, stderr, interactive: false);

        Assert.True(code == 2, $"exit {code}: {stderr}{stdout}");
        Assert.Contains(says, stderr.ToString(), StringComparison.Ordinal);
    }
}
