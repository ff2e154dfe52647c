using System.Diagnostics;
using HydroOxygen.Controller.Cli;

namespace HydroOxygen.Controller.Tests.Scenarios;

public sealed class SimulateCommandTests : IDisposable
{
    private const string Passing =
        """
        name: passing
        duration: 2s
        steps:
          - { at: 0s, action: power_on }
        expect:
          - { sometime: [0s, 0.5s], state: SelfTest }
          - { during: [0s, 2s], p_out_true_mpa: { max: 0.70 } }
        """;

    private const string Failing =
        """
        name: failing
        duration: 2s
        steps:
          - { at: 0s, action: power_on }
        expect:
          - { sometime: [0s, 0.5s], state: SelfTest }
          - { at: 2s, state: Off }
        """;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Exit_code_0_when_every_expectation_holds()
    {
        var (code, stdout, stderr) = Simulate(_directory.Write("passing.yaml", Passing));

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains("PASS", stdout, StringComparison.Ordinal);
        Assert.Contains("passing: 2.0 s simulated in", stdout, StringComparison.Ordinal);
        Assert.Contains("expectations: 2 passed, 0 failed", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models")]
    [InlineData("drivers")]
    public void The_same_scenario_and_seed_give_the_same_trace_and_another_seed_another(string backend)
    {
        // DESIGN §3.1 "same seed, same trace": the whole closed loop, not only the plant, with a
        // spray so that the regulator, the draws and the sensor noise all take part.
        var scenario = _directory.Write("sprays.yaml", """
            name: sprays
            seed: 11
            duration: 4s
            steps:
              - { at: 0s, action: power_on }
              - { at: 2.5s, action: pedal_down }
              - { at: 3.5s, action: pedal_up }
            """);
        var reseeded = _directory.Write("reseeded.yaml", File.ReadAllText(scenario).Replace("seed: 11", "seed: 12", StringComparison.Ordinal));

        string Trace(string file, string name)
        {
            var trace = _directory.File(name);
            Assert.Equal(0, Simulate(file, "--quiet", "--backend", backend, "--trace", trace).Code);
            return File.ReadAllText(trace);
        }

        var first = Trace(scenario, "first.csv");
        Assert.Contains(",Spraying,", first, StringComparison.Ordinal);
        Assert.Equal(first, Trace(scenario, "second.csv"));
        Assert.NotEqual(first, Trace(reseeded, "third.csv"));
    }

    [Fact]
    public void Exit_code_1_with_the_failed_expectation_and_its_offending_sample()
    {
        var path = _directory.Write("failing.yaml", Failing);
        var (code, stdout, _) = Simulate(path, "--quiet");

        Assert.Equal(1, code);
        Assert.Contains($"FAIL  {path}:7  at 2s: state = Off", stdout, StringComparison.Ordinal);
        Assert.Contains("sample at t = 2.000 s: state = ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", stdout, StringComparison.Ordinal);
        Assert.Contains("expectations: 1 passed, 1 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_code_2_for_an_invalid_scenario_naming_file_line_and_reason()
    {
        var path = _directory.Write("invalid.yaml", Passing.Replace("power_on", "power_up", StringComparison.Ordinal));
        var trace = _directory.File("trace.csv");
        var (code, stdout, stderr) = Simulate(path, "--trace", trace);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains($"{path}:4:23: unknown action 'power_up'", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was run", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(trace));
    }

    [Theory]
    [InlineData(new string[0], "no scenario file given")]
    [InlineData(new[] { "SCENARIO", "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "SCENARIO", "--trace" }, "'--trace'")] // System.CommandLine: "Required argument missing for option: '--trace'."
    [InlineData(new[] { "SCENARIO", "--trace", "a.csv", "--trace", "b.csv" }, "'--trace'")] // "Option '--trace' expects a single argument but 2 were provided."
    [InlineData(new[] { "SCENARIO", "--trace", "a.csv", "--trace-every", "0" }, "--trace-every needs a whole number of ticks, 1 or more, not '0'")]
    [InlineData(new[] { "SCENARIO", "--trace", "a.csv", "--trace-every", "ten" }, "not 'ten'")]
    [InlineData(new[] { "SCENARIO", "--trace-every", "10" }, "--trace-every only applies with --trace")]
    [InlineData(new[] { "SCENARIO", "--quiet=yes" }, "--quiet takes no value")]
    [InlineData(new[] { "missing.yaml" }, "scenario file 'missing.yaml' not found")]
    public void Exit_code_2_for_bad_arguments_with_a_message_naming_the_problem(string[] args, string message)
    {
        var scenario = _directory.Write("passing.yaml", Passing);
        var (code, stdout, stderr) = Simulate([.. args.Select(a => a == "SCENARIO" ? scenario : a)]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_code_2_for_an_output_that_cannot_be_written()
    {
        var scenario = _directory.Write("passing.yaml", Passing);
        var unwritable = Path.Combine(_directory.Path, "no-such-folder", "trace.csv");

        var (code, _, stderr) = Simulate(scenario, "--trace", unwritable);

        Assert.Equal(2, code);
        Assert.Contains($"cannot write --trace file '{unwritable}'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_overwrite_the_scenario_or_write_two_outputs_to_one_file()
    {
        var scenario = _directory.Write("passing.yaml", Passing);
        var same = _directory.File("same.out");

        Assert.Contains("is the scenario file itself", Simulate(scenario, "--plot", scenario).Stderr, StringComparison.Ordinal);
        Assert.Contains("--plot and --trace name the same file", Simulate(scenario, "--trace", same, "--plot", same).Stderr, StringComparison.Ordinal);
        Assert.Equal(Passing, File.ReadAllText(scenario));
    }

    [Fact]
    public void Writes_the_trace_plot_and_event_log()
    {
        var scenario = _directory.Write("passing.yaml", Passing);
        var (trace, plot, events) = (_directory.File("t.csv"), _directory.File("p.svg"), _directory.File("e.log"));

        var (code, _, _) = Simulate(scenario, "--trace", trace, "--trace-every", "10", "--plot", plot, "--events=" + events);

        Assert.Equal(0, code);
        var rows = File.ReadAllLines(trace);
        Assert.StartsWith("t_s,state,program,gas_source,", rows[0], StringComparison.Ordinal);
        Assert.Equal(1 + 101, rows.Length); // 1001 samples (0 to 2 s), every 10th: 0, 10, …, 1000.
        Assert.StartsWith("2.000,", rows[^1], StringComparison.Ordinal);
        Assert.StartsWith("<svg", File.ReadAllText(plot), StringComparison.Ordinal);
        var log = File.ReadAllText(events);
        Assert.Contains("step  power_on", log, StringComparison.Ordinal);
        Assert.Contains("state Off -> SelfTest", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_commands_the_controller_refused()
    {
        var scenario = _directory.Write("refused.yaml", Passing.Replace(
            "  - { at: 0s, action: power_on }",
            "  - { at: 0s, action: power_on }\n  - { at: 0.2s, action: set_pressure, value: 0.7 }",
            StringComparison.Ordinal));

        var (code, stdout, _) = Simulate(scenario);

        Assert.Equal(0, code);
        Assert.Contains("note:", stdout, StringComparison.Ordinal);
        Assert.Contains("set_pressure 0.7 refused: mpa: 0.7 MPa is outside the allowed range 0.30–0.60 MPa", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Realtime_paces_virtual_time_to_the_wall_clock()
    {
        var scenario = _directory.Write("short.yaml", Passing.Replace("duration: 2s", "duration: 0.6s", StringComparison.Ordinal)
            .Replace("[0s, 2s]", "[0s, 0.6s]", StringComparison.Ordinal));

        var fast = Stopwatch.StartNew();
        Assert.Equal(0, Simulate(scenario).Code);
        fast.Stop();
        var paced = Stopwatch.StartNew();
        Assert.Equal(0, Simulate(scenario, "--realtime").Code);
        paced.Stop();

        Assert.True(paced.Elapsed >= TimeSpan.FromSeconds(0.55), $"--realtime took {paced.Elapsed.TotalSeconds:0.000} s for 0.6 s");
    }

    [Fact]
    public void Help_prints_the_usage()
    {
        var (code, stdout, _) = Simulate("--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains("HydroOxygen.Controller simulate [<scenario.yaml>...] [options]", stdout, StringComparison.Ordinal);
        Assert.Contains("--trace-every <N>", stdout, StringComparison.Ordinal);
        Assert.Contains("[default: 1]", stdout, StringComparison.Ordinal);
        Assert.Contains("[default: Models]", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static (int Code, string Stdout, string Stderr) Simulate(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SimulateCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
