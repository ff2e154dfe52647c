namespace HydroOxygen.Benchmarks;

/// <summary>The loop-timing section of the report.</summary>
internal static class LoopSection
{
    public static ReportSection Build(BenchOptions options, RecordedSession session)
    {
        var section = new ReportSection("Loop timing", options.Command);
        var fifoProblem = ProbeFifo();

        // Before anything is measured: without a C compiler there is no floor, and the section fails saying so.
        LoopFloor.EnsureBuilt();
        List<LoopKind> kinds = [LoopKind.Ours, LoopKind.Floor, LoopKind.FloorSpin, LoopKind.PeriodicTimer, LoopKind.ThreadSleep, LoopKind.OursBefore, LoopKind.OursWideSpin, LoopKind.OursNiceZero];
        if (fifoProblem is null)
        {
            kinds.AddRange([LoopKind.OursFifo, LoopKind.FloorFifo, LoopKind.FloorSpinFifo]);
        }

        var loadBefore = MachineInfo.LoadAverage();
        var figures = LoopTimingSuite.Measure(session, options.LoopSeconds, options.Rounds, kinds, options.LoopRates, Console.Out);
        var loadAfter = MachineInfo.LoadAverage();
        section.Line(
            $"Each loop ran {Suites.F(options.LoopSeconds, "0.#")} s per rate and load, in {options.Rounds} rounds alternating the loops; " +
            "every tick ran the same work: the real control step (`SprayController.Step`) on the next input of a recorded session (power-on, fill, charge, then 2 s spray bursts every 5 s, looped). " +
            "\"Loaded\" means one busy thread pinned to each core but the first; the loops themselves are not pinned. Lateness is start − deadline on each loop's own absolute grid, in µs; " +
            "an overrun is a tick more than a period late; skipped deadlines passed entirely during a late tick; \"early\" ticks started more than 20 µs before their deadline " +
            "(counted as lateness 0); period error is |interval − period|. CPU is the loop's share of one core (process CPU time less the busy threads').");
        section.Line();
        section.Line("- **ours**: `LoopScheduler` as the controller runs it (dedicated thread at nice −20 with a 0.1 ms scheduler slice where the OS allows it; sleep until shortly before the deadline, then spin).");
        section.Line("- **PeriodicTimer**: `await timer.WaitForNextTickAsync()` in an async loop; ticks run on the thread pool.");
        section.Line("- **Thread.Sleep**: dedicated thread, absolute deadlines, `Thread.Sleep(remaining rounded up to whole ms)`: it sleeps the whole wait and never spins.");
        section.Line("- **ours before**: the scheduler before this issue (see \"What was changed\" below), kept in the benchmark for the before/after comparison.");
        section.Line("- **ours, 500 µs spin**: ours with a 500 µs spin window instead of the default 200 µs: the other side of the sleep/spin split.");
        section.Line("- **ours at nice 0**: ours without raising the loop thread to nice −20 (`LoopThreadPriority`), as it ran before issue 18's loop-tail change: the same-run comparison for that change. The bench runs as root, so the raise is granted here; a service without CAP_SYS_NICE runs at nice 0.");
        section.Line(fifoProblem is null
            ? "- **ours, SCHED_FIFO 50**: ours with the thread under the real-time scheduler, as the Pi runs it (`Device:LoopRealtimePriority` 50). Not a like-for-like comparison (the baselines run under the normal scheduler); it shows what the deployment setting adds."
            : $"- SCHED_FIFO (as the Pi runs the loop) could not be measured here: {fifoProblem}.");
        section.Line(
            $"- **floor**: the machine's own floor, without .NET: `{LoopFloor.Source}`, a C program built by the benchmark as it starts ({LoopFloor.BuildCommand}), run as a child process under the same load in the same rounds. " +
            "It does nothing but wake on its absolute grid, its thread set up as ours (timer slack 1 ns; nice −20 with the 0.1 ms slice, or SCHED_FIFO 50 where ours runs so), memory locked. " +
            "**wakes at the deadline**: `clock_nanosleep(TIMER_ABSTIME)` to the deadline itself, what `cyclictest` measures (the kernel's and the virtual machine's wake-up latency); " +
            "**sleep + 200 µs spin**: our way of waiting, sleeping until 200 µs before the deadline and spinning the rest, the floor for `LoopScheduler`'s design. Its CPU is the program's own.");
        section.Line();
        string[] header = ["Rate", "Load", "Loop", "Ticks", "Median", "p99", "p99.9", "Max", "Overruns", "Skipped", "Early", "Mean period", "Period error p99", "CPU"];
        section.Table(header, figures.Select(f => (IReadOnlyList<string>)
        [
            $"{f.RateHz:0} Hz",
            f.Loaded ? "loaded" : "idle",
            LoopVariants.Describe(f.Kind),
            f.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Suites.F(f.P50Us, "0.0"),
            Suites.F(f.P99Us, "0.0"),
            Suites.F(f.P999Us, "0.0"),
            Suites.F(f.MaxUs, "0.0"),
            f.Overruns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            f.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture),
            f.Early.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Suites.F(f.MeanPeriodUs, "0"),
            Suites.F(f.PeriodErrorP99Us, "0.0"),
            Suites.F(f.CpuShare * 100, "0") + " %",
        ]));

