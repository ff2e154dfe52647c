using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// Tick cost: BenchmarkDotNet's figure (mean, median, allocated bytes per tick), and a Stopwatch
/// distribution of single ticks for the tail, which is what a deadline cares about.
/// </summary>
internal static class TickSection
{
    public static ReportSection Build(BenchOptions options, RecordedSession session)
    {
        var section = new ReportSection("Tick cost", options.Command);
        var period = session.Settings.TickSeconds * 1e9;

        // In-process: no child project to generate and build (which would inherit this repository's
        // warnings-as-errors analyzers), and the run stays inside this command's few minutes.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(5)
            .WithIterationCount(20)
            .WithId("in-process");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "hydroxy-bench-artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<TickCostBenchmarks>(config);
        var report = summary.Reports.SingleOrDefault();
        if (report?.ResultStatistics is not { } statistics)
        {
            throw new InvalidOperationException("BenchmarkDotNet produced no result: " + string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
        }

        var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
        section.Line(
            "`SprayController.Step` on the recorded session's inputs (the same replay as the loop benchmark: power-on, fill, charge, spray bursts, looped), " +
            $"measured with BenchmarkDotNet {typeof(BenchmarkRunner).Assembly.GetName().Version?.ToString(3)} (in-process toolchain, {TickCostBenchmarks.TicksPerInvoke} ticks per invocation, " +
            $"{statistics.N} iterations after warm-up, MemoryDiagnoser). Per tick:");
        section.Line();
        section.Table(
            ["Measure", "Value"],
            [
                ["Mean", $"{Suites.F(statistics.Mean, "0")} ns (± {Suites.F(statistics.StandardError, "0")} ns standard error)"],
                ["Median", $"{Suites.F(statistics.Median, "0")} ns"],
                ["Allocated", bytes < 0 ? "not reported" : $"{bytes} B per tick"],
                ["Share of the 2 ms period (mean)", $"{Suites.F(statistics.Mean / period * 100, "0.000")} %"],
            ]);

        var single = SingleTicks(session, 200_000);
        section.Line($"Single ticks timed with `Stopwatch` ({single.Length:N0} consecutive ticks after warm-up, each including the ~20–30 ns of the two timestamp reads): the tail a deadline sees.");
        section.Line();
        section.Table(
            ["Median", "p99", "p99.9", "Max"],
            [[$"{Suites.F(Stats.Percentile(single, 0.5), "0")} ns", $"{Suites.F(Stats.Percentile(single, 0.99), "0")} ns", $"{Suites.F(Stats.Percentile(single, 0.999), "0")} ns", $"{Suites.F(single[^1] / 1000, "0")} µs"]]);
        section.Line(
            "The allocation figure is guarded by a test: `tests/ClosedLoop.Tests/AllocationTests.cs` fails if the control step (or a whole simulated tick) allocates anything after warm-up. " +
            "The max above is the machine, not the step: on a shared VM a single tick is sometimes descheduled.");
        section.Headline($"Tick cost: {Suites.F(statistics.Mean, "0")} ns mean per control step ({Suites.F(statistics.Mean / period * 100, "0.00")} % of the 2 ms period), {(bytes < 0 ? "allocation not reported" : $"{bytes} B allocated")} (BenchmarkDotNet); p99 of single ticks {Suites.F(Stats.Percentile(single, 0.99), "0")} ns.");
        return section;
    }

    private static double[] SingleTicks(RecordedSession session, int count)
    {
        var replay = session.NewReplay();
        for (var i = 0; i < 20_000; i++)
        {
            _ = replay.Step();
        }

        var times = new double[count];
        var toNs = 1e9 / Stopwatch.Frequency;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = replay.Step();
            times[i] = (Stopwatch.GetTimestamp() - start) * toNs;
        }

        if (GC.GetAllocatedBytesForCurrentThread() != before)
        {
            throw new InvalidOperationException("the control step allocated during the Stopwatch run");
        }

        Array.Sort(times);
        return times;
    }

    /// <summary>For the states the replay covers (a sanity check that the ticks measured are the session's).</summary>
    public static IReadOnlyDictionary<DeviceState, int> StatesOfReplay(RecordedSession session, int ticks)
    {
        var replay = session.NewReplay();
        var states = new Dictionary<DeviceState, int>();
        for (var i = 0; i < ticks; i++)
        {
            _ = replay.Step();
            states[replay.Core.State] = states.GetValueOrDefault(replay.Core.State) + 1;
        }

        return states;
    }
}
