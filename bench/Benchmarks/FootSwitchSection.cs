using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// Foot-switch latency on the simulated device: from the technician's pedal edge to the spray-valve
/// command, to the valve physically open (closed), and to mist at the nozzle (no mist), for many
/// presses and releases at random moments relative to the loop's ticks.
/// </summary>
/// <remarks>
/// The pedal edge is placed between ticks by advancing the plant to a random sub-step of the tick
/// before pressing (the plant integrates in 0.25 ms steps, so the phase has 8 positions per 2 ms
/// tick); the plant is then stepped one sub-step at a time up to each tick, so that the valve and
/// the mist are timed to 0.25 ms, not to the tick. The physics are the same sub-steps the runner
/// would take. The command is timed at the tick that wrote it.
/// </remarks>
internal static class FootSwitchSection
{
    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Foot-switch latency", options.Command);
        var settings = ControllerSettings.Default with { StartupProgram = "acne", StartupGasSource = GasSource.Oxygen };
        var runner = new SimulationRunner(settings, PlantParameters.Default, seed: 5);
        runner.PowerSwitch(true);
        while (!(runner.Core.State == DeviceState.Ready && runner.Plant.PBottleMpa > 0.40) && runner.Time < 30.0)
        {
            _ = runner.Tick();
        }

        var random = new Random(2026);
        var press = new Edges();
        var release = new Edges();
        for (var i = 0; i < options.Presses; i++)
        {
            Idle(runner, 0.3 + (0.3 * random.NextDouble()));
            Measure(runner, random, down: true, press);
            Idle(runner, 0.4 + (0.2 * random.NextDouble()));
            Measure(runner, random, down: false, release);
            Drain(runner);
        }

        if (runner.Core.State != DeviceState.Ready)
        {
            throw new InvalidOperationException($"the device ended the foot-switch run in {runner.Core.State}");
        }

        section.Line(
            $"{options.Presses} presses and releases on the simulated device at 0.45 MPa (acne program), each at a random moment: a random 0.3–0.6 s after the last, at a random 0.25 ms sub-step within the 2 ms tick. " +
            $"Spray held 0.4–0.6 s each time. The debounce is {settings.Safety.PedalDebounceS * 1000:0} ms (DESIGN §2.4: debounced press, no delay on release); the spray valve opens {PlantParameters.Default.SolenoidOnDelayMs:0} ms and closes {PlantParameters.Default.SolenoidOffDelayMs:0} ms after its coil changes (plant parameters). " +
            "Mist is the plant's \"gas and liquid both leaving the nozzle\". Times in ms from the pedal edge; valve and mist to 0.25 ms, the command to the tick that wrote it.");
        section.Line();
        section.Table(
            ["Edge", "To", "Min", "Median", "p99", "Max"],
            [
                Row("press", "spray-valve command", press.Command),
                Row("press", "spray valve open", press.Valve),
                Row("press", "mist at the nozzle", press.Mist),
                Row("release", "spray-valve command off", release.Command),
                Row("release", "spray valve closed", release.Valve),
                Row("release", "mist stops", release.Mist),
            ]);
        section.Headline(
            $"Foot switch ({options.Presses} presses, random phase): press → valve command {Suites.F(Stats.Median(press.Command), "0.0")} ms median / {Suites.F(Stats.Percentile(Stats.Sorted(press.Command), 0.99), "0.0")} ms p99, → mist {Suites.F(Stats.Median(press.Mist), "0.0")} ms median; " +
            $"release → command off {Suites.F(Stats.Median(release.Command), "0.0")} ms median / {Suites.F(Stats.Percentile(Stats.Sorted(release.Command), 0.99), "0.0")} ms p99, → mist stops {Suites.F(Stats.Median(release.Mist), "0.0")} ms median.");
        return section;
    }

    private static IReadOnlyList<string> Row(string edge, string to, List<double> values)
    {
        var sorted = Stats.Sorted(values);
        return [edge, to, Suites.F(sorted[0], "0.00"), Suites.F(Stats.Percentile(sorted, 0.5), "0.00"), Suites.F(Stats.Percentile(sorted, 0.99), "0.00"), Suites.F(sorted[^1], "0.00")];
    }

    private static void Idle(SimulationRunner runner, double seconds)
    {
        var end = runner.Time + seconds;
        while (runner.Time < end)
        {
            _ = runner.Tick();
        }
    }

    private static void Drain(SimulationRunner runner)
    {
        while (runner.Events.TryRead(out _))
        {
        }
    }

    private static void Measure(SimulationRunner runner, Random random, bool down, Edges edges)
    {
        var plant = runner.Plant;
        var phase = random.Next(8) * plant.StepSeconds;
        plant.AdvanceTo(runner.Time + phase);
        plant.FootSwitch.Press(down, plant.Time);
        var edge = plant.Time;
        double command = double.NaN, valve = double.NaN, mist = double.NaN;
        var limit = edge + 1.0;
        while ((double.IsNaN(command) || double.IsNaN(valve) || double.IsNaN(mist)) && runner.Time < limit)
        {
            // Step the plant through this tick's sub-steps ourselves, watching the valve and the mist.
            var nextTick = runner.Time + runner.TickSeconds;
            while (plant.Time + (plant.StepSeconds / 2) < nextTick)
            {
                plant.Step();
                var truth = plant.Snapshot();
                if (double.IsNaN(valve) && truth.SprayOpen == down)
                {
                    valve = plant.Time;
                }

                if (double.IsNaN(mist) && truth.Mist == down)
                {
                    mist = plant.Time;
                }
            }

            var sample = runner.Tick();
            if (double.IsNaN(command) && sample.SprayOpen == down)
            {
                command = sample.TimeS;
            }
        }

        if (double.IsNaN(command) || double.IsNaN(valve) || double.IsNaN(mist))
        {
            throw new InvalidOperationException($"a {(down ? "press" : "release")} at {edge:0.000} s was not followed by command, valve and mist within 1 s (state {runner.Core.State})");
        }

        edges.Command.Add((command - edge) * 1000);
        edges.Valve.Add((valve - edge) * 1000);
        edges.Mist.Add((mist - edge) * 1000);
    }

    private sealed class Edges
    {
        public List<double> Command { get; } = [];
        public List<double> Valve { get; } = [];
        public List<double> Mist { get; } = [];
    }
}