        MachineFloorText.Loop(section, figures, loadBefore, loadAfter);
        LateCauses(section, figures);
        section.Line("Ratios, ours ÷ baseline (below 1: ours is better):");
        section.Line();
        var ratioRows = new List<IReadOnlyList<string>>();
        foreach (var group in figures.GroupBy(f => (f.RateHz, f.Loaded)))
        {
            var ours = group.Single(f => f.Kind == LoopKind.Ours);
            foreach (var baseline in group.Where(f => f.Kind is LoopKind.PeriodicTimer or LoopKind.ThreadSleep))
            {
                ratioRows.Add(
                [
                    $"{group.Key.RateHz:0} Hz",
                    group.Key.Loaded ? "loaded" : "idle",
                    LoopVariants.Describe(baseline.Kind),
                    Ratio(ours.P50Us, baseline.P50Us),
                    Ratio(ours.P99Us, baseline.P99Us),
                    Ratio(ours.P999Us, baseline.P999Us),
                    Ratio(ours.MaxUs, baseline.MaxUs),
                    Ratio(ours.CpuShare, baseline.CpuShare),
                ]);
            }

            var timer = group.Single(f => f.Kind == LoopKind.PeriodicTimer);
            section.Headline(
                $"Loop {group.Key.RateHz:0} Hz {(group.Key.Loaded ? "loaded" : "idle")}: p99 lateness ours {Suites.F(ours.P99Us, "0")} µs vs PeriodicTimer {Suites.F(timer.P99Us, "0")} µs " +
                $"(ratio {Ratio(ours.P99Us, timer.P99Us)}), Thread.Sleep {Suites.F(group.Single(f => f.Kind == LoopKind.ThreadSleep).P99Us, "0")} µs; ours overruns {ours.Overruns}, CPU {Suites.F(ours.CpuShare * 100, "0")} % of a core.");
        }

