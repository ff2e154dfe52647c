using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// A fixed amount of simulated work, untimed, for load-independent measures: run it under
/// <c>valgrind --tool=callgrind</c> (instructions, the same for the same binary and inputs) or
/// <c>perf record</c> (where the time goes), and it prints the bytes allocated per simulated second.
/// </summary>
internal static class SimulatorWork
{
    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Simulator work", options.Command);
        var seconds = options.SessionMinutes[0] * 60;
        var rows = new List<IReadOnlyList<string>>();
        if (options.Part is null or "plant")
        {
            var bytes = Allocated(() => SimulatorSpeed.PlantAlone(seconds));
            rows.Add(["plant alone", Suites.F(seconds, "0.#"), Suites.F(bytes / seconds, "0")]);
        }

        if (options.Part is null or "loop")
        {
            var bytes = Allocated(() => SimulatorSpeed.ClosedLoop(seconds));
            rows.Add(["closed loop", Suites.F(seconds, "0.#"), Suites.F(bytes / seconds, "0")]);
        }

        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row[0]}: {row[1]} simulated s, {row[2]} B allocated per simulated s"));
        }

        section.Line("Untimed: the simulated work only, for instruction counts (callgrind) and profiles (perf). Bytes include the set-up and warm-up.");
        section.Line();
        section.Table(["Run", "Simulated s", "Bytes allocated per simulated s"], rows);
        return section;
    }

    private static long Allocated(Action run)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
