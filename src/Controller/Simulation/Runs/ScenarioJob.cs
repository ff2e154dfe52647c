using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation.Traces;
using Microsoft.Extensions.Localization;

namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>The per-file outputs asked for one scenario (already resolved to its own files).</summary>
public sealed record ScenarioOutputs
{
    public (string Path, bool CreateFolders)? Trace { get; init; }

    public int TraceEvery { get; init; } = 1;

    public (string Path, bool CreateFolders)? Plot { get; init; }

    public (string Path, bool CreateFolders)? Events { get; init; }

    /// <summary>Whether the plot is a PNG (by its file name) rather than SVG.</summary>
    public bool PlotIsPng => Plot is { } plot && string.Equals(Path.GetExtension(plot.Path), ".png", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Runs one checked scenario with its outputs. The files are written under temporary names and put
/// in place together once the run is over; a cancelled (Ctrl+C) or failed run leaves none of them.
/// Nothing here is shared between scenarios, so several run side by side with the same results.
/// </summary>
public static class ScenarioJob
{
    public static ScenarioOutcome Run(
        Scenario scenario,
        ScenarioInput input,
        ScenarioOutputs outputs,
        ScenarioRunOptions options,
        ScenarioExecutor executor,
        IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(executor);
        using var trace = Open(outputs.Trace);
        using var plotFile = Open(outputs.Plot);
        using var events = Open(outputs.Events);

        var columns = TraceColumns.Default;
        var observers = new List<ITraceObserver>(options.Observers);
        if (trace is not null)
        {
            observers.Add(new TraceCsvWriter(trace.Writer, columns, outputs.TraceEvery));
        }

        var plot = plotFile is null ? null : new TracePlot(scenario.Name, scenario.DurationS, columns, text: text, ceilings: executor.Ceilings);
        if (plot is not null)
        {
            observers.Add(plot);
        }

        var report = executor.Run(scenario, options with { Observers = observers, EventLog = events?.Writer });
        if (plot is not null)
        {
            plot.Annotate(ScenarioMarks.For(report));
            if (outputs.PlotIsPng)
            {
                plot.WritePng(plotFile!.Stream);
            }
            else
            {
                plot.WriteSvg(plotFile!.Writer);
            }
        }

        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, file) in new[] { ("trace", trace), ("plot", plotFile), ("events", events) })
        {
            if (file is not null)
            {
                file.Commit();
                written[name] = file.Path;
            }
        }

        return new ScenarioOutcome
        {
            Input = input,
            Kind = report.AllPassed ? OutcomeKind.Passed : OutcomeKind.Failed,
            Report = report,
            Outputs = written,
        };
    }

    private static AtomicFile? Open((string Path, bool CreateFolders)? output) =>
        output is { } o ? AtomicFile.Create(o.Path, o.CreateFolders) : null;
}
