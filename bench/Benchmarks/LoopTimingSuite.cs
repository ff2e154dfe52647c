using System.Diagnostics;
using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>One loop kind at one rate and load, merged over its rounds.</summary>
internal sealed record LoopFigures(
    LoopKind Kind,
    double RateHz,
    bool Loaded,
    int Ticks,
    double P50Us,
    double P99Us,
    double P999Us,
    double MaxUs,
    long Overruns,
    long Skipped,
    long Early,
    double PeriodErrorP99Us,
    double MeanPeriodUs,
    double CpuShare,
    HydroOxygen.Controller.Loop.LateTickCounts Late = default);

/// <summary>
/// Loop timing: our scheduler against a PeriodicTimer loop and a Thread.Sleep loop, in the same
/// process and run, at 500 Hz and 1 kHz, idle and with the other cores busy. Every loop runs the
/// same tick (the control step over recorded inputs) and is judged by the same bookkeeping.
/// </summary>
/// <remarks>
/// Lateness is measured against each loop's own absolute grid (first deadline one period after the
/// loop started, then every period), with the scheduler's rules: a tick more than one period late
/// is an overrun, and deadlines that passed entirely during a tick are skipped (counted), not
/// caught up. A tick that starts before its deadline (a timer firing early) counts as lateness 0
/// and is counted as early, and the period error (|interval − period|) shows both. The time is
/// split into rounds that alternate the loop kinds, so that the shared machine's load drifting
/// over the run is spread over all of them.
/// </remarks>
internal static class LoopTimingSuite
{
    private const int DiscardTicks = 50;
    private const double EarlyUs = 20.0;

