using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The loop with the web server under load: the built controller on the simulator, held in Ready
/// for the same time with and without a client that keeps the dashboard stream open and sends
/// 200 requests a second to the API (reads, and malformed commands a fuzzing client would send),
/// alternating. The loop timing is the controller's own (<c>LoopTiming</c>, logged as it stops).
/// </summary>
internal static class WebLoadSection
{
    private const double RequestsPerSecond = 200.0;

    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Loop under web load", options.Command);
        var controller = StartupSection.ControllerPath(options);
        var holdS = options.WebSeconds;
        var rounds = options.WebRounds;
        var rows = new List<IReadOnlyList<string>>();
        var causeRows = new List<IReadOnlyList<string>>();
        var runs = new List<(int Round, Case Case, StartupSection.StartupRun Run)>();
        var unitGen0 = UnitGen0Size();
        var cases = Cases(unitGen0);
        var rateHz = ControllerLoopRate();
        LoopFloor.EnsureBuilt();
        var floors = new List<(int Round, CaseKind Kind, LoopFigures Floor)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var @case in cases)
            {
                LoadCounts? counts = null;
                var loaded = @case.Loaded;

                // The machine's floor beside the controller, in every case alike: started with it, stopped with
                // SIGTERM when its stop is asked for, and counted from the host's start, as the loop's steady phase is.
                using var floor = LoopFloor.Start(rateHz, (int)((holdS + FloorLongestStartS) * rateHz), fifo: false, FloorSpinUs);
                StartupSection.StartupRun run;
                try
                {
                    run = StartupSection.StartOnce(
                        controller,
                        port =>
                        {
                            if (loaded)
                            {
                                counts = Load(port, holdS);
                            }
                            else
                            {
                                Thread.Sleep(TimeSpan.FromSeconds(holdS));
                            }

                            _ = NativeProcess.Terminate(floor.Id);
                        },
                        @case.Environment);
                }
                finally
                {
                    _ = NativeProcess.Terminate(floor.Id);
                }

                var floorRun = LoopFloor.Finish(floor);
                var name = @case.Name;
                runs.Add((round + 1, @case, run));
                var floorFigures = run.HostStartedTimestamp == 0 ? null : LoopTimingSuite.Figures(LoopKind.FloorSpin, rateHz, loaded, floorRun, run.HostStartedTimestamp);
                if (floorFigures is not null)
                {
                    floors.Add((round + 1, @case.Kind, floorFigures));
                }

                Console.WriteLine($"  round {round + 1}, {name}: {run.LoopTiming}; steady {Describe(run.Phases?.Steady)}{(counts is null ? "" : $"; {counts}")}; floor {DescribeFloor(floorFigures)}");
                var steady = run.Phases?.Steady;
                rows.Add(
                [
                    (round + 1).ToString(CultureInfo.InvariantCulture),
                    name,
                    Cell(run.Phases?.StartUp, p => $"{p.Ticks} ticks, p99.9 {Suites.F(p.P999Us, "0")}, max {Suites.F(p.MaxUs, "0")}"),
                    Cell(steady, p => p.Ticks.ToString(CultureInfo.InvariantCulture)),
                    Cell(steady, p => Suites.F(p.P99Us, "0")),
                    Cell(steady, p => Suites.F(p.P999Us, "0")),
                    Cell(steady, p => Suites.F(p.MaxUs, "0")),
                    Cell(steady, p => p.Overruns.ToString(CultureInfo.InvariantCulture)),
                    Cell(run.Phases?.Stopping, p => $"{p.Ticks} ticks, p99.9 {Suites.F(p.P999Us, "0")}, max {Suites.F(p.MaxUs, "0")}"),
                    run.Loop is null ? "—" : $"{run.Loop.Ticks} ticks, p99.9 {Suites.F(run.Loop.P999Us, "0")}, max {Suites.F(run.Loop.MaxUs, "0")}",
                    counts?.ToString() ?? "—",
                ]);
                if (run.Steady is { } c)
                {
                    causeRows.Add(
                    [
                        (round + 1).ToString(CultureInfo.InvariantCulture),
                        name,
                        c.Late.ToString(CultureInfo.InvariantCulture),
                        c.Behind.ToString(CultureInfo.InvariantCulture),
                        c.Gc.ToString(CultureInfo.InvariantCulture),
                        c.Preempted.ToString(CultureInfo.InvariantCulture),
                        c.PageFaults.ToString(CultureInfo.InvariantCulture),
                        c.WokeLate.ToString(CultureInfo.InvariantCulture),
                        c.Other.ToString(CultureInfo.InvariantCulture),
                        $"{c.Gen0} / {c.Gen1} / {c.Gen2}",
                        Suites.F(c.PausedMs, "0.0"),
                        Suites.F(c.AllocatedKb / 1024.0, "0.0"),
                    ]);
                }
            }
        }

        section.Line(
            $"`dotnet {Path.GetRelativePath(Suites.RepositoryRoot(), controller)}` on the simulator, started as in the start-up section and held in Ready for {Suites.F(holdS, "0")} s, then stopped with SIGTERM; {rounds} round{(rounds == 1 ? "" : "s")}, each running the cases below in turn. " +
            $"**Web load**: from this process, the dashboard's live stream (`GET /api/stream`, read as it comes) kept open, and {Suites.F(RequestsPerSecond, "0")} requests a second on a fixed schedule: " +
            "`GET /api/status`, `GET /api/device`, and `POST /api/setpoint` with malformed or out-of-range bodies, as a fuzzing client sends (each refused, nothing changes). " +
            "Loop lateness (µs) is what the controller logged as it stopped, by phase (`LoopPhase`; every tick is in exactly one): **start-up** from the loop's first tick until the host has started (Kestrel listening, every service running), " +
            "**steady** from then until the stop was asked for (the device's self-test and fill, then Ready, with or without the web load: the state the targets are about), and **stopping** (the shutdown sequence while the host tears down). " +
            "The whole run is all three together, as the controller's own stop line gives it.");
        section.Line();
        section.Line(
            $"The last two cases are the Pi's garbage collector, emulated here: the runtime sizes the youngest generation's budget (how much is allocated between two collections) from the CPU's largest cache, " +
            $"{LocalCache()}, 1 MB on a Raspberry Pi 4 (its L2; 2 MB L3 on a Pi 5). **Pi-sized budget**: `DOTNET_GCgen0size=0x{PiDefaultGen0:x}` ({Suites.F(PiDefaultGen0 / 1024.0, "0")} KB, four fifths of a Pi 4's cache, as the runtime derives it), the budget the Pi had before; " +
            $"**unit's budget**: `DOTNET_GCgen0size={unitGen0}` as `deploy/raspi/hydro-oxygen.service` sets it now.");
        section.Line();
        section.Table(["Round", "Case", "Start-up", "Steady ticks", "Steady p99", "Steady p99.9", "Steady max", "Steady overruns", "Stopping", "Whole run", "Requests"], rows);
        if (causeRows.Count > 0)
        {
            section.Line(
                $"Where the steady state's late ticks (more than {Suites.F(HydroOxygen.Controller.Loop.LoopTiming.LateThresholdUs, "0")} µs) came from, as the loop itself saw it while it waited for each one (`LateTickCause`, first match wins): " +
                "**behind**: the tick before ended after this one's deadline; **GC**: the runtime collected garbage meanwhile (`GC.CollectionCount`, `GC.GetTotalPauseDuration`; a collection holds every managed thread); " +
                "**preempted**: the loop thread lost the CPU while it could run (an involuntary context switch, `getrusage(RUSAGE_THREAD)`); **page faults**: it took one; " +
                "**woke late**: none of those, but its sleep returned after the deadline (the kernel ran something else first, or the virtual machine itself was not running); **other**: none of these. " +
                "Then the garbage collections over the steady state (a gen 1 collection is also counted in gen 0), how long they held the threads in all, and what the process allocated.");
            section.Line();
            section.Table(["Round", "Case", "Late ticks", "behind", "GC", "preempted", "page faults", "woke late", "other", "GCs gen 0 / 1 / 2", "GC pauses (ms)", "Allocated (MiB)"], causeRows);
            WhereTheTimeGoes(section, runs);
        }

        Ratio(section, runs);
        Floor(section, runs, floors, rateHz);
        PiGc(section, runs);
        return section;
    }

    /// <summary>The floor's longest run beyond the hold, s: the controller's start up to Ready (it is stopped sooner).</summary>
    private const double FloorLongestStartS = 300.0;

    /// <summary>The floor beside the controller waits as its loop does: sleep, then spin the last 200 µs (LoopScheduler's default).</summary>
    private const double FloorSpinUs = 200.0;

    /// <summary>The controller's loop rate, as its appsettings.json gives it.</summary>
    private static double ControllerLoopRate()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Suites.RepositoryRoot(), "src", "Controller", "appsettings.json")));
        return json.RootElement.GetProperty("Controller").GetProperty("LoopRateHz").GetDouble();
    }

    private static string DescribeFloor(LoopFigures? f) =>
        f is null ? "not measured" : string.Create(CultureInfo.InvariantCulture, $"{f.Ticks} ticks, p99 {f.P99Us:0} µs, p99.9 {f.P999Us:0} µs, max {f.MaxUs:0} µs, {f.Overruns} overruns");

    /// <summary>"The loop must not notice", judged against the machine's floor measured beside it: ours and the floor, quiet and under web load.</summary>
    private static void Floor(ReportSection section, List<(int Round, Case Case, StartupSection.StartupRun Run)> runs, List<(int Round, CaseKind Kind, LoopFigures Floor)> floors, double rateHz)
    {
        var rows = new List<IReadOnlyList<string>>();
        var pairs = new List<(CaseKind Kind, StartupSection.PhaseTiming Ours, LoopFigures Floor)>();
        foreach (var (round, kind, floor) in floors.Where(f => f.Kind is CaseKind.Quiet or CaseKind.Loaded))
        {
            var ours = runs.FirstOrDefault(r => r.Round == round && r.Case.Kind == kind).Run?.Phases?.Steady;
            if (ours is null)
            {
                continue;
            }

            pairs.Add((kind, ours, floor));
            rows.Add(
            [
                round.ToString(CultureInfo.InvariantCulture),
                kind == CaseKind.Quiet ? "quiet" : "web load",
                Suites.F(ours.P99Us, "0"),
                Suites.F(ours.P999Us, "0"),
                Suites.F(ours.MaxUs, "0"),
                floor.Ticks.ToString(CultureInfo.InvariantCulture),
                Suites.F(floor.P99Us, "0"),
                Suites.F(floor.P999Us, "0"),
                Suites.F(floor.MaxUs, "0"),
                MachineFloorText.Ratio(ours.P999Us, floor.P999Us),
                MachineFloorText.Ratio(ours.MaxUs, floor.MaxUs),
            ]);
        }

        if (rows.Count == 0)
        {
            return;
        }

        section.Line();
        section.Line(
            $"The machine's floor beside the controller: `{LoopFloor.Source}` ({LoopFloor.BuildCommand}; see the loop section) at the controller's {Suites.F(rateHz, "0")} Hz, waiting as `LoopScheduler` does (sleep, then spin the last 200 µs; nice −20 with the 0.1 ms slice, as the controller's loop runs here), " +
            "started with the controller and stopped when its stop is asked for, its wake-ups counted from the host's start (the \"Application started\" line) as the loop's steady phase is: the same window, the same machine, controller and web load. Lateness in µs:");
        section.Line();
        section.Table(["Round", "Case", "Ours p99", "Ours p99.9", "Ours max", "Floor ticks", "Floor p99", "Floor p99.9", "Floor max", "ours ÷ floor p99.9", "ours ÷ floor max"], rows);

        var quiet = pairs.Where(p => p.Kind == CaseKind.Quiet).ToList();
        var web = pairs.Where(p => p.Kind == CaseKind.Loaded).ToList();
        if (quiet.Count == 0 || web.Count == 0)
        {
            return;
        }

        // Worst round of each, as the section's headline does for ours alone.
        var oursQuiet = quiet.Max(p => p.Ours.P999Us);
        var oursWeb = web.Max(p => p.Ours.P999Us);
        var floorQuiet = quiet.Max(p => p.Floor.P999Us);
        var floorWeb = web.Max(p => p.Floor.P999Us);
        var quietVerdict = MachineFloorText.Verdict(oursQuiet, floorQuiet, quiet.Max(p => p.Ours.MaxUs), quiet.Max(p => p.Floor.MaxUs));
        var webVerdict = MachineFloorText.Verdict(oursWeb, floorWeb, web.Max(p => p.Ours.MaxUs), web.Max(p => p.Floor.MaxUs));
        var line =
            $"Steady p99.9 (worst round) quiet → web load: ours {Suites.F(oursQuiet, "0")} → {Suites.F(oursWeb, "0")} µs ({MachineFloorText.Ratio(oursWeb, oursQuiet)}×), the floor beside it {Suites.F(floorQuiet, "0")} → {Suites.F(floorWeb, "0")} µs ({MachineFloorText.Ratio(floorWeb, floorQuiet)}×). " +
            $"Quiet: {quietVerdict}; web load: {webVerdict}.";
        section.Line();
        section.Line(line);
        section.Headline("Loop under web load against the machine's floor beside it: " + char.ToLowerInvariant(line[0]) + line[1..]);
    }

    /// <summary>The late steady-state ticks of the quiet and loaded runs (this machine's own GC), summed by cause.</summary>
    private static void WhereTheTimeGoes(ReportSection section, List<(int Round, Case Case, StartupSection.StartupRun Run)> runs)
    {
        var steady = runs.Where(r => r.Case.Kind is CaseKind.Quiet or CaseKind.Loaded && r.Run.Steady is not null).Select(r => r.Run.Steady!).ToList();
        var late = steady.Sum(c => c.Late);
        if (late == 0)
        {
            return;
        }

        string Share(long n) => $"{n} ({Suites.F(100.0 * n / late, "0")} %)";
        var line =
            $"Where the time goes, quiet and web-load runs together: {late} late steady-state ticks; woke late {Share(steady.Sum(c => c.WokeLate))}, preempted {Share(steady.Sum(c => c.Preempted))}, " +
            $"behind a late tick {Share(steady.Sum(c => c.Behind))}, through a garbage collection {Share(steady.Sum(c => c.Gc))}, page faults {Share(steady.Sum(c => c.PageFaults))}, other {Share(steady.Sum(c => c.Other))}; " +
            $"{steady.Sum(c => c.Gen0)} collections in all ({Suites.F(steady.Sum(c => c.PausedMs), "0.0")} ms paused).";
        section.Line();
        section.Line(line);
        section.Headline("Loop in the controller process: " + char.ToLowerInvariant(line[0]) + line[1..]);
    }

    /// <summary>A Pi 4's gen0 budget as the runtime derives it from the largest cache: four fifths of its 1 MB L2.</summary>
    private const long PiDefaultGen0 = 1024 * 1024 * 4 / 5;

    private enum CaseKind
    {
        Quiet,
        Loaded,
        PiBudget,
        UnitBudget,
    }

    private sealed record Case(string Name, CaseKind Kind, IReadOnlyDictionary<string, string>? Environment)
    {
        public bool Loaded => Kind != CaseKind.Quiet;
    }

    private static List<Case> Cases(string unitGen0) =>
    [
        new("quiet", CaseKind.Quiet, null),
        new("web load", CaseKind.Loaded, null),
        new("web load, Pi-sized GC budget", CaseKind.PiBudget, new Dictionary<string, string> { ["DOTNET_GCgen0size"] = $"0x{PiDefaultGen0:x}" }),
        new("web load, Pi-sized GC budget raised as the unit does", CaseKind.UnitBudget, new Dictionary<string, string> { ["DOTNET_GCgen0size"] = unitGen0 }),
    ];

    /// <summary>The gen0 budget the Pi's systemd unit gives the runtime, as written there.</summary>
    private const string CacheDirectory = "/sys/devices/system/cpu/cpu0/cache";

    private static string UnitGen0Size()
    {
        var unit = File.ReadAllLines(Path.Combine(Suites.RepositoryRoot(), "deploy", "raspi", "hydro-oxygen.service"));
        const string Prefix = "Environment=DOTNET_GCgen0size=";
        return unit.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))?[Prefix.Length..]
            ?? throw new InvalidOperationException("deploy/raspi/hydro-oxygen.service sets no DOTNET_GCgen0size");
    }

    private static string LocalCache() =>
        LocalLargestCacheKb() is var kb && double.IsNaN(kb)
            ? $"not readable on this machine (no {CacheDirectory})"
            : $"{Suites.F(kb / 1024.0, "0")} MB on this machine";

    /// <summary>The CPU's largest cache, KB; NaN where the kernel does not describe the caches (some virtual machines).</summary>
    private static double LocalLargestCacheKb()
    {
        if (!Directory.Exists(CacheDirectory))
        {
            return double.NaN;
        }

        var largest = 0.0;
        foreach (var size in Directory.EnumerateFiles(CacheDirectory, "size", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(size).Trim();
            if (text.EndsWith('K') && double.TryParse(text[..^1], CultureInfo.InvariantCulture, out var kb))
            {
                largest = Math.Max(largest, kb);
            }
        }

        return largest;
    }

    /// <summary>The Pi's collector before and after the unit's budget: collections, their pauses, and the ticks they made late.</summary>
    private static void PiGc(ReportSection section, List<(int Round, Case Case, StartupSection.StartupRun Run)> runs)
    {
        SteadySum? Sum(CaseKind kind)
        {
            var of = runs.Where(r => r.Case.Kind == kind && r.Run.Steady is not null && r.Run.Phases is not null).ToList();
            return of.Count == 0 ? null : new SteadySum(
                of.Count,
                of.Sum(r => r.Run.Steady!.Gen0),
                of.Sum(r => r.Run.Steady!.PausedMs),
                of.Sum(r => r.Run.Steady!.Gc),
                of.Max(r => r.Run.Phases!.Steady.P999Us),
                of.Max(r => r.Run.Phases!.Steady.MaxUs),
                of.Sum(r => r.Run.Phases!.Steady.Ticks));
        }

        if (Sum(CaseKind.PiBudget) is not { } before || Sum(CaseKind.UnitBudget) is not { } after || Sum(CaseKind.Loaded) is not { } x64)
        {
            return;
        }

        section.Line();
        section.Line("The garbage collector under the web load, steady state, all rounds together:");
        section.Line();
        section.Table(
            ["GC budget", "Runs", "Steady ticks", "Collections", "Paused (ms)", "Ticks late through a collection", "Steady p99.9 (worst run, µs)", "Steady max (µs)"],
            [
                Row("this machine's own (x64)", x64),
                Row("Pi-sized (before)", before),
                Row("Pi-sized, raised as the unit does (after)", after),
            ]);
        section.Headline(
            $"Loop under web load, the Pi's garbage collector emulated: {before.Collections} collections ({Suites.F(before.PausedMs, "0.0")} ms paused, {before.GcLate} ticks late through one) with a Pi-sized budget vs {after.Collections} ({Suites.F(after.PausedMs, "0.0")} ms, {after.GcLate} ticks) with the unit's DOTNET_GCgen0size, over {before.Ticks} and {after.Ticks} steady ticks.");

        static IReadOnlyList<string> Row(string name, SteadySum s) =>
        [
            name,
            s.Runs.ToString(CultureInfo.InvariantCulture),
            s.Ticks.ToString(CultureInfo.InvariantCulture),
            s.Collections.ToString(CultureInfo.InvariantCulture),
            Suites.F(s.PausedMs, "0.0"),
            s.GcLate.ToString(CultureInfo.InvariantCulture),
            Suites.F(s.P999Us, "0"),
            Suites.F(s.MaxUs, "0"),
        ];
    }

    private sealed record SteadySum(int Runs, long Collections, double PausedMs, long GcLate, double P999Us, double MaxUs, long Ticks);

    /// <summary>The loop "must not notice" the web load, as a figure: steady-state p99.9 loaded ÷ quiet, round by round.</summary>
    private static void Ratio(ReportSection section, List<(int Round, Case Case, StartupSection.StartupRun Run)> runs)
    {
        var pairs = runs.Where(r => r.Case.Kind == CaseKind.Quiet)
            .Select(q => (Quiet: q.Run.Phases?.Steady, Loaded: runs.FirstOrDefault(l => l.Case.Kind == CaseKind.Loaded && l.Round == q.Round).Run?.Phases?.Steady))
            .Where(p => p.Quiet is not null && p.Loaded is not null)
            .Select(p => (Quiet: p.Quiet!, Loaded: p.Loaded!))
            .ToList();
        if (pairs.Count == 0)
        {
            // A build that does not log its phases: only the whole run can be compared.
            var quiet = runs.Where(r => r.Case.Kind == CaseKind.Quiet && r.Run.Loop is not null).Select(r => r.Run.Loop!).ToList();
            var busy = runs.Where(r => r.Case.Kind == CaseKind.Loaded && r.Run.Loop is not null).Select(r => r.Run.Loop!).ToList();
            if (quiet.Count > 0 && busy.Count > 0)
            {
                section.Headline(
                    $"Loop under web load (dashboard stream + {Suites.F(RequestsPerSecond, "0")} requests/s), whole run: p99.9 lateness {Suites.F(busy.Max(l => l.P999Us), "0")} µs vs {Suites.F(quiet.Max(l => l.P999Us), "0")} µs quiet (worst round of each).");
            }

            return;
        }

        var ratios = pairs.Select(p => p.Loaded.P999Us / Math.Max(p.Quiet.P999Us, 1.0)).ToArray();
        section.Line();
        section.Line(
            $"Steady-state p99.9 lateness loaded ÷ quiet, round by round (quiet and loaded run one after the other, so each pair saw much the same machine): {string.Join(", ", ratios.Select(r => Suites.F(r, "0.00")))} (1 means the loop does not notice the web load; below 1, the machine's own load drifted more than the web load weighs).");
        section.Headline(
            $"Loop under web load (dashboard stream + {Suites.F(RequestsPerSecond, "0")} requests/s), steady state: p99.9 lateness {Suites.F(pairs.Max(p => p.Loaded.P999Us), "0")} µs loaded vs {Suites.F(pairs.Max(p => p.Quiet.P999Us), "0")} µs quiet (worst round of each; loaded ÷ quiet by round {string.Join(", ", ratios.Select(r => Suites.F(r, "0.00")))}), " +
            $"max {Suites.F(pairs.Max(p => p.Loaded.MaxUs), "0")} vs {Suites.F(pairs.Max(p => p.Quiet.MaxUs), "0")} µs, overruns {pairs.Sum(p => p.Loaded.Overruns)} vs {pairs.Sum(p => p.Quiet.Overruns)}.");
    }

    private static string Describe(StartupSection.PhaseTiming? p) =>
        p is null ? "not logged" : string.Create(CultureInfo.InvariantCulture, $"{p.Ticks} ticks, p99 {p.P99Us:0} µs, p99.9 {p.P999Us:0} µs, max {p.MaxUs:0} µs, {p.Overruns} overruns");

    private static string Cell(StartupSection.PhaseTiming? phase, Func<StartupSection.PhaseTiming, string> format) => phase is null ? "—" : format(phase);

    /// <summary>The client: the stream kept open, and the requests on a fixed schedule whatever the answers take.</summary>
    private static LoadCounts Load(int port, double seconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var counts = new LoadCounts();
        var stream = Task.Run(async () =>
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/api/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stop.Token).ConfigureAwait(false);
                await using var body = await response.Content.ReadAsStreamAsync(stop.Token).ConfigureAwait(false);
                var buffer = new byte[16384];
                int read;
                while ((read = await body.ReadAsync(buffer, stop.Token).ConfigureAwait(false)) > 0)
                {
                    Interlocked.Add(ref counts.StreamBytes, read);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
            {
                // The hold is over (or the server went away).
            }
        });

        var pending = new List<Task>();
        var interval = Stopwatch.Frequency / RequestsPerSecond;
        var next = (double)Stopwatch.GetTimestamp();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            next += interval;
            var wait = (long)next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }

            pending.Add(Send(http, i, counts, stop.Token));
        }

        try
        {
            Task.WaitAll([.. pending, stream], TimeSpan.FromSeconds(15));
        }
        catch (AggregateException)
        {
            // Counted as failures below.
        }

        return counts;
    }

    private static async Task Send(HttpClient http, int index, LoadCounts counts, CancellationToken stop)
    {
        try
        {
            using var request = (index % 4) switch
            {
                0 or 1 => new HttpRequestMessage(HttpMethod.Get, "/api/status"),
                2 => new HttpRequestMessage(HttpMethod.Get, "/api/device"),
                _ => new HttpRequestMessage(HttpMethod.Post, "/api/setpoint")
                {
                    Content = new StringContent(MalformedBodies[index / 4 % MalformedBodies.Length], Encoding.UTF8, "application/json"),
                },
            };
            using var response = await http.SendAsync(request, stop).ConfigureAwait(false);
            _ = await response.Content.ReadAsByteArrayAsync(stop).ConfigureAwait(false);
            if ((int)response.StatusCode < 400)
            {
                Interlocked.Increment(ref counts.Ok);
            }
            else
            {
                Interlocked.Increment(ref counts.Refused);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            Interlocked.Increment(ref counts.Failed);
        }
    }

    private static readonly string[] MalformedBodies =
    [
        "{\"mpa\": 0.95}",
        "{\"mpa\": \"high\"}",
        "{\"mpa\": -1}",
        "{\"mpa\":",
        "[]",
        "{\"MPA\": 1e309}",
    ];

    private sealed class LoadCounts
    {
        public int Ok;
        public int Refused;
        public int Failed;
        public long StreamBytes;

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Ok + Refused + Failed} sent: {Ok} answered 2xx, {Refused} refused 4xx/5xx, {Failed} failed; stream {StreamBytes / 1024} KiB");
    }
}
