using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using HydroOxygen.Controller.Cli;

namespace HydroOxygen.Controller.Tests.Scenarios;

/// <summary>
/// The tester's runner as CI uses it (issue 15, finding 11): several files, folders and globs in one
/// call, JUnit XML read back by an independent reader (xmllint against the JUnit schema), a JSON
/// summary, notes kept by --quiet when they explain a failure, progress with --realtime, no partial
/// files after Ctrl+C, and a plot that marks steps, faults, expectation windows and the ceiling.
/// </summary>
public sealed class SimulateRunnerTests : IDisposable
{
    private const string Passing =
        """
        name: passing
        duration: 2s
        steps:
          - { at: 0s, action: power_on }
        expect:
          - { sometime: [0s, 0.5s], state: SelfTest }
        """;

    // Two failed expectations and a refused command whose note explains them.
    private const string Failing =
        """
        name: failing
        duration: 2s
        steps:
          - { at: 0s, action: power_on }
          - { at: 0.2s, action: set_pressure, value: 0.7 }
        expect:
          - { at: 2s, setpoint_mpa: { min: 0.69 } }
          - { at: 2s, state: Off }
        """;

    private const string Invalid =
        """
        name: invalid
        duration: 2s
        steps:
          - { at: 0s, action: no_such_action }
        """;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Several_files_folders_and_globs_run_in_one_call()
    {
        var folder = Directory.CreateDirectory(_directory.File("suite")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "nested"));
        File.WriteAllText(Path.Combine(folder, "a.yaml"), Passing);
        File.WriteAllText(Path.Combine(folder, "nested", "b.yml"), Passing.Replace("name: passing", "name: nested", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a scenario");
        var single = _directory.Write("single.yaml", Passing.Replace("name: passing", "name: single", StringComparison.Ordinal));
        Directory.CreateDirectory(_directory.File("globbed"));
        _directory.Write("globbed/g1.yaml", Passing.Replace("name: passing", "name: g1", StringComparison.Ordinal));
        _directory.Write("globbed/g2.yaml", Passing.Replace("name: passing", "name: g2", StringComparison.Ordinal));

        var (code, stdout, stderr) = Simulate(folder, single, Path.Combine(_directory.Path, "globbed", "*.yaml"), "--jobs", "2");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("5 scenarios: 5 passed, 0 failed, 0 invalid", stdout, StringComparison.Ordinal);
        foreach (var name in new[] { "passing", "nested", "single", "g1", "g2" })
        {
            Assert.Contains($"{name}: 2.0 s simulated in", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_failure_or_an_invalid_file_among_several_sets_the_exit_code_and_is_listed()
    {
        var passing = _directory.Write("passing.yaml", Passing);
        var failing = _directory.Write("failing.yaml", Failing);
        var invalid = _directory.Write("invalid.yaml", Invalid);

        var (failed, failedOut, _) = Simulate(passing, failing);
        var (broken, brokenOut, brokenErr) = Simulate(passing, failing, invalid);

        Assert.Equal(1, failed);
        Assert.Contains("2 scenarios: 1 passed, 1 failed, 0 invalid", failedOut, StringComparison.Ordinal);
        Assert.Equal(2, broken);
        Assert.Contains("3 scenarios: 1 passed, 1 failed, 1 invalid", brokenOut, StringComparison.Ordinal);
        Assert.Contains("invalid.yaml:4", brokenErr, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_report_is_valid_against_the_JUnit_schema_and_counts_what_happened()
    {
        var passing = _directory.Write("passing.yaml", Passing);
        var failing = _directory.Write("failing.yaml", Failing);
        var invalid = _directory.Write("invalid.yaml", Invalid);
        var (junit, json) = (_directory.File("r.xml"), _directory.File("r.json"));

        var (code, _, _) = Simulate(passing, failing, invalid, "--junit", junit, "--json", json);

        Assert.Equal(2, code);
        Xmllint(junit);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal(("3", "1", "1"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!));
        var cases = suite.Elements("testcase").ToDictionary(c => ((string)c.Attribute("name")!).Split(' ')[0]);
        Assert.Empty(cases["passing"].Elements());
        var failure = Assert.Single(cases["failing"].Elements("failure"));
        Assert.Contains("failing.yaml:7", (string)failure.Attribute("message")!, StringComparison.Ordinal);
        Assert.Contains("and 1 more failed expectation", (string)failure.Attribute("message")!, StringComparison.Ordinal);
        Assert.Contains("failing.yaml:8", failure.Value, StringComparison.Ordinal);
        Assert.Contains("set_pressure 0.7 refused", cases["failing"].Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Contains("no_such_action", Assert.Single(cases["invalid"].Elements("error")).Value, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(File.ReadAllText(json));
        var root = summary.RootElement;
        Assert.Equal((2, 3, 1, 1, 1), (root.GetProperty("exitCode").GetInt32(), root.GetProperty("scenarios").GetInt32(), root.GetProperty("passed").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("invalid").GetInt32()));
    }

    [Fact]
    public void Every_example_scenario_passes_and_its_JUnit_report_reads_back()
    {
        var junit = _directory.File("examples.xml");
        var count = Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.yaml", SearchOption.AllDirectories).Count();

        var (code, stdout, stderr) = Simulate(RepositoryPaths.Scenarios, "--quiet", "--junit", junit);

        Assert.True(code == 0, stdout + stderr);
        Xmllint(junit);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal(count, suite.Elements("testcase").Count());
        Assert.Equal(("0", "0"), ((string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!));
    }

    [Fact]
    public void The_schema_check_refuses_a_report_that_breaks_the_format()
    {
        // The reader the tests rely on is not a rubber stamp: two failures in one case and a missing
        // name are refused.
        var bad = _directory.Write("bad.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites><testsuite name="s" tests="1"><testcase classname="c"><failure message="a"/><failure message="b"/></testcase></testsuite></testsuites>
            """);

        var (code, output) = RunXmllint(bad);

        Assert.NotEqual(0, code);
        Assert.Contains("fails to validate", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_keeps_the_note_that_explains_a_failure_and_drops_those_of_passing_runs()
    {
        var failing = _directory.Write("failing.yaml", Failing);
        var passingWithNote = _directory.Write("noted.yaml", Passing.Replace(
            "  - { at: 0s, action: power_on }",
            "  - { at: 0s, action: power_on }\n  - { at: 0.2s, action: set_pressure, value: 0.7 }",
            StringComparison.Ordinal).Replace("name: passing", "name: noted", StringComparison.Ordinal));

        var (failedCode, failedOut, _) = Simulate(failing, "--quiet");
        var (passedCode, passedOut, _) = Simulate(passingWithNote, "--quiet");

        Assert.Equal(1, failedCode);
        Assert.Contains("FAIL", failedOut, StringComparison.Ordinal);
        Assert.Contains("note:", failedOut, StringComparison.Ordinal);
        Assert.Contains("set_pressure 0.7 refused", failedOut, StringComparison.Ordinal);
        Assert.Equal(0, passedCode);
        Assert.DoesNotContain("note:", passedOut, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS ", passedOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Realtime_prints_the_progress()
    {
        var scenario = _directory.Write("short.yaml", Passing.Replace("duration: 2s", "duration: 0.6s", StringComparison.Ordinal));

        var (code, stdout, _) = Simulate(scenario, "--realtime");

        Assert.Equal(0, code);
        Assert.Matches(@"passing: \d+\.\d s of 0\.6 s \(\d+ %\), ", stdout);
    }

    [Fact]
    public void Stopping_the_run_leaves_no_output_files_at_all()
    {
        // Long enough in virtual time that the stop comes while it runs (about 1000x real time).
        var scenario = _directory.Write("long.yaml", """
            name: long
            duration: 60min
            steps:
              - { at: 0s, action: power_on }
            """);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(0.5));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = SimulateCommand.Run(
            [scenario, "--trace", _directory.File("t.csv"), "--plot", _directory.File("p.png"), "--events", _directory.File("e.log"), "--junit", _directory.File("r.xml"), "--json", _directory.File("r.json")],
            stdout,
            stderr,
            stop.Token);

        Assert.Equal(SimulateCommand.Cancelled, code);
        Assert.Equal(["long.yaml"], Directory.EnumerateFileSystemEntries(_directory.Path).Select(Path.GetFileName));
        Assert.Contains("stopped (Ctrl+C)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plot_marks_steps_faults_expectation_windows_and_the_ceiling_and_counts_minutes_on_a_long_run()
    {
        var scenario = _directory.Write("marked.yaml", """
            name: marked
            duration: 400s
            steps:
              - { at: 0s, action: power_on }
              - { at: 2s, action: select_program, value: eye }
              - { at: 5s, fault: sensor_drift, target: p_src, value: 0.01 }
              - { at: 9s, clear_fault: sensor_drift, target: p_src }
              - { at: 390s, action: power_off }
            expect:
              - { during: [0s, 400s], p_out_true_mpa: { max: 0.70 } }
              - { at: 100s, state: Off }
            """);
        var (svg, png) = (_directory.File("p.svg"), _directory.File("p.png"));

        Assert.Equal(1, Simulate(scenario, "--plot", svg).Code);
        Assert.Equal(1, Simulate(scenario, "--plot", png).Code);

        var picture = XDocument.Load(svg);
        string[] Classes() => picture.Descendants().Select(e => (string?)e.Attribute("class")).OfType<string>().ToArray();
        Assert.Equal(3, Classes().Count(c => c == "step")); // the actions; faults have their own marks
        Assert.Contains("fault", Classes());
        Assert.Contains("expectation passed", Classes());
        Assert.Contains("expectation failed", Classes());
        Assert.Contains("series ceiling_mpa", Classes());
        Assert.Contains(picture.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "time (min)");

        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        using var image = SkiaSharp.SKBitmap.Decode(png);
        Assert.True(image.Width >= 800 && image.Height >= 400, $"{image.Width}x{image.Height}");
    }

    public void Dispose() => _directory.Dispose();

    private static void Xmllint(string path)
    {
        var (code, output) = RunXmllint(path);
        Assert.True(code == 0, $"xmllint refused {path}: {output}");
    }

    /// <summary>libxml2's xmllint (Debian's libxml2-utils, installed by ./test.sh) against the JUnit schema.</summary>
    private static (int Code, string Output) RunXmllint(string path)
    {
        var schema = Path.Combine(RepositoryPaths.Root, "tests", "Controller.Tests", "Scenarios", "junit.xsd");
        var start = new ProcessStartInfo("xmllint") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--noout", "--nonet", "--schema", schema, path })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("xmllint is not installed (./test.sh installs libxml2-utils)", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
    }

    private static (int Code, string Stdout, string Stderr) Simulate(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SimulateCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
