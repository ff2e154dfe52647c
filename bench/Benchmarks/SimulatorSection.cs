using System.Globalization;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Benchmarks;

/// <summary>Simulator speed (<see cref="SimulatorSpeed"/>) at several session lengths, and where a closed-loop tick's time goes.</summary>
internal static class SimulatorSection
{
    /// <summary>The plant integrating every 0.25 ms sub-step on its own: its arithmetic before the longer steps (trace-identical to it).</summary>
    private static readonly PlantParameters EverySubStep = PlantParameters.Default with { MaxIntegrationStepMs = PlantParameters.Default.IntegrationStepMs };

    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Simulator speed", options.Command);

        // JIT and tiering out of the way before anything is timed.
        _ = SimulatorSpeed.PlantAlone(20.0);
        _ = SimulatorSpeed.ClosedLoop(20.0);
        _ = SimulatorSpeed.PlantAlone(20.0, EverySubStep);
        _ = SimulatorSpeed.ClosedLoop(20.0, EverySubStep);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var minutes in options.SessionMinutes)
        {
            var plant = SimulatorSpeed.PlantAlone(minutes * 60);
            var loop = SimulatorSpeed.ClosedLoop(minutes * 60);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {minutes,4} min session: plant alone {plant.WallRealTime,7:F0} x real time ({plant.CpuRealTime:F0} per CPU s), closed loop {loop.WallRealTime,6:F0} x ({loop.CpuRealTime:F0} per CPU s)"));
            rows.Add(
            [
                $"{Suites.F(minutes, "0.#")} min",
                Suites.F(plant.WallRealTime, "0"),
                Suites.F(plant.CpuRealTime, "0"),
                Suites.F(plant.WallSeconds, "0.00") + " s",
                Suites.F(loop.WallRealTime, "0"),
                Suites.F(loop.CpuRealTime, "0"),
                Suites.F(loop.WallSeconds, "0.00") + " s",
            ]);
            section.Headline(
                $"Simulator, {Suites.F(minutes, "0.#")} min session: plant alone {Suites.F(plant.WallRealTime, "0")}× real time, closed loop {Suites.F(loop.WallRealTime, "0")}× " +
                $"({Suites.F(loop.WallSeconds, "0.0")} s of wall time; per CPU second of the thread {Suites.F(plant.CpuRealTime, "0")}× and {Suites.F(loop.CpuRealTime, "0")}×).");
        }

        section.Line(
            "Simulated seconds per second, one thread (`bench/Benchmarks/SimulatorSpeed.cs`), per wall-clock second and per CPU second of the thread (what the machine's other load disturbs least). " +
            "**Plant alone**: `SprayPlant` advanced to each 2 ms tick of the loop, the valves working and a spray burst every 10 s. " +
            "**Closed loop**: the whole controller against the plant in virtual time (`SimulationRunner`: simulated board and ADCs, control step, 5 s spray / 10 s pause cycles), as `simulate` runs a scenario. " +
            $"The plant integrates the gas in steps of up to {Suites.F(PlantParameters.Default.MaxIntegrationStepMs, "0.##")} ms (`MaxIntegrationStepMs`), valves moving on its {Suites.F(PlantParameters.Default.IntegrationStepMs, "0.##")} ms sub-step grid. " +
            "Longer sessions show whether the speed holds (nothing grows with the session).");
        section.Line();
        section.Table(["Session", "Plant alone (× real time)", "per CPU s", "Plant alone, wall time", "Closed loop (× real time)", "per CPU s", "Closed loop, wall time"], rows);

        var compareS = Math.Min(600.0, options.SessionMinutes.Max() * 60);
        var plantAfter = SimulatorSpeed.PlantAlone(compareS);
        var plantBefore = SimulatorSpeed.PlantAlone(compareS, EverySubStep);
        var loopAfter = SimulatorSpeed.ClosedLoop(compareS);
        var loopBefore = SimulatorSpeed.ClosedLoop(compareS, EverySubStep);
        section.Line(
            $"The same, {Suites.F(compareS / 60, "0.#")} min sessions in this run, against the plant integrating each {Suites.F(PlantParameters.Default.IntegrationStepMs, "0.##")} ms sub-step on its own " +
            $"(`MaxIntegrationStepMs` {Suites.F(EverySubStep.MaxIntegrationStepMs, "0.##")}: the integration as it was before, every scenario's trace identical to it byte for byte). Per CPU second of the thread:");
        section.Line();
        section.Table(
            ["Run", $"{Suites.F(EverySubStep.MaxIntegrationStepMs, "0.##")} ms steps (× real time)", $"up to {Suites.F(PlantParameters.Default.MaxIntegrationStepMs, "0.##")} ms steps", "ratio"],
            [
                ["plant alone", Suites.F(plantBefore.CpuRealTime, "0"), Suites.F(plantAfter.CpuRealTime, "0"), Suites.F(plantAfter.CpuRealTime / plantBefore.CpuRealTime, "0.0") + "×"],
                ["closed loop", Suites.F(loopBefore.CpuRealTime, "0"), Suites.F(loopAfter.CpuRealTime, "0"), Suites.F(loopAfter.CpuRealTime / loopBefore.CpuRealTime, "0.0") + "×"],
            ]);

        var breakdownS = Math.Min(300.0, options.SessionMinutes.Max() * 60);
        var parts = SimulatorSpeed.TickBreakdown(breakdownS);
        var whole = parts.Loop.CpuNsPerTick;
        string Share(double ns) => Suites.F(ns / whole * 100, "0") + " %";
        section.Line(
            $"Where a closed-loop tick's time goes ({Suites.F(breakdownS / 60, "0.#")} min session, thread CPU time per 2 ms tick, all on the same workload in this run): the whole tick; " +
            "the control step alone, replayed on the inputs the loop read (`SprayController.Step`, not part of the simulator); the plant alone, given the outputs the loop wrote; " +
            "the rest is the simulated devices (ADC channels, coils, switches), `ControlCycle` and `SimulationRunner`.");
        section.Line();
        section.Table(
            ["Part", "ns per tick", "share"],
            [
                ["whole closed-loop tick", Suites.F(whole, "0"), "100 %"],
                ["control step (`SprayController.Step`)", Suites.F(parts.ControlStep.CpuNsPerTick, "0"), Share(parts.ControlStep.CpuNsPerTick)],
                ["plant (`SprayPlant`)", Suites.F(parts.Plant.CpuNsPerTick, "0"), Share(parts.Plant.CpuNsPerTick)],
                ["devices and glue (the rest)", Suites.F(parts.RestNsPerTick, "0"), Share(parts.RestNsPerTick)],
            ]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  tick: whole {whole:F0} ns, control step {parts.ControlStep.CpuNsPerTick:F0}, plant {parts.Plant.CpuNsPerTick:F0}, rest {parts.RestNsPerTick:F0}; every sub-step: plant {plantBefore.CpuRealTime:F0}x loop {loopBefore.CpuRealTime:F0}x"));
        return section;
    }
}
