using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>Simulator speed (<see cref="SimulatorSpeed"/>) at several session lengths.</summary>
internal static class SimulatorSection
{
    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Simulator speed", options.Command);

        // JIT and tiering out of the way before anything is timed.
        _ = SimulatorSpeed.PlantAlone(20.0);
        _ = SimulatorSpeed.ClosedLoop(20.0);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var minutes in options.SessionMinutes)
        {
            var plant = SimulatorSpeed.PlantAlone(minutes * 60);
            var loop = SimulatorSpeed.ClosedLoop(minutes * 60);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {minutes,4} min session: plant alone {plant,7:F0} simulated s / wall s, closed loop {loop,6:F0}"));
            rows.Add(
            [
                $"{Suites.F(minutes, "0.#")} min",
                Suites.F(plant, "0"),
                Suites.F(minutes * 60 / plant, "0.00") + " s",
                Suites.F(loop, "0"),
                Suites.F(minutes * 60 / loop, "0.00") + " s",
            ]);
            section.Headline($"Simulator, {Suites.F(minutes, "0.#")} min session: plant alone {Suites.F(plant, "0")}× real time, closed loop {Suites.F(loop, "0")}× ({Suites.F(minutes * 60 / loop, "0.0")} s of wall time).");
        }

        section.Line(
            "Simulated seconds per wall-clock second, one thread (`bench/Benchmarks/SimulatorSpeed.cs`). **Plant alone**: `SprayPlant` stepped at the loop's 2 ms with its own 0.25 ms sub-steps, " +
            "the valves working and a spray burst every 10 s. **Closed loop**: the whole controller against the plant in virtual time (`SimulationRunner`: simulated board and ADCs, control step, " +
            "5 s spray / 10 s pause cycles), as `simulate` runs a scenario. Longer sessions show whether the speed holds (nothing grows with the session).");
        section.Line();
        section.Table(["Session", "Plant alone (× real time)", "Plant alone, wall time", "Closed loop (× real time)", "Closed loop, wall time"], rows);
        return section;
    }
}
