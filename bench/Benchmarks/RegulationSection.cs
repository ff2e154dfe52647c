using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>The regulation-quality section: ours against the best-tuned bang-bang baseline.</summary>
internal static class RegulationSection
{
    private static readonly double[] Hystereses = [0.002, 0.005, 0.01, 0.02];

    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Regulation quality", options.Command);
        var scenarios = RegulationScenarios.RunAll();
        var onSetpoint = Tune(scenarios, followReference: false);
        var onReference = Tune(scenarios, followReference: true);
        var tick = HydroOxygen.Controller.Core.ControllerSettings.Default.TickSeconds;


        section.Line(
            "Both controllers drive the same simulated plant (`SprayPlant`, default parameters unless stated, same seed) at 500 Hz in virtual time. " +
            "**Ours** is the unmodified controller (`SimulationRunner`: the state machine, the regulator with its feed-forward, the power-on fill's braked ramp, the raised setpoint's full-opening rise, everything). " +
            "**Bang-bang** is a hysteresis controller (`bench/Benchmarks/BangBangController.cs`): inlet fully open below target − h until the target is reached, vent open above target + h until it is back. " +
            "It reads the same simulated transducer through the same ADC model, and every other output (source, charge and spray valves) and the setpoint are replayed tick for tick from our run " +
            "(`BaselineReplay.cs`), so both face the same demands and disturbances. It is run twice: on the raw setpoint (a step is a step), and on our regulator's ramped reference " +
            "(so that both follow the same trajectory and only the feedback differs). Each gets its best h of " +
            $"{string.Join(", ", Hystereses.Select(h => $"{h * 1000:0} kPa"))} by ISE summed over all windows: **h = {onSetpoint.Hysteresis * 1000:0} kPa** on the setpoint, **h = {onReference.Hysteresis * 1000:0} kPa** on the reference.");
        section.Line();
        section.Line(
            "All figures are on the plant's true outlet pressure, against the setpoint. Rise: 10 → 90 % of the step. Settling: until it stays within ±10 kPa (for disturbances: the worst recovery into that band after a spray-valve opening, through the burst's end; \"never\": still outside at the end of the window). " +
            "Overshoot: beyond the target (for disturbances: the largest deviation either way). Steady state: the largest |error| over the window's last quarter. ISE: ∫ error² dt over the window; the ratio is the baseline's ISE over ours (above 1: ours is better). " +
            "On a step most of the ISE is the rise itself, which is bounded by the inlet's full opening (the bang-bang opens it fully at once; so does ours on a raised setpoint, shutting the inlet where a model of its closing spool carries the manifold to the target; its power-on fill opens the inlet as the source line primes, then follows a ramp at 80 % of the inlet's capacity, braked by a model of the manifold, so that it does not overshoot) — so for steps the table also gives the ISE after the 300 ms settling allowance of DESIGN §2.3: how well each holds the new pressure.");
        section.Line();
        var rows = new List<IReadOnlyList<string>>();
        var bounds = new List<IReadOnlyList<string>>();
        var disturbanceBounds = new List<IReadOnlyList<string>>();
        var plot = new List<string>();
        var index = 0;
        foreach (var scenario in scenarios)
        {
            foreach (var window in scenario.Windows)
            {
                var ours = RegulationMetrics.Judge(window, scenario.Trace.Time, scenario.Trace.POutTrue, scenario.Trace);
                var raw = RegulationMetrics.Judge(window, scenario.Trace.Time, onSetpoint.Runs[index], scenario.Trace);
                var shaped = RegulationMetrics.Judge(window, scenario.Trace.Time, onReference.Runs[index], scenario.Trace);
                var name = scenario.Windows.Count > 1 ? $"{scenario.Name}: {window.Name}" : scenario.Name;
                Dump(scenario, window);
                if (window.IsStep)
                {
                    // The inlet (or the vent) fully open from the step, from the state each run had reached.
                    var leastTrajectory = BaselineReplay.Run(scenario, null, tick, followReference: false, fullEffortFrom: window.Start);
                    var leastOurs = RegulationMetrics.IseUntilReached(window, scenario.Trace.Time, leastTrajectory);
                    if (index == 0)
                    {
                        plot = Plot(name, window, scenario.Trace, leastTrajectory);
                    }

                    var leastRaw = RegulationMetrics.IseUntilReached(window, scenario.Trace.Time, BaselineReplay.Run(scenario, new BangBangController(onSetpoint.Hysteresis), tick, followReference: false, fullEffortFrom: window.Start));
                    bounds.Add([name, Suites.F(leastOurs * 1e6, "0.0"), Suites.F(ours.IseMpa2S / leastOurs, "0.00"), Suites.F(leastRaw * 1e6, "0.0"), Suites.F(raw.IseMpa2S / leastRaw, "0.00")]);
                    section.Headline(
                        $"Regulation, {name}: least ISE physically possible with these valves (full opening until the target is first reached) {Suites.F(leastOurs * 1e6, "0.#")} kPa²·s from our state, {Suites.F(leastRaw * 1e6, "0.#")} from the bang-bang's; " +
                        $"ours scores {Suites.F(ours.IseMpa2S / leastOurs, "0.00")}× its least, the bang-bang {Suites.F(raw.IseMpa2S / leastRaw, "0.00")}× its least.");
                }

                else
                {
                    var least = DisturbanceBound.Of(scenario, window, tick);
                    var oursSprays = DisturbanceBound.Ours(scenario, window);
                    disturbanceBounds.Add(
                    [
                        name,
                        Suites.F(least.DipMpa * 1000, "0.0"), Suites.F(oursSprays.DipMpa * 1000, "0.0"),
                        Suites.F(least.BackS * 1000, "0"), Suites.F(oursSprays.BackS * 1000, "0"),
                        Suites.F(least.IseMpa2S * 1e6, "0.0"), Suites.F(ours.IseMpa2S / least.IseMpa2S, "0.00"), Suites.F(raw.IseMpa2S / least.IseMpa2S, "0.0"),
                    ]);
                    section.Headline(
                        $"Regulation, {name}: spray-start dip ours {Suites.F(oursSprays.DipMpa * 1000, "0.0")} kPa (least possible {Suites.F(least.DipMpa * 1000, "0.0")}), back within ±10 kPa {Suites.F(oursSprays.BackS * 1000, "0")} ms after the spray command (least {Suites.F(least.BackS * 1000, "0")}); " +
                        $"least ISE possible {Suites.F(least.IseMpa2S * 1e6, "0.0")} kPa²·s: ours {Suites.F(ours.IseMpa2S / least.IseMpa2S, "0.00")}× it, the bang-bang on the setpoint {Suites.F(raw.IseMpa2S / least.IseMpa2S, "0.0")}× it.");
                }

                rows.Add(Row(name, "ours", ours, null, window.IsStep));
                rows.Add(Row("", $"bang-bang on the setpoint (h {onSetpoint.Hysteresis * 1000:0} kPa)", raw, ours, window.IsStep));
                rows.Add(Row("", $"bang-bang on our reference (h {onReference.Hysteresis * 1000:0} kPa)", shaped, ours, window.IsStep));
                section.Headline(
                    $"Regulation, {name}: ISE ours {Suites.F(ours.IseMpa2S * 1e6, "0.#")} kPa²·s; bang-bang {Suites.F(raw.IseMpa2S * 1e6, "0.#")} on the setpoint ({Suites.F(raw.IseMpa2S / ours.IseMpa2S, "0.0")}×), " +
                    $"{Suites.F(shaped.IseMpa2S * 1e6, "0.#")} on our reference ({Suites.F(shaped.IseMpa2S / ours.IseMpa2S, "0.0")}×)" +
                    (window.IsStep ? $"; after the {RegulationMetrics.SettlingAllowanceS * 1000:0} ms settling allowance ours {Suites.F(ours.HeldIseMpa2S * 1e6, "0.#")}, bang-bang {Suites.F(raw.HeldIseMpa2S * 1e6, "0.#")} ({Suites.F(raw.HeldIseMpa2S / ours.HeldIseMpa2S, "0.0")}×) / {Suites.F(shaped.HeldIseMpa2S * 1e6, "0.#")} ({Suites.F(shaped.HeldIseMpa2S / ours.HeldIseMpa2S, "0.0")}×)" : "") +
                    $"; overshoot/peak ours {Suites.F(ours.PeakMpa * 1000, "0.0")} kPa vs {Suites.F(raw.PeakMpa * 1000, "0.0")} / {Suites.F(shaped.PeakMpa * 1000, "0.0")} kPa.");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: ISE ours {ours.IseMpa2S * 1e6:F1} kPa²s, bang-bang {raw.IseMpa2S * 1e6:F1} ({raw.IseMpa2S / ours.IseMpa2S:F1}×), on reference {shaped.IseMpa2S * 1e6:F1} ({shaped.IseMpa2S / ours.IseMpa2S:F1}×)"));
            }

            index++;
        }

        section.Table(["Scenario", "Controller", "Rise", "Settling / recovery", "Overshoot / peak deviation", "Steady state", "ISE (kPa²·s)", "ISE ratio", "ISE after 300 ms (kPa²·s)", "ratio after 300 ms"], rows);

        section.Line(
            "What a step's whole-window ISE can show at all: replayed on the same plant with the inlet (going down: the vent) fully open from the step until the pressure first reaches the target, " +
            "the ISE up to that instant is the least any controller using these valves can score from the state the run was in at the step — none moves the pressure towards the target faster, and at best it then stays on the target. " +
            "The bang-bang's whole-window ISE is within a few tens of per cent of that least (its rise is already full opening), so on a step's whole-window ISE no controller can beat it by a wide margin; " +
            "what separates controllers on a step is how they arrive and hold (overshoot, settling, the ISE after 300 ms).");
        section.Line();
        section.Table(["Step", "least possible from our state (kPa²·s)", "ours ÷ that", "least possible from the bang-bang's state (kPa²·s)", "bang-bang on the setpoint ÷ that"], bounds);
        section.Line();
        foreach (var line in plot)
        {
            section.Line(line);
        }

        section.Line();

        section.Line(
            "What a disturbance can show at all: at each spray-valve command in the window, our run is replayed on the same plant with the inlet fully open and the vent shut from that tick until the pressure, having dipped, is back at the target. " +
            "No controller can keep the pressure higher at any instant of that stretch (the inlet passes no more than fully open, and it cannot open before the command that tells it the spray starts), so its dip is the shallowest possible, its time back into ±10 kPa the shortest, " +
            "and the ISE of its dips summed over the window's sprays (below the target only) is a lower bound on any controller's ISE there. Ours is measured on the same sprays (dip and time back: the worst spray; times from the spray-valve command). " +
            "The last column says how far a better controller could possibly get from the bang-bang: a ratio to the bang-bang above it is out of reach.");
        section.Line();
        section.Table(["Disturbance", "least dip (kPa)", "ours (kPa)", "least time back within ±10 kPa (ms)", "ours (ms)", "least ISE (kPa²·s)", "ours ÷ that", "bang-bang on the setpoint ÷ that"], disturbanceBounds);
        section.Line();

        var sag = scenarios.Single(s => s.Plant == "sagging cylinder");
        var sagWindow = sag.Windows[0];
        section.Line(
            $"The source sag: a nearly empty cylinder (`CylinderFullMpa` {RegulationScenarios.SaggingCylinder.CylinderFullMpa}, `CylinderContentsL` {RegulationScenarios.SaggingCylinder.CylinderContentsL}): " +
            $"its regulator still delivers the full pressure when the session starts, then P_src falls from {Suites.F(SourceAt(sag, sagWindow.Start), "0.000")} MPa at the start of the 6 s spray to {Suites.F(SourceAt(sag, sagWindow.Start + 6.0), "0.000")} MPa at its end (our run).");
        section.Line();
        section.Line("The baseline's other hysteresis values (ISE summed over all windows, kPa²·s): on the setpoint " +
            string.Join(", ", onSetpoint.Totals.Select(t => $"h {t.Hysteresis * 1000:0}: {Suites.F(t.Total * 1e6, "0")}")) + "; on our reference " +
            string.Join(", ", onReference.Totals.Select(t => $"h {t.Hysteresis * 1000:0}: {Suites.F(t.Total * 1e6, "0")}")) + ".");
        section.Line();
        return section;
    }

