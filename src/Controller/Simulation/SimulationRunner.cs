using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Loop;
using HydroOxygen.Simulator;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Simulation;

/// <summary>
/// The unmodified controller against the simulated plant in virtual time: each tick advances the
/// virtual clock by exactly one loop period and runs the same <see cref="ControlCycle"/> the
/// real-time loop runs. Testers' actions go through the same queues as in a live session.
/// </summary>
public sealed class SimulationRunner
{
    private readonly TimeSpan _period;
    private long _ticks;

    public SimulationRunner(
        ControllerSettings settings,
        PlantParameters plant,
        int seed = 0,
        CalibrationSet? calibration = null,
        SimulatedBackend backend = SimulatedBackend.Models)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plant);
        Settings = settings;
        Clock = new VirtualClock();
        Board = backend == SimulatedBackend.Drivers
            ? DriverStackBoard.Create(plant, seed, Clock)
            : SimulatedBoard.Create(plant, seed, Clock);
        Events = new EventRing(4096);
        Core = new SprayController(settings, Events);
        Commands = new CommandQueue();
        Cycle = new ControlCycle(Board, Core, Commands, calibration ?? CalibrationSet.Factory);
        _period = TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond / settings.LoopRateHz));
    }

    public ControllerSettings Settings { get; }
    public VirtualClock Clock { get; }
    public ISimulatedDevice Board { get; }
    public SprayPlant Plant => Board.Plant;
    public SprayController Core { get; }
    public CommandQueue Commands { get; }
    public EventRing Events { get; }
    public ControlCycle Cycle { get; }

    /// <summary>Virtual time of the last tick, seconds.</summary>
    public double Time => Clock.Elapsed.TotalSeconds;

    public double TickSeconds => _period.TotalSeconds;

    public long Ticks => _ticks;

    public ControlOutputs LastOutputs { get; private set; } = ControlOutputs.Safe;

    /// <summary>Runs one loop period and returns its trace row.</summary>
    public TraceSample Tick()
    {
        Step();
        return Sample();
    }

    /// <summary>Ticks until the virtual clock reaches <paramref name="time"/> seconds, handing every row to <paramref name="onSample"/>.</summary>
    public void RunUntil(double time, Action<TraceSample>? onSample = null)
    {
        while (Time + (TickSeconds / 2) < time)
        {
            Step();

            // A row is a snapshot of everything: only built for someone who wants it.
            onSample?.Invoke(Sample());
        }
    }

    /// <summary>One loop period: the virtual clock moves on and the control cycle runs.</summary>
    private void Step()
    {
        Clock.Advance(_period);
        _ticks++;
        LastOutputs = Cycle.Run(Clock.GetTimestamp(), Clock.Elapsed.TotalSeconds, consecutiveOverruns: 0);
    }

    /// <summary>
    /// The <c>loop_stall</c> fault: the loop does not run for <paramref name="seconds"/> while the plant
    /// carries on with the outputs as they were last written — what a frozen process does.
    /// </summary>
    public void Stall(double seconds)
    {
        if (!(seconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A stall lasts a positive time.");
        }

        Clock.Advance(TimeSpan.FromSeconds(seconds));
    }

    public void PowerSwitch(bool on) => Board.Post(PlantCommand.PowerSwitch(on));

    public void Pedal(bool down) => Board.Post(PlantCommand.Pedal(down));

    public void Inject(FaultSpec fault)
    {
        if (fault.Kind == FaultKind.LoopStall)
        {
            Stall(fault.Value);
            return;
        }

        Board.Post(PlantCommand.Inject(fault));
    }

    public void Clear(FaultKind kind, FaultTarget target = FaultTarget.None)
    {
        if (kind != FaultKind.LoopStall)
        {
            Board.Post(PlantCommand.Clear(kind, target));
        }
    }

    /// <summary>Queues a command for the next tick; false if it was refused by the queue.</summary>
    public bool Command(ControlCommand command) => Commands.TryPost(command);

    /// <summary>The trace row for the state after the last tick.</summary>
    public TraceSample Sample()
    {
        ref readonly var status = ref Core.Status;
        var plant = Plant;
        var truth = plant.Snapshot();
        var outputs = status.Outputs;
        return new TraceSample
        {
            TimeS = status.Time,
            State = status.State,
            ProgramIndex = status.ProgramIndex,
            GasSource = status.GasSource,
            SetpointMpa = status.SetpointMpa,
            ReferenceMpa = status.ReferenceMpa,
            POutMpa = status.POutMpa,
            PBottleMpa = status.PBottleMpa,
            PSrcMpa = status.PSrcMpa,
            POutTrueMpa = truth.POutMpa,
            PBottleTrueMpa = truth.PBottleMpa,
            PSrcTrueMpa = truth.PSrcMpa,
            PHoseTrueMpa = truth.PHoseMpa,
            InletDuty = outputs.InletOpening,
            VentOpen = outputs.VentOpen,
            SourceOpen = outputs.SourceOpen,
            ChargeOpen = outputs.ChargeOpen,
            SprayOpen = outputs.SprayOpen,
            CompressorOn = outputs.CompressorOn,
            Pedal = truth.FootSwitchPressed,
            PedalSeen = status.FootSwitchPressed,
            SprayValveOpenTrue = truth.SprayOpen,
            Mist = truth.Mist,
            LiquidMl = truth.LiquidMl,
            NozzleFlowLpm = truth.NozzleFlowLpm,
            DemandLpm = status.DemandLpm,
            Alarms = TraceSample.AlarmBits(status.Alarms),
            PlanStep = status.Plan.StepNumber,
            RegionIndex = status.Plan.Region,
        };
    }
}
