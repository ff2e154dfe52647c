using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Startup;

/// <summary>
/// Runs the control step through a short simulated session before the real loop starts, so that
/// the JIT has compiled (and tiered up) the tick's code paths before the first tick that counts.
/// The real board is not touched.
/// </summary>
public static class LoopWarmUp
{
    public static void Run(ControllerSettings settings, double simulatedSeconds = 6.0)
    {
        var runner = new SimulationRunner(settings, PlantParameters.Default, seed: 0);
        runner.PowerSwitch(true);
        runner.RunUntil(simulatedSeconds * 0.6);
        runner.Pedal(true);
        runner.RunUntil(simulatedSeconds * 0.8);
        runner.Pedal(false);
        runner.RunUntil(simulatedSeconds);
        while (runner.Events.TryRead(out _))
        {
        }
    }
}