    private static Tuned Tune(IReadOnlyList<ScenarioRun> scenarios, bool followReference)
    {
        var tick = HydroOxygen.Controller.Core.ControllerSettings.Default.TickSeconds;
        var candidates = Hystereses
            .Select(h => (Hysteresis: h, Runs: scenarios.Select(s => BaselineReplay.Run(s, new BangBangController(h), tick, followReference)).ToArray()))
            .ToArray();
        var totals = candidates
            .Select(c => (c.Hysteresis, Total: scenarios.Select((s, i) => s.Windows.Sum(w => RegulationMetrics.Judge(w, s.Trace.Time, c.Runs[i], s.Trace).IseMpa2S)).Sum()))
            .ToArray();
        var best = Array.IndexOf([.. totals.Select(t => t.Total)], totals.Min(t => t.Total));
        return new Tuned(candidates[best].Hysteresis, candidates[best].Runs, totals);
    }

    /// <summary>
    /// The step's trajectory against the least-ISE one (the inlet fully open from the step) as a
    /// Mermaid chart, every 4 ms over the first 250 ms.
    /// </summary>
    private static List<string> Plot(string name, RegulationWindow window, RegulationTrace trace, double[] least)
    {
        var (ms, ours, best) = (new List<string>(), new List<string>(), new List<string>());
        for (var k = 0; k < trace.Count; k += 2)
        {
            var t = trace.Time[k] - window.Start;
            if (t >= 0 && t <= 0.25)
            {
                ms.Add(Suites.F(t * 1000, "0"));
                ours.Add(Suites.F(trace.POutTrue[k], "0.000"));
                best.Add(Suites.F(least[k], "0.000"));
            }
        }

        return
        [
            $"The {name}: the true outlet pressure of our run (first line) and of the least-ISE trajectory from the same state (second line: the inlet fully open from the step; it counts only until it first reaches the target, after which it overshoots because nothing closes it in time).",
            "",
            "```mermaid",
            "xychart-beta",
            $"    title \"{name}\"",
            $"    x-axis \"ms after the step\" [{string.Join(", ", ms)}]",
            "    y-axis \"MPa\" 0 --> 0.6",
            $"    line [{string.Join(", ", ours)}]",
            $"    line [{string.Join(", ", best)}]",
            "```",
        ];
    }

