using System.Diagnostics;
using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// How late the sleep primitives wake up on this machine: the figure that decides how long the
/// loop must spin before a deadline (its spin window is 200 µs).
/// </summary>
internal static class WakeSection
{
    private const int Samples = 1500;
    private const double SleepUs = 1000.0;

    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Wake-up latency of the sleep primitives", options.Command);
        section.Line(
            $"Each primitive asked to sleep {SleepUs:0} µs, {Samples} times in a row on a dedicated thread; the table is how much longer it actually slept (µs). " +
            "`Thread.Sleep` takes whole milliseconds; `clock_nanosleep` is what the loop now sleeps with (`PreciseSleep`), shown with the kernel's default 50 µs timer slack and with the 1 ns slack the loop thread sets.");
        section.Line();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var loaded in new[] { false, true })
        {
            foreach (var (name, slack, sleep) in Primitives())
            {
                var overshoot = Measure(slack, sleep, loaded);
                rows.Add(
                [
                    name,
                    loaded ? "loaded" : "idle",
                    Suites.F(Stats.Percentile(overshoot, 0.5), "0"),
                    Suites.F(Stats.Percentile(overshoot, 0.99), "0"),
                    Suites.F(Stats.Percentile(overshoot, 0.999), "0"),
                    Suites.F(overshoot[^1], "0"),
                ]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-40} {(loaded ? "loaded" : "idle  ")} p50 {Stats.Percentile(overshoot, 0.5),7:F0} µs p99 {Stats.Percentile(overshoot, 0.99),7:F0} max {overshoot[^1],7:F0}"));
                if (name.Contains("1 ns", StringComparison.Ordinal))
                {
                    section.Headline($"Wake-up ({(loaded ? "loaded" : "idle")}): clock_nanosleep with 1 ns slack overshoots by {Suites.F(Stats.Percentile(overshoot, 0.5), "0")} µs median, {Suites.F(Stats.Percentile(overshoot, 0.99), "0")} µs p99 (the loop spins the last 200 µs).");
                }
            }
        }

        section.Table(["Primitive", "Load", "Median", "p99", "p99.9", "Max"], rows);
        return section;
    }

    private static IEnumerable<(string Name, long Slack, Action Sleep)> Primitives()
    {
        yield return ("Thread.Sleep(1)", 50_000, () => Thread.Sleep(1));
        yield return ("clock_nanosleep, default 50 µs slack", 50_000, () => NativeThread.NanoSleep((long)(SleepUs * 1000)));
        yield return ("clock_nanosleep, 1 ns slack", 1, () => NativeThread.NanoSleep((long)(SleepUs * 1000)));
    }

    private static double[] Measure(long slack, Action sleep, bool loaded)
    {
        var overshoot = new double[Samples];
        using var load = loaded ? CpuLoad.OnOtherCores() : CpuLoad.None();
        var thread = new Thread(() =>
        {
            _ = NativeThread.SetTimerSlack(slack);
            for (var i = -50; i < Samples; i++)
            {
                var before = Stopwatch.GetTimestamp();
                sleep();
                var slept = (Stopwatch.GetTimestamp() - before) * 1e6 / Stopwatch.Frequency;
                if (i >= 0)
                {
                    overshoot[i] = slept - SleepUs;
                }
            }
        })
        { Name = "wake-latency", Priority = ThreadPriority.Highest };
        thread.Start();
        thread.Join();
        Array.Sort(overshoot);
        return overshoot;
    }
}
