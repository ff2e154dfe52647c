using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The standard regulation scenarios, run by the unmodified controller on the simulated plant in
/// virtual time (<see cref="SimulationRunner"/>), recording what the baseline needs to replay.
/// </summary>
internal static class RegulationScenarios
{
    private const int Seed = 11;
    private const double SettleWindowS = 1.5;

    /// <summary>
    /// A cylinder nearly empty: its regulator still gives 0.75 MPa when the session starts, but the
    /// cylinder pressure falls below that as gas is drawn, so the source sags while spraying.
    /// </summary>
    public static PlantParameters SaggingCylinder { get; } = PlantParameters.Default with { CylinderFullMpa = 0.9, CylinderContentsL = 6.0 };

    public static IReadOnlyList<ScenarioRun> RunAll() =>
    [
        PowerOnStep(),
        SetpointChanges(),
        SprayBursts(),
        SourceSag(),
    ];

    private static ScenarioRun PowerOnStep()
    {
        var (runner, trace) = Start("acne", PlantParameters.Default);
        RunUntil(runner, trace, s => s.State == DeviceState.Pressurizing, 5.0);
        var start = runner.Time;
        RunFor(runner, trace, SettleWindowS + 0.2);
        return new ScenarioRun("Step 0 → 0.45 MPa (power-on fill)", "default", PlantParameters.Default, Seed, trace,
            [new RegulationWindow("0 → 0.45", start, SettleWindowS, 0.0, 0.45, IsStep: true)]);
    }

    private static ScenarioRun SetpointChanges()
    {
        var (runner, trace) = Start("custom", PlantParameters.Default);
        ReadyAndCharged(runner, trace);
        Command(runner, trace, 0.30);
        RunFor(runner, trace, 4.0);
        var up = Command(runner, trace, 0.60);
        RunFor(runner, trace, 3.0);
        var down = Command(runner, trace, 0.30);
        RunFor(runner, trace, 4.0);
        return new ScenarioRun("Setpoint changes 0.3 ↔ 0.6 MPa", "default", PlantParameters.Default, Seed, trace,
        [
            new RegulationWindow("0.3 → 0.6", up, 2.0, 0.30, 0.60, IsStep: true),
            new RegulationWindow("0.6 → 0.3", down, 3.0, 0.60, 0.30, IsStep: true),
        ]);
    }

    private static ScenarioRun SprayBursts()
    {
        var (runner, trace) = Start("acne", PlantParameters.Default);
        ReadyAndCharged(runner, trace);
        var start = runner.Time;
        for (var burst = 0; burst < 5; burst++)
        {
            runner.Pedal(true);
            RunFor(runner, trace, 1.0);
            runner.Pedal(false);
            RunFor(runner, trace, 1.0);
        }

        RunFor(runner, trace, 4.0);
        return new ScenarioRun("Spray bursts at 0.45 MPa (5 × 1 s on / 1 s off)", "default", PlantParameters.Default, Seed, trace,
            [new RegulationWindow("5 bursts", start, 14.0, 0.45, 0.45, IsStep: false)]);
    }

    private static ScenarioRun SourceSag()
    {
        var (runner, trace) = Start("acne", SaggingCylinder);
        ReadyAndCharged(runner, trace);
        var start = runner.Time;
        runner.Pedal(true);
        RunFor(runner, trace, 6.0);
        runner.Pedal(false);
        RunFor(runner, trace, 3.0);
        return new ScenarioRun("Source sag while spraying at 0.45 MPa (cylinder running out)", "sagging cylinder", SaggingCylinder, Seed, trace,
            [new RegulationWindow("6 s spray, P_src sagging", start, 8.0, 0.45, 0.45, IsStep: false)]);
    }

    private static (SimulationRunner Runner, RegulationTrace Trace) Start(string program, PlantParameters plant)
    {
        var settings = ControllerSettings.Default with { StartupProgram = program, StartupGasSource = GasSource.Oxygen };
        var runner = new SimulationRunner(settings, plant, Seed);
        runner.PowerSwitch(true);
        return (runner, new RegulationTrace());
    }

    private static void ReadyAndCharged(SimulationRunner runner, RegulationTrace trace)
    {
        RunUntil(runner, trace, s => s.State == DeviceState.Ready && s.PBottleTrueMpa >= s.SetpointMpa - 0.05, 30.0);
        RunFor(runner, trace, 1.0);
    }

    /// <summary>Queues a setpoint; returns the time of the tick that applies it.</summary>
    private static double Command(SimulationRunner runner, RegulationTrace trace, double setpoint)
    {
        if (!runner.Command(ControlCommand.SetSetpoint(setpoint)))
        {
            throw new InvalidOperationException("the command queue refused a setpoint");
        }

        Tick(runner, trace);
        if (Math.Abs(runner.Core.Status.SetpointMpa - setpoint) > 1e-9)
        {
            throw new InvalidOperationException($"the controller did not take the setpoint {setpoint} (state {runner.Core.State})");
        }

        return runner.Time;
    }

    private static void RunUntil(SimulationRunner runner, RegulationTrace trace, Func<TraceSample, bool> reached, double limitS)
    {
        var deadline = runner.Time + limitS;
        while (runner.Time < deadline)
        {
            if (reached(Tick(runner, trace)))
            {
                return;
            }
        }

        var status = runner.Core.Status;
        var events = new List<string>();
        while (runner.Events.TryRead(out var e))
        {
            events.Add(e.ToString());
        }

        // What led there: the last events and the last 0.2 s of the trace.
        Console.Error.WriteLine(string.Join("\n", events.TakeLast(3)));
        for (var k = Math.Max(0, trace.Count - 100); k < trace.Count; k++)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{trace.Time[k]:F3} s: setpoint {trace.Setpoint[k]:F3}, reference {trace.Reference[k]:F4}, P_out {trace.POutTrue[k]:F4}, P_src {trace.PSrcTrue[k]:F4}, inlet {trace.Outputs[k].InletOpening:F3}, vent {trace.Outputs[k].VentOpen}"));
        }
        throw new InvalidOperationException(
            $"a scenario did not reach its condition within {limitS} s (state {status.State}, setpoint {status.SetpointMpa:0.000} MPa, P_out {status.POutMpa:0.000}, P_bottle {status.PBottleMpa:0.000}, P_src {status.PSrcMpa:0.000})");
    }

    private static void RunFor(SimulationRunner runner, RegulationTrace trace, double seconds)
    {
        var end = runner.Time + seconds;
        while (runner.Time + (runner.TickSeconds / 2) < end)
        {
            _ = Tick(runner, trace);
        }
    }

    private static TraceSample Tick(SimulationRunner runner, RegulationTrace trace)
    {
        var sample = runner.Tick();
        trace.Time.Add(sample.TimeS);
        trace.Outputs.Add(runner.LastOutputs);
        trace.Setpoint.Add(sample.SetpointMpa);
        trace.Reference.Add(sample.ReferenceMpa);
        trace.Regulating.Add(RegulationTrace.IsRegulating(sample.State));
        trace.POutTrue.Add(sample.POutTrueMpa);
        trace.PSrcTrue.Add(sample.PSrcTrueMpa);
        return sample;
    }
}
