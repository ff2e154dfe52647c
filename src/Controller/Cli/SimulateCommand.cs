using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Xml;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Runs;
using HydroOxygen.Controller.Simulation.Scenarios;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// <c>simulate &lt;scenario.yaml|folder|glob&gt;…</c> (DESIGN §3.3): runs scenarios in virtual time
/// against the real controller, several side by side on the machine's cores, and reports every
/// expectation — on the terminal, and for CI as JUnit XML (<c>--junit</c>) and JSON (<c>--json</c>).
/// </summary>
/// <remarks>
/// Exit codes (DESIGN §3.1): 0 every expectation of every scenario held, 1 one failed, 2 a scenario
/// or the command line is unusable (with several files: 2 if any is invalid — the valid ones still
/// run and are reported — else 1 if any failed). Arguments that name no file, and outputs that
/// cannot be written, stop it before anything runs. Every output file is written under a temporary
/// name and put in place complete; Ctrl+C (or SIGTERM) stops the runs, leaves no partial file and
/// exits 130.
/// </remarks>
public static class SimulateCommand
{
    /// <summary>The exit code of a run stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAlone(Create(stdout, stderr), args, stdout, stderr);

    /// <summary>As <see cref="Run(IReadOnlyList{string}, TextWriter, TextWriter)"/>, stopped by <paramref name="cancellation"/> instead of a signal (tests).</summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation) =>
        CommandLine.RunAlone(Create(stdout, stderr, cancellation), args, stdout, stderr);

    internal static Command Create(TextWriter stdout, TextWriter stderr) => Create(stdout, stderr, cancellation: null);

