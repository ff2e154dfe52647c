using System.Diagnostics;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// Simulated seconds per wall second: the plant alone (stepped at the loop's 2 ms with its own
/// sub-steps, valves working) and the closed loop (plant + control core + simulated HAL).
/// </summary>
internal static class SimulatorSpeed
{
    public static double PlantAlone(double simulatedSeconds)
    {
        var plant = new SprayPlant(PlantParameters.Default, seed: 1);
        plant.SetCoil(PlantCoil.OxygenSourceValve, true);
        plant.SetCoil(PlantCoil.VentValve, true);
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.SetInletDuty(0.2);
        Warm(plant, 5.0);

        var start = plant.Time;
        var watch = Stopwatch.StartNew();
        var tick = 0.002;
        var spray = false;
        for (var t = start + tick; t <= start + simulatedSeconds + 1e-9; t += tick)
        {
            // A spray burst every 10 s keeps the hose, nozzle and liquid paths busy too.
            var shouldSpray = (t % 10.0) < 5.0;
            if (shouldSpray != spray)
            {
                spray = shouldSpray;
                plant.SetCoil(PlantCoil.SprayValve, spray);
            }

            plant.AdvanceTo(t);
            _ = plant.SampleSensorVolts(SensorChannel.POut);
        }

        watch.Stop();
        return simulatedSeconds / watch.Elapsed.TotalSeconds;
    }

    public static double ClosedLoop(double simulatedSeconds)
    {
        var runner = new SimulationRunner(ControllerSettings.Default with { StartupProgram = "acne" }, PlantParameters.Default, seed: 1);
        runner.PowerSwitch(true);
        runner.RunUntil(5.0);
        var watch = Stopwatch.StartNew();
        var end = runner.Time + simulatedSeconds;
        while (runner.Time < end)
        {
            runner.Pedal(true);
            runner.RunUntil(Math.Min(end, runner.Time + 5.0));
            runner.Pedal(false);
            runner.RunUntil(Math.Min(end, runner.Time + 10.0));
            while (runner.Events.TryRead(out _))
            {
            }
        }

        watch.Stop();
        return simulatedSeconds / watch.Elapsed.TotalSeconds;
    }

    private static void Warm(SprayPlant plant, double seconds) => plant.AdvanceTo(plant.Time + seconds);
}