        section.Table(["Rate", "Load", "Baseline", "Median", "p99", "p99.9", "Max", "CPU"], ratioRows);
        BeforeAfter(section, figures);
        return section;
    }

    /// <summary>What our scheduler saw while it waited for each of its late ticks: where the tail comes from.</summary>
    private static void LateCauses(ReportSection section, IReadOnlyList<LoopFigures> figures)
    {
        var ours = figures.Where(f => f.Kind is LoopKind.Ours or LoopKind.OursWideSpin or LoopKind.OursNiceZero or LoopKind.OursFifo).ToList();
        section.Line(
            $"Where our loops' late ticks (more than {Suites.F(HydroOxygen.Controller.Loop.LoopTiming.LateThresholdUs, "0")} µs) came from, as `LoopScheduler` itself saw it while it waited for each one (`LateTickCause`; first match wins; " +
            "counted over every tick of the runs, including the first 50 of each that the table above leaves out): **behind**: the tick before ended after this one's deadline; " +
            "**GC**: the runtime collected garbage meanwhile (a collection holds every managed thread); **preempted**: the loop thread lost the CPU while it could run (an involuntary context switch, `getrusage(RUSAGE_THREAD)`); " +
            "**page faults**: it took one; **woke late**: none of those, but its sleep returned after the deadline (the kernel ran something else first, or the virtual machine was not running); **other**: none of these.");
        section.Line();
        section.Table(
            ["Rate", "Load", "Loop", "Late ticks", "behind", "GC", "preempted", "page faults", "woke late", "other"],
            ours.Select(f => (IReadOnlyList<string>)
            [
                $"{f.RateHz:0} Hz",
                f.Loaded ? "loaded" : "idle",
                LoopVariants.Describe(f.Kind),
                f.Late.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.Late.Behind.ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.Late.GarbageCollection.ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.Late.Preempted.ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.Late.PageFault.ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.Late.WokeLate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.Late.Other.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]));
        foreach (var kind in new[] { LoopKind.Ours, LoopKind.OursFifo })
        {
            var of = ours.Where(f => f.Kind == kind).ToList();
            var total = of.Sum(f => f.Late.Total);
            if (of.Count > 0)
            {
                section.Headline(
                    $"Loop, {LoopVariants.Describe(kind)}, where its late ticks (> {Suites.F(HydroOxygen.Controller.Loop.LoopTiming.LateThresholdUs, "0")} µs) came from, all rates and loads: {total} in all; woke late {of.Sum(f => f.Late.WokeLate)}, preempted {of.Sum(f => f.Late.Preempted)}, " +
                    $"behind a late tick {of.Sum(f => f.Late.Behind)}, through a garbage collection {of.Sum(f => f.Late.GarbageCollection)}, page faults {of.Sum(f => f.Late.PageFault)}, other {of.Sum(f => f.Late.Other)}.");
            }
        }
    }

    private static void BeforeAfter(ReportSection section, IReadOnlyList<LoopFigures> figures)
    {
        section.Line("### What was changed: the loop's sleep");
        section.Line();
        section.Line(
            "The first measurements showed where the loop's time went. `LoopScheduler` slept with `Thread.Sleep(TimeSpan)`, which truncates to whole milliseconds: " +
            "at 500 Hz it slept 1 ms and spun ~0.8 ms of every 2 ms period; at 1 kHz the sleep was `Sleep(0)` and it spun through the whole period (a full core). " +
            "A thread that spins most of its period is the one the kernel preempts when anything else wants the core, and it is preempted in the middle of its spin, so it comes back late; and it burns half a core (a whole one at 1 kHz) doing nothing. " +
            "Under SCHED_FIFO, as on the Pi, the 1 kHz case is worse: `Sleep(0)` is a `sched_yield`, which yields to nothing of lower priority, so the thread never blocks and would hit the kernel's real-time throttling " +
            "(`sched_rt_runtime_us` 950000: a stall of up to 50 ms every second). That was not run here, so as not to monopolize a core of the shared machine.");
        section.Line();
        section.Line(
            "The change (`src/Controller/Loop/PreciseSleep.cs`, `LoopScheduler.WaitUntil` and `Run`): sleep with `clock_nanosleep` (sub-millisecond) until 200 µs before the deadline, in a loop in case a sleep ends early, " +
            "with the loop thread's timer slack set from the default 50 µs to 1 ns (see the wake-up section) — and spin only those last 200 µs, as the design always intended. " +
            "Off Linux it falls back to `Thread.Sleep` as before. Before and after, from this run (\"ours before\" is the old code, kept in `bench/Benchmarks/LegacyLoopScheduler.cs`):");
        section.Line();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var group in figures.GroupBy(f => (f.RateHz, f.Loaded)))
        {
            foreach (var kind in new[] { LoopKind.OursBefore, LoopKind.Ours, LoopKind.OursWideSpin })
            {
                var f = group.Single(x => x.Kind == kind);
                rows.Add(
                [
                    $"{group.Key.RateHz:0} Hz",
                    group.Key.Loaded ? "loaded" : "idle",
                    kind switch { LoopKind.Ours => "after (200 µs spin)", LoopKind.OursBefore => "before", _ => "after, 500 µs spin" },
                    Suites.F(f.P50Us, "0.0"),
                    Suites.F(f.P99Us, "0.0"),
                    Suites.F(f.P999Us, "0.0"),
                    Suites.F(f.MaxUs, "0.0"),
                    f.Overruns.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Suites.F(f.CpuShare * 100, "0") + " %",
                ]);
            }

            var before = group.Single(x => x.Kind == LoopKind.OursBefore);
            var after = group.Single(x => x.Kind == LoopKind.Ours);
            section.Headline(
                $"Loop change, {group.Key.RateHz:0} Hz {(group.Key.Loaded ? "loaded" : "idle")}: CPU {Suites.F(before.CpuShare * 100, "0")} % → {Suites.F(after.CpuShare * 100, "0")} % of a core, " +
                $"p99 lateness {Suites.F(before.P99Us, "0")} → {Suites.F(after.P99Us, "0")} µs, overruns {before.Overruns} → {after.Overruns}.");
        }

        section.Table(["Rate", "Load", "Scheduler", "Median (µs)", "p99", "p99.9", "Max", "Overruns", "CPU"], rows);
    }

    private static string? ProbeFifo()
    {
        string? problem = null;
        var probe = new Thread(() => problem = NativeThread.TrySetFifo(LoopVariants.FifoPriority));
        probe.Start();
        probe.Join();
        return problem;
    }

    private static string Ratio(double ours, double baseline) =>
        double.IsNaN(ours) || double.IsNaN(baseline) || baseline <= 0 ? "—" : Suites.F(ours / baseline, "0.00");
}
