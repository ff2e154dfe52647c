using System.Diagnostics;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// Simulated seconds per wall second and per CPU second of the thread: the plant alone (stepped at
/// the loop's 2 ms, valves working) and the closed loop (plant + control core + simulated HAL).
/// </summary>
/// <remarks>
/// The thread's CPU time is what a shared machine's load disturbs least: a run that is descheduled
/// loses wall time, not CPU time. Both are reported; the targets are in real (wall) time on a quiet machine.
/// </remarks>
internal static class SimulatorSpeed
{
    private const double Tick = 0.002;

    public static Speed PlantAlone(double simulatedSeconds, PlantParameters? parameters = null)
    {
        var plant = new SprayPlant(parameters ?? PlantParameters.Default, seed: 1);
        plant.SetCoil(PlantCoil.OxygenSourceValve, true);
        plant.SetCoil(PlantCoil.VentValve, true);
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.SetInletDuty(0.2);
        plant.AdvanceTo(plant.Time + 5.0);

        var start = plant.Time;
        var meter = Meter.Start();
        var spray = false;
        for (var t = start + Tick; t <= start + simulatedSeconds + 1e-9; t += Tick)
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

        return meter.Stop(simulatedSeconds);
    }

    public static Speed ClosedLoop(double simulatedSeconds, PlantParameters? parameters = null) =>
        ClosedLoop(simulatedSeconds, parameters, record: null);

    /// <summary>
    /// Where a closed-loop tick's time goes, all on the same workload in one run: the whole tick;
    /// the control step alone, replayed on the inputs the loop read; the plant alone, given the
    /// outputs the loop wrote. The rest is the simulated devices (ADCs, coils, switches) and the glue.
    /// </summary>
    public static Breakdown TickBreakdown(double simulatedSeconds)
    {
        var settings = LoopSettings;
        var ticks = (int)Math.Ceiling(simulatedSeconds / Tick) + 2;
        var recording = new Recording(ticks);
        _ = ClosedLoop(simulatedSeconds, null, recording);
        var loop = ClosedLoop(simulatedSeconds);

        var core = new SprayController(settings, new EventRing(4096));
        foreach (var inputs in recording.Inputs.AsSpan(0, recording.Warm))
        {
            _ = core.Step(in inputs, []);
        }

        var meter = Meter.Start();
        for (var i = recording.Warm; i < recording.Count; i++)
        {
            _ = core.Step(in recording.Inputs[i], []);
        }

        var step = meter.Stop(simulatedSeconds);

        var plant = new SprayPlant(PlantParameters.Default, seed: 1);
        for (var i = 0; i < recording.Warm; i++)
        {
            Drive(plant, in recording.Outputs[i], recording.Pedal[i], i);
        }

        meter = Meter.Start();
        for (var i = recording.Warm; i < recording.Count; i++)
        {
            Drive(plant, in recording.Outputs[i], recording.Pedal[i], i);
        }

        var alone = meter.Stop(simulatedSeconds);
        return new Breakdown(loop, step, alone);
    }

    private static ControllerSettings LoopSettings => ControllerSettings.Default with { StartupProgram = "acne" };

    private static Speed ClosedLoop(double simulatedSeconds, PlantParameters? parameters, Recording? record)
    {
        var runner = new SimulationRunner(LoopSettings, parameters ?? PlantParameters.Default, seed: 1);
        runner.PowerSwitch(true);
        Run(runner, 5.0, record);
        record?.MarkWarm();
        var meter = Meter.Start();
        var end = runner.Time + simulatedSeconds;
        while (runner.Time < end)
        {
            runner.Pedal(true);
            Run(runner, Math.Min(end, runner.Time + 5.0), record);
            runner.Pedal(false);
            Run(runner, Math.Min(end, runner.Time + 10.0), record);
            while (runner.Events.TryRead(out _))
            {
            }
        }

        return meter.Stop(simulatedSeconds);
    }

    private static void Run(SimulationRunner runner, double until, Recording? record)
    {
        if (record is null)
        {
            runner.RunUntil(until);
            return;
        }

        runner.RunUntil(until, _ => record.Add(runner.Cycle.LastInputs, runner.LastOutputs, runner.Plant.FootSwitch.Pressed));
    }

    /// <summary>Tick <paramref name="index"/> of the loop, as the plant saw it: pedal, time, the conversions read, the outputs.</summary>
    private static void Drive(SprayPlant plant, in ControlOutputs outputs, bool pedal, int index)
    {
        plant.FootSwitch.Press(pedal, plant.Time);
        plant.AdvanceTo((index + 1) * Tick);

        // About one new conversion per tick on each converter (860 samples/s, the second one shared).
        _ = plant.SampleSensorVolts(SensorChannel.POut);
        _ = plant.SampleSensorVolts(index % 2 == 0 ? SensorChannel.PBottle : SensorChannel.PSrc);
        plant.SetCoil(PlantCoil.SprayValve, outputs.SprayOpen);
        plant.SetCoil(PlantCoil.OxygenSourceValve, outputs.OxygenSourceOpen);
        plant.SetCoil(PlantCoil.CompressorSourceValve, outputs.CompressorSourceOpen);
        plant.SetInletDuty(outputs.InletOpening);
        plant.SetCoil(PlantCoil.ChargeValve, outputs.ChargeOpen);
        plant.SetCoil(PlantCoil.VentValve, !outputs.VentOpen);
        plant.SetCoil(PlantCoil.Compressor, outputs.CompressorOn);
    }

    /// <summary>Simulated, wall and thread CPU seconds of one run.</summary>
    public readonly record struct Speed(double SimulatedSeconds, double WallSeconds, double CpuSeconds)
    {
        public double WallRealTime => SimulatedSeconds / WallSeconds;
        public double CpuRealTime => SimulatedSeconds / CpuSeconds;

        /// <summary>Thread CPU time per 2 ms tick, ns.</summary>
        public double CpuNsPerTick => CpuSeconds / (SimulatedSeconds / Tick) * 1e9;
    }

    public readonly record struct Breakdown(Speed Loop, Speed ControlStep, Speed Plant)
    {
        public double RestNsPerTick => Loop.CpuNsPerTick - ControlStep.CpuNsPerTick - Plant.CpuNsPerTick;
    }

    private readonly struct Meter
    {
        private readonly long _wall;
        private readonly double _cpu;

        private Meter(long wall, double cpu)
        {
            _wall = wall;
            _cpu = cpu;
        }

        public static Meter Start() => new(Stopwatch.GetTimestamp(), NativeThread.CurrentThreadCpuSeconds());

        public Speed Stop(double simulatedSeconds) =>
            new(simulatedSeconds, Stopwatch.GetElapsedTime(_wall).TotalSeconds, NativeThread.CurrentThreadCpuSeconds() - _cpu);
    }

    private sealed class Recording(int capacity)
    {
        public ControlInputs[] Inputs { get; } = new ControlInputs[capacity];
        public ControlOutputs[] Outputs { get; } = new ControlOutputs[capacity];
        public bool[] Pedal { get; } = new bool[capacity];
        public int Count { get; private set; }
        public int Warm { get; private set; }

        public void MarkWarm() => Warm = Count;

        public void Add(in ControlInputs inputs, in ControlOutputs outputs, bool pedal)
        {
            if (Count == Inputs.Length)
            {
                return;
            }

            Inputs[Count] = inputs;
            Outputs[Count] = outputs;
            Pedal[Count] = pedal;
            Count++;
        }
    }
}
