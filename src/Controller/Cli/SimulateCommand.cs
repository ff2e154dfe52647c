using System.CommandLine;
using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// <c>simulate &lt;scenario.yaml&gt;</c> (DESIGN §3.3): runs a scenario in virtual time against the
/// real controller and reports every expectation.
/// </summary>
/// <remarks>
/// Exit codes (DESIGN §3.1): 0 every expectation held, 1 one failed, 2 the scenario or the command
/// line is unusable — and then nothing has run, so no output file is left half-written by a run
/// that was doomed from the start.
/// </remarks>
public static class SimulateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAlone(Create(stdout, stderr), args, stdout, stderr);

    internal static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var text = CliLanguage.Text();
        var scenario = new Argument<string[]>("scenario.yaml") { Arity = ArgumentArity.ZeroOrMore, Description = text["Cli.Simulate.Scenario"] };
        var trace = new Option<string?>("--trace") { Description = text["Cli.Simulate.Trace"], HelpName = "out.csv" };
        var every = new Option<int>("--trace-every")
        {
            Description = text["Cli.Simulate.TraceEvery"],
            HelpName = "N",
            DefaultValueFactory = _ => 1,
            CustomParser = result => int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : Fail(result, text["Cli.Simulate.TraceEveryBad", result.Tokens[0].Value], 1),
        };
        var plot = new Option<string?>("--plot") { Description = text["Cli.Simulate.Plot"], HelpName = "out.svg" };
        var realtime = new Option<bool>("--realtime") { Description = text["Cli.Simulate.Realtime"] };
        var events = new Option<string?>("--events") { Description = text["Cli.Simulate.Events"], HelpName = "out.log" };
        var backend = new Option<SimulatedBackend>("--backend")
        {
            Description = text["Cli.Simulate.Backend"],
            HelpName = "models|drivers",
            DefaultValueFactory = _ => SimulatedBackend.Models,
            CustomParser = result => Enum.TryParse<SimulatedBackend>(result.Tokens[0].Value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(result.Tokens[0].Value[0])
                ? kind
                : Fail(result, text["Cli.Simulate.BackendBad", result.Tokens[0].Value], SimulatedBackend.Models),
        };
        var quiet = new Option<bool>("--quiet") { Description = text["Cli.Simulate.Quiet"] };
        var command = new Command("simulate", text["Cli.Simulate.Description"]) { scenario, trace, every, plot, realtime, events, backend, quiet };
        command.Validators.Add(result =>
        {
            var tokens = result.GetValue(scenario) ?? [];
            if (tokens.FirstOrDefault(t => t.StartsWith('-') && t != "-") is { } unknown)
            {
                result.AddError(text["Cli.Simulate.UnknownOption", unknown]);
            }
            else if (tokens.Length == 0)
            {
                result.AddError(text["Cli.Simulate.NoScenario"]);
            }
            else if (tokens.Length > 1)
            {
                result.AddError(text["Cli.Simulate.OneAtATime", tokens[0], tokens[1]]);
            }

            if (result.GetResult(every) is { Implicit: false } && result.GetResult(trace) is null)
            {
                result.AddError(text["Cli.Simulate.TraceEveryAlone"]);
            }
        });
        command.SetAction(result => Run(
            new SimulateOptions
            {
                ScenarioPath = result.GetValue(scenario)![0],
                TracePath = result.GetValue(trace),
                TraceEvery = result.GetValue(every),
                PlotPath = result.GetValue(plot),
                EventsPath = result.GetValue(events),
                Realtime = result.GetValue(realtime),
                Backend = result.GetValue(backend),
                Quiet = result.GetValue(quiet),
            },
            stdout,
            stderr));
        return command;
    }

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message, T value)
    {
        result.AddError(message);
        return value;
    }

    private static int Run(SimulateOptions options, TextWriter stdout, TextWriter stderr)
    {
        var text = CliLanguage.Text();
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
        var plot = plotFile is null ? null : new TracePlot(scenario.Name, scenario.DurationS, columns, text: text);
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
            stdout.WriteLine(text["Cli.Simulate.Header", scenario.Name, scenario.SourcePath, DurationText.Format(scenario.DurationS), scenario.Seed, scenario.Steps.Count, scenario.Expectations.Count]);
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

        Print(report, options, stdout, text);
        return report.AllPassed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static Scenario? Load(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            var text = CliLanguage.Text();
            stderr.WriteLine("simulate: " + (Directory.Exists(path) ? text["Cli.Simulate.IsDirectory", path] : text["Cli.Simulate.NotFound", path]));
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

            stderr.WriteLine("simulate: " + CliLanguage.Text()["Cli.Simulate.Invalid", path, ex.Errors.Count]);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("simulate: " + CliLanguage.Text()["Cli.Simulate.Unreadable", path, ex.Message]);
            return null;
        }
    }

    private static void Print(ScenarioReport report, SimulateOptions options, TextWriter stdout, ResourceText text)
    {
        foreach (var result in report.Results)
        {
            if (result.Passed && options.Quiet)
            {
                continue;
            }

            var expectation = result.Expectation;
            stdout.WriteLine($"  {text[result.Passed ? "Cli.Simulate.Pass" : "Cli.Simulate.Fail"]}  {expectation.Location.FileAndLine}  {expectation.Describe()}");
            if (!result.Passed)
            {
                stdout.WriteLine($"        {result.Detail}");
            }
        }

        if (!options.Quiet)
        {
            foreach (var refusal in report.Refusals)
            {
                stdout.WriteLine($"  {text["Cli.Simulate.Note", refusal.Trim()]}");
            }

            if (report.Results.Count == 0)
            {
                stdout.WriteLine($"  {text["Cli.Simulate.NoExpectations"]}");
            }
        }

        if (report.EventsDropped > 0)
        {
            stdout.WriteLine($"  {text["Cli.Simulate.EventsDropped", report.EventsDropped]}");
        }

        var speed = report.WallSeconds > 0 ? report.SimulatedSeconds / report.WallSeconds : double.PositiveInfinity;
        stdout.WriteLine(text[
            "Cli.Simulate.Summary",
            report.Scenario.Name,
            report.SimulatedSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            report.WallSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            speed.ToString("0", CultureInfo.InvariantCulture),
            report.Passed,
            report.Failed]);
    }

    /// <summary>The parsed command line.</summary>
    private sealed record SimulateOptions
    {
        public string ScenarioPath { get; init; } = "";
        public string? TracePath { get; init; }
        public int TraceEvery { get; init; } = 1;
        public string? PlotPath { get; init; }
        public string? EventsPath { get; init; }
        public bool Realtime { get; init; }
        public SimulatedBackend Backend { get; init; }
        public bool Quiet { get; init; }
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
                throw new OutputFileException(CliLanguage.Text()["Cli.Simulate.FileUnusable", option, path, ex.Message]);
            }

            if (fullPath == Path.GetFullPath(scenarioPath))
            {
                throw new OutputFileException(CliLanguage.Text()["Cli.Simulate.FileIsScenario", option, path]);
            }

            if (_options.TryGetValue(fullPath, out var other))
            {
                throw new OutputFileException(CliLanguage.Text()["Cli.Simulate.FileTwice", option, other, path]);
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
                throw new OutputFileException(CliLanguage.Text()["Cli.Simulate.FileUnwritable", option, path, ex.Message]);
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
