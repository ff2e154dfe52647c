using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// <c>simulate &lt;scenario.yaml&gt; [--trace out.csv] [--trace-every N] [--plot out.svg] [--realtime]
/// [--events out.log] [--quiet]</c> (DESIGN §3.3): runs a scenario in virtual time against the real
/// controller and reports every expectation.
/// </summary>
/// <remarks>
/// Exit codes (DESIGN §3.1): 0 every expectation held, 1 one failed, 2 the scenario or the command
/// line is unusable — and then nothing has run, so no output file is left half-written by a run
/// that was doomed from the start.
/// </remarks>
public static class SimulateCommand
{
    public const string Usage =
        """
        usage: simulate <scenario.yaml> [--trace out.csv] [--trace-every N] [--plot out.svg]
                                        [--realtime] [--events out.log] [--backend models|drivers] [--quiet]
          --trace FILE      write the trace as CSV (DESIGN §3.2), one row per tick
          --trace-every N   with --trace: write every Nth tick only (the last is always written)
          --plot FILE       draw the pressures, states and alarms as an SVG picture
          --realtime        pace virtual time to the wall clock
          --events FILE     write the controller's events and the scenario's steps as text
          --backend KIND    models (default): simple device models; drivers: the real Raspberry Pi
                            GPIO, PWM and ADS1115 drivers over register-level fakes of the chips
          --quiet           print only failed expectations and the summary
        exit codes: 0 all expectations hold, 1 an expectation failed, 2 invalid scenario or arguments
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (!SimulateOptions.TryParse(args, out var options, out var problem))
        {
            stderr.WriteLine($"simulate: {problem}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (Load(options.ScenarioPath, stderr) is not { } scenario)
        {
            return ExitCodes.Usage;
        }

        using var files = new OutputFiles(options.ScenarioPath);
        TextWriter? trace, plotFile, events;
        try
        {
            trace = files.Create(options.TracePath, "--trace");
            plotFile = files.Create(options.PlotPath, "--plot");
            events = files.Create(options.EventsPath, "--events");
        }
        catch (OutputFileException ex)
        {
            stderr.WriteLine($"simulate: {ex.Message}");
            return ExitCodes.Usage;
        }

        var columns = TraceColumns.Default;
        var plot = plotFile is null ? null : new TracePlot(scenario.Name, scenario.DurationS, columns, text: CliLanguage.Text());
        var observers = new List<ITraceObserver>();
        if (trace is not null)
        {
            observers.Add(new TraceCsvWriter(trace, columns, options.TraceEvery));
        }

        if (plot is not null)
        {
            observers.Add(plot);
        }

        if (!options.Quiet)
        {
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"scenario {scenario.Name} ({scenario.SourcePath}): {DurationText.Format(scenario.DurationS)}, seed {scenario.Seed}, {scenario.Steps.Count} steps, {scenario.Expectations.Count} expectations"));
        }

        var report = ScenarioExecutor.Default.Run(scenario, new ScenarioRunOptions
        {
            Observers = observers,
            EventLog = events,
            Realtime = options.Realtime,
            Backend = options.Backend,
        });

        if (plot is not null && plotFile is not null)
        {
            plot.WriteSvg(plotFile);
        }

        Print(report, options, stdout);
        return report.AllPassed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static Scenario? Load(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            stderr.WriteLine(Directory.Exists(path)
                ? $"simulate: '{path}' is a directory, not a scenario file"
                : $"simulate: scenario file '{path}' not found");
            return null;
        }

        try
        {
            return ScenarioParser.Default.Load(path);
        }
        catch (ScenarioException ex)
        {
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine($"simulate: '{path}' is not a valid scenario ({Count(ex.Errors.Count, "problem")}); nothing was run");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"simulate: cannot read '{path}': {ex.Message}");
            return null;
        }
    }

    private static void Print(ScenarioReport report, SimulateOptions options, TextWriter stdout)
    {
        foreach (var result in report.Results)
        {
            if (result.Passed && options.Quiet)
            {
                continue;
            }

            var expectation = result.Expectation;
            stdout.WriteLine($"  {(result.Passed ? "PASS" : "FAIL")}  {expectation.Location.FileAndLine}  {expectation.Describe()}");
            if (!result.Passed)
            {
                stdout.WriteLine($"        {result.Detail}");
            }
        }

        if (!options.Quiet)
        {
            foreach (var refusal in report.Refusals)
            {
                stdout.WriteLine($"  note: {refusal.Trim()}");
            }

            if (report.Results.Count == 0)
            {
                stdout.WriteLine("  note: the scenario has no expectations, so it can only fail by being invalid");
            }
        }

        if (report.EventsDropped > 0)
        {
            stdout.WriteLine($"  warning: the controller dropped {Count(report.EventsDropped, "event")}; the event log is incomplete");
        }

        var speed = report.WallSeconds > 0 ? report.SimulatedSeconds / report.WallSeconds : double.PositiveInfinity;
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Scenario.Name}: {report.SimulatedSeconds:0.0} s simulated in {report.WallSeconds:0.00} s wall ({speed:0}x real time); expectations: {report.Passed} passed, {report.Failed} failed"));
    }

    private static string Count(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>The parsed command line.</summary>
    private sealed record SimulateOptions
    {
        public string ScenarioPath { get; private init; } = "";
        public string? TracePath { get; private init; }
        public int TraceEvery { get; private init; } = 1;
        public string? PlotPath { get; private init; }
        public string? EventsPath { get; private init; }
        public bool Realtime { get; private init; }
        public SimulatedBackend Backend { get; private init; }
        public bool Quiet { get; private init; }
        public bool Help { get; private init; }

        public static bool TryParse(IReadOnlyList<string> args, out SimulateOptions options, out string problem)
        {
            options = new SimulateOptions();
            problem = "";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? scenario = null;
            int? every = null;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (!arg.StartsWith('-') || arg == "-")
                {
                    if (scenario is not null)
                    {
                        problem = $"one scenario at a time: got '{scenario}' and '{arg}'";
                        return false;
                    }

                    scenario = arg;
                    continue;
                }

                // Both "--trace out.csv" and "--trace=out.csv".
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                var name = equals > 0 ? arg[..equals] : arg;
                string? inline = equals > 0 ? arg[(equals + 1)..] : null;
                if (name is "-h" or "--help")
                {
                    options = options with { Help = true };
                    return true;
                }

                if (!seen.Add(name))
                {
                    problem = $"{name} is given twice";
                    return false;
                }

                switch (name)
                {
                    case "--realtime" or "--quiet" when inline is not null:
                        problem = $"{name} takes no value";
                        return false;
                    case "--realtime":
                        options = options with { Realtime = true };
                        continue;
                    case "--quiet":
                        options = options with { Quiet = true };
                        continue;
                    case "--trace" or "--trace-every" or "--plot" or "--events" or "--backend":
                        break;
                    default:
                        problem = $"unknown option '{name}'";
                        return false;
                }

                var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                if (string.IsNullOrWhiteSpace(value) || (inline is null && value.StartsWith("--", StringComparison.Ordinal)))
                {
                    problem = name switch
                    {
                        "--trace-every" => "--trace-every needs a number of ticks",
                        "--backend" => "--backend needs 'models' or 'drivers'",
                        _ => $"{name} needs a file name",
                    };
                    return false;
                }

                switch (name)
                {
                    case "--trace":
                        options = options with { TracePath = value };
                        break;
                    case "--plot":
                        options = options with { PlotPath = value };
                        break;
                    case "--events":
                        options = options with { EventsPath = value };
                        break;
                    case "--backend":
                        if (!Enum.TryParse<SimulatedBackend>(value, ignoreCase: true, out var backend) || !Enum.IsDefined(backend))
                        {
                            problem = $"--backend must be 'models' or 'drivers', not '{value}'";
                            return false;
                        }

                        options = options with { Backend = backend };
                        break;
                    default:
                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                        {
                            problem = $"--trace-every needs a whole number of ticks, 1 or more, not '{value}'";
                            return false;
                        }

                        every = n;
                        break;
                }
            }

            if (scenario is null)
            {
                problem = "no scenario file given";
                return false;
            }

            if (every is not null && options.TracePath is null)
            {
                problem = "--trace-every only applies with --trace";
                return false;
            }

            options = options with { ScenarioPath = scenario, TraceEvery = every ?? 1 };
            return true;
        }
    }

    /// <summary>
    /// The output files of a run, created before it starts so that an unwritable path is reported
    /// at once rather than after a long run, and closed together at the end.
    /// </summary>
    private sealed class OutputFiles(string scenarioPath) : IDisposable
    {
        private readonly List<StreamWriter> _writers = [];
        private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

        public TextWriter? Create(string? path, string option)
        {
            if (path is null)
            {
                return null;
            }

            string fullPath;
            try
            {
                fullPath = Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new OutputFileException($"{option} '{path}' is not a usable file name: {ex.Message}");
            }

            if (fullPath == Path.GetFullPath(scenarioPath))
            {
                throw new OutputFileException($"{option} '{path}' is the scenario file itself; it would be overwritten");
            }

            if (_options.TryGetValue(fullPath, out var other))
            {
                throw new OutputFileException($"{option} and {other} name the same file '{path}'");
            }

            try
            {
                var writer = new StreamWriter(fullPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
                _writers.Add(writer);
                _options[fullPath] = option;
                return writer;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                throw new OutputFileException($"cannot write {option} file '{path}': {ex.Message}");
            }
        }

        public void Dispose()
        {
            foreach (var writer in _writers)
            {
                writer.Dispose();
            }
        }
    }

    private sealed class OutputFileException(string message) : Exception(message);
}