    public static IReadOnlyList<LoopFigures> Measure(RecordedSession session, double secondsPerCase, int rounds, IReadOnlyList<LoopKind> kinds, IReadOnlyList<double> rates, TextWriter log)
    {
        WarmUp(session, kinds);
        var results = new List<LoopFigures>();
        foreach (var rate in rates)
        {
            foreach (var loaded in new[] { false, true })
            {
                var segments = kinds.ToDictionary(k => k, _ => new List<Segment>());
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var kind in kinds)
                    {
                        segments[kind].Add(RunSegment(session, kind, rate, loaded, secondsPerCase / rounds));
                    }
                }

                foreach (var kind in kinds)
                {
                    var figures = Merge(kind, rate, loaded, segments[kind]);
                    results.Add(figures);
                    log.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {rate,5:F0} Hz {(loaded ? "loaded" : "idle  ")} {LoopVariants.Describe(kind),-30} p50 {figures.P50Us,7:F1} µs  p99 {figures.P99Us,8:F1}  p99.9 {figures.P999Us,8:F1}  max {figures.MaxUs,8:F1}  overruns {figures.Overruns,4}  early {figures.Early,5}  period {figures.MeanPeriodUs,6:F0}  cpu {figures.CpuShare:P0}"));
                }
            }
        }

        return results;
    }

    private static void WarmUp(RecordedSession session, IReadOnlyList<LoopKind> kinds)
    {
        // JIT: the step and every loop's own code are compiled and tiered up before anything counts.
        foreach (var kind in kinds.Where(k => !LoopVariants.IsFloor(k)))
        {
            for (var i = 0; i < 3; i++)
            {
                _ = RunSegment(session, kind, 1000.0, loaded: false, seconds: 0.3);
            }
        }
    }

    private static Segment RunSegment(RecordedSession session, LoopKind kind, double rateHz, bool loaded, double seconds)
    {
        if (LoopVariants.IsFloor(kind))
        {
            return RunFloor(kind, rateHz, loaded, seconds);
        }

        var replay = session.NewReplay();
        var trace = new LoopTrace(replay, DiscardTicks + (int)(seconds * rateHz), rateHz);
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        // Before the busy threads start: their whole CPU time is subtracted below.
        var cpuBefore = process.TotalProcessorTime;
        var load = loaded ? CpuLoad.OnOtherCores() : CpuLoad.None();
        double loadCpu;
        TimeSpan cpuAfter;
        long wallTicks;
        var late = default(HydroOxygen.Controller.Loop.LateTickCounts);
        try
        {
            if (loaded)
            {
                Thread.Sleep(50);
            }

            var wall = Stopwatch.StartNew();
            late = LoopVariants.Run(kind, trace, rateHz);
            wallTicks = wall.ElapsedTicks;
        }
        finally
        {
            load.Dispose();
            loadCpu = load.CpuSeconds;
        }

        process.Refresh();
        cpuAfter = process.TotalProcessorTime;
        var loopCpu = (cpuAfter - cpuBefore).TotalSeconds - loadCpu;
        return Analyze(trace, loopCpu / ((double)wallTicks / Stopwatch.Frequency)) with { Late = late };
    }

    /// <summary>The figures of one native floor run (<see cref="LoopFloor"/>) measured elsewhere, judged as every loop is.</summary>
    /// <param name="from">Only ticks starting at or after this <see cref="Stopwatch"/> timestamp count.</param>
    public static LoopFigures Figures(LoopKind kind, double rateHz, bool loaded, LoopFloor.Run run, long from)
    {
        var period = (long)Math.Round(Stopwatch.Frequency / rateHz);
        return Merge(kind, rateHz, loaded, [Analyze(run.Starts, run.Starts, period, run.FirstDeadline, run.CpuSeconds / run.WallSeconds, from)]);
    }

    /// <summary>The native floor under the same load: a child process, its own CPU time from itself.</summary>
    private static Segment RunFloor(LoopKind kind, double rateHz, bool loaded, double seconds)
    {
        var (fifo, spinUs) = LoopVariants.FloorSetup(kind);
        using var load = loaded ? CpuLoad.OnOtherCores() : CpuLoad.None();
        if (loaded)
        {
            Thread.Sleep(50);
        }

        var run = LoopFloor.Measure(rateHz, DiscardTicks + (int)(seconds * rateHz), fifo, spinUs);
        var period = (long)Math.Round(Stopwatch.Frequency / rateHz);
        return Analyze(run.Starts, run.Starts, period, run.FirstDeadline, run.CpuSeconds / run.WallSeconds);
    }

    /// <summary>Applies the scheduler's bookkeeping to a trace.</summary>
    private static Segment Analyze(LoopTrace trace, double cpuShare) =>
        Analyze(trace.Starts, trace.Ends, trace.PeriodTicks, trace.FirstDeadline, cpuShare);

    /// <summary>Applies the scheduler's bookkeeping to tick starts and ends on a grid.</summary>
    private static Segment Analyze(ReadOnlySpan<long> starts, ReadOnlySpan<long> ends, long period, long firstDeadline, double cpuShare, long from = long.MinValue)
    {
        var toUs = 1e6 / Stopwatch.Frequency;
        var lateness = new List<double>(starts.Length);
        var periodErrors = new List<double>(starts.Length);
        long overruns = 0;
        long skipped = 0;
        long early = 0;
        var next = firstDeadline;
        for (var i = 0; i < starts.Length; i++)
        {
            var late = (starts[i] - next) * toUs;
            if (i >= DiscardTicks && starts[i] >= from)
            {
                lateness.Add(Math.Max(0.0, late));
                periodErrors.Add(Math.Abs((starts[i] - starts[i - 1] - period) * toUs));
                overruns += late > period * toUs ? 1 : 0;
                early += late < -EarlyUs ? 1 : 0;
            }

            next += period;
            if (ends[i] >= next + period)
            {
                var behind = (ends[i] - next) / period;
                skipped += i >= DiscardTicks && starts[i] >= from ? behind : 0;
                next += behind * period;
            }
        }

        var meanPeriod = starts.Length > DiscardTicks + 1
            ? (starts[^1] - starts[DiscardTicks]) * toUs / (starts.Length - DiscardTicks - 1)
            : double.NaN;
        return new Segment(lateness, periodErrors, overruns, skipped, early, meanPeriod, cpuShare);
    }

    private static LoopFigures Merge(LoopKind kind, double rateHz, bool loaded, List<Segment> segments)
    {
        var lateness = Stats.Sorted(segments.SelectMany(s => s.Lateness));
        var periodErrors = Stats.Sorted(segments.SelectMany(s => s.PeriodErrors));
        return new LoopFigures(
            kind,
            rateHz,
            loaded,
            lateness.Length,
            Stats.Percentile(lateness, 0.50),
            Stats.Percentile(lateness, 0.99),
            Stats.Percentile(lateness, 0.999),
            lateness.Length > 0 ? lateness[^1] : double.NaN,
            segments.Sum(s => s.Overruns),
            segments.Sum(s => s.Skipped),
            segments.Sum(s => s.Early),
            Stats.Percentile(periodErrors, 0.99),
            segments.Average(s => s.MeanPeriodUs),
            segments.Average(s => s.CpuShare),
            new HydroOxygen.Controller.Loop.LateTickCounts(
                segments.Sum(s => s.Late.Behind),
                segments.Sum(s => s.Late.GarbageCollection),
                segments.Sum(s => s.Late.Preempted),
                segments.Sum(s => s.Late.PageFault),
                segments.Sum(s => s.Late.WokeLate),
                segments.Sum(s => s.Late.Other)));
    }

    private sealed record Segment(List<double> Lateness, List<double> PeriodErrors, long Overruns, long Skipped, long Early, double MeanPeriodUs, double CpuShare)
    {
        public HydroOxygen.Controller.Loop.LateTickCounts Late { get; init; }
    }
}
