using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>Our loops against the machine's floor (<see cref="LoopFloor"/>) measured in the same rounds, and what that says.</summary>
internal static class MachineFloorText
{
    /// <summary>Ours is "at the floor" within this factor plus <see cref="SameSlackUs"/>; "clearly worse" beyond <see cref="WorseFactor"/>.</summary>
    public const double SameFactor = 1.25;

    public const double SameSlackUs = 20.0;

    public const double WorseFactor = 1.5;

    private const double WorseMarginUs = 50.0;

    public static void Loop(ReportSection section, IReadOnlyList<LoopFigures> figures, string loadBefore, string loadAfter)
    {
        section.Line(
            $"Ours against the machine's floor, same rounds and load (the machine's load average, 1 / 5 / 15 min, was {loadBefore} as the loops started and {loadAfter} as they ended: other work on the shared machine weighs on ours and the floor alike). " +
            "Lateness in µs; \"ours ÷\" is ours' figure divided by that floor's: 1 means ours adds nothing to what the machine does; " +
            "a floor that wakes at the deadline is late by its whole wake-up latency, which our 200 µs spin hides, so its ratios below 1 are the spin's doing; the sleep + spin floor is the like-for-like one:");
        section.Line();
        var rows = new List<IReadOnlyList<string>>();
        var verdicts = new List<string>();
        foreach (var group in figures.GroupBy(f => (f.RateHz, f.Loaded)))
        {
            foreach (var (ourKind, wakeKind, spinKind, scheduler) in new[]
            {
                (LoopKind.Ours, LoopKind.Floor, LoopKind.FloorSpin, "nice −20"),
                (LoopKind.OursFifo, LoopKind.FloorFifo, LoopKind.FloorSpinFifo, "SCHED_FIFO 50"),
            })
            {
                var ours = group.SingleOrDefault(f => f.Kind == ourKind);
                var wake = group.SingleOrDefault(f => f.Kind == wakeKind);
                var spin = group.SingleOrDefault(f => f.Kind == spinKind);
                if (ours is null || wake is null || spin is null)
                {
                    continue;
                }

                var where = $"{group.Key.RateHz:0} Hz {(group.Key.Loaded ? "loaded" : "idle")}, {scheduler}";
                rows.Add(Row(group.Key.RateHz, group.Key.Loaded, scheduler, "ours", ours, null));
                rows.Add(Row(group.Key.RateHz, group.Key.Loaded, scheduler, "floor, sleep + 200 µs spin", spin, ours));
                rows.Add(Row(group.Key.RateHz, group.Key.Loaded, scheduler, "floor, wakes at the deadline", wake, ours));
                var verdict = Verdict(ours.P999Us, spin.P999Us, ours.MaxUs, spin.MaxUs);
                verdicts.Add($"{where}: {verdict}");
                section.Headline(
                    $"Loop floor, {where}: p99.9 lateness ours {Suites.F(ours.P999Us, "0")} µs, the machine's floor for our way of waiting (native sleep + 200 µs spin) {Suites.F(spin.P999Us, "0")} µs, " +
                    $"native wake at the deadline {Suites.F(wake.P999Us, "0")} µs; max {Suites.F(ours.MaxUs, "0")} / {Suites.F(spin.MaxUs, "0")} / {Suites.F(wake.MaxUs, "0")} µs: {verdict}.");
            }
        }

        section.Table(["Rate", "Load", "Scheduler", "Loop", "Median", "p99", "p99.9", "Max", "CPU", "ours ÷ p99", "ours ÷ p99.9", "ours ÷ max"], rows);
        section.Line(
            $"What that says, p99.9 and max against the like-for-like floor (\"at the floor\": ours within {SameFactor.ToString("0.##", CultureInfo.InvariantCulture)}× + {SameSlackUs:0} µs of it; " +
            $"\"clearly worse\": more than {WorseFactor.ToString("0.#", CultureInfo.InvariantCulture)}× and {WorseMarginUs:0} µs above it):");
        section.Line();
        foreach (var verdict in verdicts)
        {
            section.Line("- " + verdict);
        }

        section.Line();
        static string Where(string verdict) => verdict[..verdict.IndexOf(':', StringComparison.Ordinal)];
        var worse = verdicts.Where(v => v.Contains("clearly worse", StringComparison.Ordinal)).Select(Where).ToList();
        var above = verdicts.Where(v => v.Contains("somewhat above", StringComparison.Ordinal) && !v.Contains("clearly worse", StringComparison.Ordinal)).Select(Where).ToList();
        var summary = worse.Count == 0 && above.Count == 0
            ? $"in all {verdicts.Count} cases ours' tail (p99.9 and max) is at or below the machine's own floor for its way of waiting: what is left of it is this machine's, not our code's"
            : $"ours' tail (p99.9 and max) is at or below the machine's floor in {verdicts.Count - worse.Count - above.Count} of {verdicts.Count} cases" +
              (above.Count == 0 ? "" : $", somewhat above it in {string.Join("; ", above)}") +
              (worse.Count == 0 ? "" : $", clearly worse than it in {string.Join("; ", worse)} (the late-tick causes below say what ours met there; " +
                "where the floor set up alike woke on time, a \"woke late\" tick of ours may be our process's rather than the machine's: that count also takes in the time the .NET runtime holds the thread as the sleep's P/Invoke returns, which the loop cannot tell apart; " +
                "a handful of ticks decides a p99.9 or a max here, so rerun longer before concluding)");
        section.Line(char.ToUpperInvariant(summary[0]) + summary[1..] + ".");
        section.Line();
        section.Headline("Loop against the machine's floor: " + summary + ".");
    }

    /// <summary>Plain words for one tail against the floor's.</summary>
    public static string Verdict(double oursP999, double floorP999, double oursMax, double floorMax)
    {
        string One(string what, double ours, double floor) =>
            double.IsNaN(ours) || double.IsNaN(floor) ? $"{what} not measured"
            : ours < (floor / SameFactor) - SameSlackUs ? $"{what} below the floor ({Suites.F(ours, "0")} vs {Suites.F(floor, "0")} µs: the floor's own runs met more of the machine's stalls)"
            : ours <= (floor * SameFactor) + SameSlackUs ? $"{what} at the floor ({Suites.F(ours, "0")} vs {Suites.F(floor, "0")} µs)"
            : ours > floor * WorseFactor && ours > floor + WorseMarginUs ? $"{what} clearly worse than the floor ({Suites.F(ours, "0")} vs {Suites.F(floor, "0")} µs)"
            : $"{what} somewhat above the floor ({Suites.F(ours, "0")} vs {Suites.F(floor, "0")} µs)";
        return $"{One("p99.9", oursP999, floorP999)}, {One("max", oursMax, floorMax)}";
    }

    private static IReadOnlyList<string> Row(double rateHz, bool loaded, string scheduler, string name, LoopFigures f, LoopFigures? ours) =>
    [
        $"{rateHz:0} Hz",
        loaded ? "loaded" : "idle",
        scheduler,
        name,
        Suites.F(f.P50Us, "0.0"),
        Suites.F(f.P99Us, "0.0"),
        Suites.F(f.P999Us, "0.0"),
        Suites.F(f.MaxUs, "0.0"),
        Suites.F(f.CpuShare * 100, "0") + " %",
        ours is null ? "" : Ratio(ours.P99Us, f.P99Us),
        ours is null ? "" : Ratio(ours.P999Us, f.P999Us),
        ours is null ? "" : Ratio(ours.MaxUs, f.MaxUs),
    ];

    public static string Ratio(double ours, double floor) =>
        double.IsNaN(ours) || double.IsNaN(floor) || floor <= 0 ? "—" : Suites.F(ours / floor, "0.00");
}