    private static void Dump(ScenarioRun scenario, RegulationWindow window)
    {
        var dir = Environment.GetEnvironmentVariable("REGULATION_TRACE_DIR");
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        var tick = HydroOxygen.Controller.Core.ControllerSettings.Default.TickSeconds;
        var least = BaselineReplay.Run(scenario, null, tick, followReference: false, fullEffortFrom: window.IsStep ? window.Start : double.PositiveInfinity);
        var t = scenario.Trace;
        using var w = new StreamWriter(Path.Combine(dir, window.Name.Replace(' ', '_').Replace("→", "to") + ".csv"));
        w.WriteLine("t,setpoint,reference,pout,least,inlet,vent,spray,source,psrc");
        for (var k = 0; k < t.Count; k++)
        {
            if (t.Time[k] < window.Start - 0.1 || t.Time[k] > window.Start + window.Length)
            {
                continue;
            }

            var o = t.Outputs[k];
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Time[k] - window.Start:F4},{t.Setpoint[k]:F4},{t.Reference[k]:F4},{t.POutTrue[k]:F4},{least[k]:F4},{o.InletOpening:F3},{(o.VentOpen ? 1 : 0)},{(o.SprayOpen ? 1 : 0)},{(o.OxygenSourceOpen ? 1 : 0)},{t.PSrcTrue[k]:F4}"));
        }
    }

    private static double SourceAt(ScenarioRun run, double time)
    {
        var index = run.Trace.Time.FindIndex(t => t >= time);
        return index < 0 ? double.NaN : run.Trace.PSrcTrue[index];
    }

    private static IReadOnlyList<string> Row(string scenario, string controller, RegulationFigures f, RegulationFigures? ours, bool isStep) =>
    [
        scenario,
        controller,
        double.IsNaN(f.RiseS) ? "—" : $"{Suites.F(f.RiseS * 1000, "0")} ms",
        double.IsNaN(f.SettlingS) ? "never" : $"{Suites.F(f.SettlingS * 1000, "0")} ms",
        $"{Suites.F(f.PeakMpa * 1000, "0.0")} kPa",
        $"{Suites.F(f.SteadyMpa * 1000, "0.0")} kPa",
        Suites.F(f.IseMpa2S * 1e6, "0.0"),
        ours is null ? "—" : Suites.F(f.IseMpa2S / ours.IseMpa2S, "0.0"),
        isStep ? Suites.F(f.HeldIseMpa2S * 1e6, "0.0") : "(same)",
        !isStep ? "(same)" : ours is null ? "—" : Suites.F(f.HeldIseMpa2S / ours.HeldIseMpa2S, "0.0"),
    ];

    private sealed record Tuned(double Hysteresis, double[][] Runs, (double Hysteresis, double Total)[] Totals);
}