    private static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken? cancellation)
    {
        var text = CliLanguage.Text();
        var scenario = new Argument<string[]>("scenario.yaml") { Arity = ArgumentArity.ZeroOrMore, Description = text["Cli.Simulate.Scenarios"] };
        var trace = new Option<string?>("--trace") { Description = text["Cli.Simulate.TraceMany"], HelpName = "out.csv|DIR|PATTERN" };
        var every = new Option<int>("--trace-every")
        {
            Description = text["Cli.Simulate.TraceEvery"],
            HelpName = "N",
            DefaultValueFactory = _ => 1,
            CustomParser = result => int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : Fail(result, text["Cli.Simulate.TraceEveryBad", result.Tokens[0].Value], 1),
        };
        var plot = new Option<string?>("--plot") { Description = text["Cli.Simulate.PlotMany"], HelpName = "out.svg|out.png|DIR|PATTERN" };
        var realtime = new Option<bool>("--realtime") { Description = text["Cli.Simulate.RealtimeProgress"] };
        var events = new Option<string?>("--events") { Description = text["Cli.Simulate.EventsMany"], HelpName = "out.log|DIR|PATTERN" };
        var backend = new Option<SimulatedBackend>("--backend")
        {
            Description = text["Cli.Simulate.Backend"],
            HelpName = "models|drivers",
            DefaultValueFactory = _ => SimulatedBackend.Models,
            CustomParser = result => Enum.TryParse<SimulatedBackend>(result.Tokens[0].Value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(result.Tokens[0].Value[0])
                ? kind
                : Fail(result, text["Cli.Simulate.BackendBad", result.Tokens[0].Value], SimulatedBackend.Models),
        };
        var quiet = new Option<bool>("--quiet") { Description = text["Cli.Simulate.QuietNotes"] };
        var junit = new Option<string?>("--junit") { Description = text["Cli.Simulate.JUnit"], HelpName = "out.xml" };
        var json = new Option<string?>("--json") { Description = text["Cli.Simulate.Json"], HelpName = "out.json" };
        // No default value in the help: it would print this machine's core count as if it were fixed.
        var jobs = new Option<int?>("--jobs")
        {
            Description = text["Cli.Simulate.Jobs"],
            HelpName = "N",
            CustomParser = result => int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : Fail<int?>(result, text["Cli.Simulate.JobsBad", result.Tokens[0].Value], 1),
        };
        var command = new Command("simulate", text["Cli.Simulate.DescriptionMany"]) { scenario, trace, every, plot, realtime, events, backend, quiet, junit, json, jobs };
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

            if (result.GetResult(every) is { Implicit: false } && result.GetResult(trace) is null)
            {
                result.AddError(text["Cli.Simulate.TraceEveryAlone"]);
            }
        });
        command.SetAction(result => Run(
            new SimulateOptions
            {
                Arguments = result.GetValue(scenario)!,
                TracePath = result.GetValue(trace),
                TraceEvery = result.GetValue(every),
                PlotPath = result.GetValue(plot),
                EventsPath = result.GetValue(events),
                Realtime = result.GetValue(realtime),
                Backend = result.GetValue(backend),
                Quiet = result.GetValue(quiet),
                JUnitPath = result.GetValue(junit),
                JsonPath = result.GetValue(json),
                Jobs = result.GetValue(jobs) ?? Environment.ProcessorCount,
            },
            stdout,
            stderr,
            cancellation));
        return command;
    }

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message, T value)
    {
        result.AddError(message);
        return value;
    }

    private static int Run(SimulateOptions options, TextWriter stdout, TextWriter stderr, CancellationToken? cancellation)
    {
        var text = CliLanguage.Text();
        var (inputs, problems) = ScenarioInputs.Expand(options.Arguments, (key, argument) => text[key, argument]);
        foreach (var problem in problems)
        {
            stderr.WriteLine("simulate: " + problem);
        }

        if (problems.Count > 0)
        {
            return ExitCodes.Usage;
        }

        var several = inputs.Count > 1;
        if (Plan(inputs, options, several, text, stderr) is not { } plans)
        {
            return ExitCodes.Usage;
        }

        // Every file is read and checked first: an invalid one is reported (and stays invalid in the
        // reports) while the others run.
        var scenarios = inputs.Select(input => Load(input, stderr)).ToArray();

        using var signals = cancellation is null ? new SignalCancellation() : null;
        var token = cancellation ?? signals!.Token;
        var started = DateTimeOffset.UtcNow;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = new ScenarioOutcome?[inputs.Count];
        var printer = new OrderedPrinter(stdout, inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (scenarios[i].Scenario is null)
            {
                outcomes[i] = new ScenarioOutcome { Input = inputs[i], Kind = OutcomeKind.Invalid, Errors = scenarios[i].Errors };
                printer.Done(i, "");
            }
        }

        var toRun = Enumerable.Range(0, inputs.Count).Where(i => scenarios[i].Scenario is not null).ToArray();
        try
        {
            Parallel.ForEach(
                toRun,
                new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = token },
                i =>
                {
                    var scenario = scenarios[i].Scenario!;
                    var block = new StringWriter(CultureInfo.InvariantCulture);
                    if (!options.Quiet)
                    {
                        block.WriteLine(text["Cli.Simulate.Header", scenario.Name, scenario.SourcePath, DurationText.Format(scenario.DurationS), scenario.Seed, scenario.Steps.Count, scenario.Expectations.Count]);
                    }

                    ScenarioOutcome outcome;
                    try
                    {
                        outcome = ScenarioJob.Run(
                            scenario,
                            inputs[i],
                            plans[i],
                            new ScenarioRunOptions
                            {
                                Realtime = options.Realtime,
                                Backend = options.Backend,
                                Cancellation = token,
                                Progress = options.Realtime ? Progress(printer, scenario, text) : null,
                            },
                            ScenarioExecutor.Default,
                            text);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        var message = text["Cli.Simulate.OutputFailed", inputs[i].Path, ex.Message].Value;
                        lock (stderr)
                        {
                            stderr.WriteLine("simulate: " + message);
                        }

                        outcome = new ScenarioOutcome { Input = inputs[i], Kind = OutcomeKind.Invalid, Errors = [message] };
                    }

                    outcomes[i] = outcome;
                    if (outcome.Report is { } report)
                    {
                        Print(report, options.Quiet, block, text);
                    }

                    printer.Done(i, block.ToString());
                });
        }
        catch (Exception ex) when (ex is OperationCanceledException || (ex is AggregateException all && all.InnerExceptions.All(e => e is OperationCanceledException)))
        {
            stdout.Flush();
            stderr.WriteLine("simulate: " + text["Cli.Simulate.CancelledRun"]);
            return Cancelled;
        }

        var done = outcomes.Select(o => o!).ToList();
        var code = done.Any(o => o.Kind == OutcomeKind.Invalid) ? ExitCodes.Usage
            : done.Any(o => o.Kind == OutcomeKind.Failed) ? ExitCodes.Failed
            : ExitCodes.Ok;
        wall.Stop();
        if (several)
        {
            stdout.WriteLine(text[
                "Cli.Simulate.Totals",
                done.Count,
                done.Count(o => o.Kind == OutcomeKind.Passed),
                done.Count(o => o.Kind == OutcomeKind.Failed),
                done.Count(o => o.Kind == OutcomeKind.Invalid),
                wall.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                Math.Min(options.Jobs, Math.Max(1, toRun.Length))]);
            foreach (var failed in done.Where(o => o.Kind != OutcomeKind.Passed))
            {
                stdout.WriteLine($"  {text[failed.Kind == OutcomeKind.Invalid ? "Cli.Simulate.InvalidMark" : "Cli.Simulate.Fail"]}  {failed.Input.Path}");
            }
        }

        try
        {
            if (options.JUnitPath is { } junitPath)
            {
                using var file = AtomicFile.Create(junitPath);
                using (var xml = XmlWriter.Create(file.Stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false }))
                {
                    JUnitReport.Write(xml, done, started, wall.Elapsed.TotalSeconds);
                }

                file.Commit();
            }

            if (options.JsonPath is { } jsonPath)
            {
                using var file = AtomicFile.Create(jsonPath);
                using (var writer = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    JsonSummary.Write(writer, done, code, wall.Elapsed.TotalSeconds);
                }

                file.Commit();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("simulate: " + text["Cli.Simulate.ReportUnwritable", ex.Message]);
            return ExitCodes.Usage;
        }

        return code;
    }

    /// <summary>
    /// Each scenario's own files, checked before anything runs: usable names, none of them a scenario
    /// or another output, and a place that can be written. Null (after saying why) if any is not.
    /// </summary>
    private static ScenarioOutputs[]? Plan(IReadOnlyList<ScenarioInput> inputs, SimulateOptions options, bool several, ResourceText text, TextWriter stderr)
    {
        var plans = new ScenarioOutputs[inputs.Count];
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var scenarioFiles = inputs.Select(i => i.FullPath).ToHashSet(StringComparer.Ordinal);
        var ok = true;

        (string Path, bool CreateFolders)? Take((string Path, bool CreateFolders)? output, string option)
        {
            if (output is not { } o || !ok)
            {
                return output;
            }

            string full;
            try
            {
                full = Path.GetFullPath(o.Path);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                stderr.WriteLine("simulate: " + text["Cli.Simulate.FileUnusable", option, o.Path, ex.Message]);
                ok = false;
                return output;
            }

            if (scenarioFiles.Contains(full))
            {
                stderr.WriteLine("simulate: " + text["Cli.Simulate.FileIsScenario", option, o.Path]);
                ok = false;
            }
            else if (owners.TryGetValue(full, out var other))
            {
                stderr.WriteLine("simulate: " + text["Cli.Simulate.FileTwice", option, other, o.Path]);
                ok = false;
            }
            else if (!Writable(o.Path, o.CreateFolders, out var problem))
            {
                stderr.WriteLine("simulate: " + text["Cli.Simulate.FileUnwritable", option, o.Path, problem]);
                ok = false;
            }

            owners[full] = option;
            return output;
        }

        Take(options.JUnitPath is { } j ? (j, false) : null, "--junit");
        Take(options.JsonPath is { } js ? (js, false) : null, "--json");
        for (var i = 0; i < inputs.Count && ok; i++)
        {
            plans[i] = new ScenarioOutputs
            {
                Trace = Take(OutputPaths.Resolve(options.TracePath, inputs[i], several, ".csv"), "--trace"),
                TraceEvery = options.TraceEvery,
                Plot = Take(OutputPaths.Resolve(options.PlotPath, inputs[i], several, ".svg"), "--plot"),
                Events = Take(OutputPaths.Resolve(options.EventsPath, inputs[i], several, ".log"), "--events"),
            };
        }

        return ok ? plans : null;
    }

    /// <summary>Whether a file can be made at <paramref name="path"/> (tried with a temporary file, then removed).</summary>
    private static bool Writable(string path, bool createFolders, out string problem)
    {
        try
        {
            using (AtomicFile.Create(path, createFolders))
            {
            }

            problem = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = ex.Message;
            return false;
        }
    }

    private static (Scenario? Scenario, IReadOnlyList<string> Errors) Load(ScenarioInput input, TextWriter stderr)
    {
        var text = CliLanguage.Text();
        try
        {
            return (ScenarioParser.Default.Load(input.Path), []);
        }
        catch (ScenarioException ex)
        {
            var errors = ex.Errors.Select(e => e.ToString()).ToList();
            foreach (var error in errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine("simulate: " + text["Cli.Simulate.Invalid", input.Path, ex.Errors.Count]);
            return (null, errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = text["Cli.Simulate.Unreadable", input.Path, ex.Message].Value;
            stderr.WriteLine("simulate: " + message);
            return (null, [message]);
        }
    }

    /// <summary>A line every second of wall time while a paced run goes on: how far it is and the device's state.</summary>
    private static Action<double, Core.DeviceState> Progress(OrderedPrinter printer, Scenario scenario, ResourceText text)
    {
        var next = TimeProvider.System.GetTimestamp();
        return (timeS, state) =>
        {
            var now = TimeProvider.System.GetTimestamp();
            if (now < next)
            {
                return;
            }

            next = now + (long)(ProgressInterval.TotalSeconds * TimeProvider.System.TimestampFrequency);
            printer.Line(text[
                "Cli.Simulate.Progress",
                scenario.Name,
                timeS.ToString("0.0", CultureInfo.InvariantCulture),
                scenario.DurationS.ToString("0.0", CultureInfo.InvariantCulture),
                (100 * timeS / scenario.DurationS).ToString("0", CultureInfo.InvariantCulture),
                text.State(state)]);
        };
    }

    private static void Print(ScenarioReport report, bool quiet, TextWriter stdout, ResourceText text)
    {
        foreach (var result in report.Results)
        {
            if (result.Passed && quiet)
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

        // Quiet keeps the notes when something failed: a refused command is often why.
        if (!quiet || !report.AllPassed)
        {
            foreach (var refusal in report.Refusals)
            {
                stdout.WriteLine($"  {text["Cli.Simulate.Note", refusal.Trim()]}");
            }
        }

        if (!quiet && report.Results.Count == 0)
        {
            stdout.WriteLine($"  {text["Cli.Simulate.NoExpectations"]}");
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
        public IReadOnlyList<string> Arguments { get; init; } = [];
        public string? TracePath { get; init; }
        public int TraceEvery { get; init; } = 1;
        public string? PlotPath { get; init; }
        public string? EventsPath { get; init; }
        public bool Realtime { get; init; }
        public SimulatedBackend Backend { get; init; }
        public bool Quiet { get; init; }
        public string? JUnitPath { get; init; }
        public string? JsonPath { get; init; }
        public int Jobs { get; init; } = 1;
    }

    /// <summary>
    /// Prints each scenario's block in the order the files were named, as soon as it and every one
    /// before it are done, whichever finished first: the terminal reads the same at any parallelism.
    /// Progress lines go out at once.
    /// </summary>
    private sealed class OrderedPrinter(TextWriter output, int count)
    {
        private readonly string?[] _blocks = new string?[count];
        private int _next;

        public void Done(int index, string block)
        {
            lock (this)
            {
                _blocks[index] = block;
                while (_next < count && _blocks[_next] is { } ready)
                {
                    output.Write(ready);
                    _blocks[_next++] = "";
                }

                output.Flush();
            }
        }

        public void Line(string line)
        {
            lock (this)
            {
                output.WriteLine("  … " + line);
                output.Flush();
            }
        }
    }

    /// <summary>Ctrl+C and SIGTERM as a cancellation while the runs go on (instead of killing the process with files half-written).</summary>
    private sealed class SignalCancellation : IDisposable
    {
        private readonly CancellationTokenSource _source = new();
        private readonly PosixSignalRegistration[] _registrations;

        public SignalCancellation()
        {
            _registrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            ];
        }

        public CancellationToken Token => _source.Token;

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }

            _source.Dispose();
        }

        private void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            _source.Cancel();
        }
    }
}
