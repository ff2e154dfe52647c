using HydroOxygen.Controller.Core;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The control core: one deterministic step per tick over plain data (DESIGN §2.2), composed of
/// small units in the device's terms. It performs no I/O, reads no clock and allocates nothing
/// after construction; events worth logging go into a lock-free ring that a background reader drains.
/// </summary>
/// <remarks>
/// A tick: the foot switch and the transducer checks take the inputs; the queued commands and the
/// power switch are applied; the safety supervisor judges every alarm; a latched alarm that forces
/// the safe state wins; the state sequencing decides the outputs or a setpoint, which the gas
/// delivery and the regulator on P_out then hold; then the valve timing, the stored-pressure
/// notice, the session tally and the status follow what was decided. Safety is ordered before function.
/// </remarks>
public sealed class SprayController
{
    private readonly ControllerSettings _settings;
    private readonly TreatmentSelection _selection;
    private readonly RegulatorSettingsHandOff _tuning;
    private readonly ServiceSequencer _service = new();
    private readonly ValveTiming _valves = new();
    private readonly TransducerChecks _transducers;
    private readonly GasDelivery _delivery;
    private readonly PressureRegulator _regulator = new();
    private ChargeCloseHold _chargeHold;
    private readonly SafetySupervisor _supervisor;
    private readonly StateSequencer _sequencer;
    private readonly CommandHandler _commands;
    private readonly PowerSwitch _powerSwitch = new();
    private readonly StoredPressureNotice _storedPressure;
    private readonly TreatmentSession _session;
    private readonly PlanFollower _plan;
    private readonly UsageMeter _usage;
    private readonly DayRoutines _daily = new();
    private double _lastTime = double.NaN;
    private long _ticks;
    private ControllerStatus _status;

    public SprayController(ControllerSettings settings, EventRing events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(events);
        var errors = settings.Problems(ControllerSettings.Section);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid controller settings: " + string.Join("; ", errors), nameof(settings));
        }

        _settings = settings;
        _selection = new TreatmentSelection(settings.EffectivePrograms);
        _tuning = new RegulatorSettingsHandOff(settings.Regulator);
        _transducers = new TransducerChecks(settings.Safety);
        _delivery = new GasDelivery(settings, _tuning, _regulator, events);
        _supervisor = new SafetySupervisor(settings, events, _selection, _delivery, _regulator, _valves, _transducers, _tuning);
        _storedPressure = new StoredPressureNotice(settings.Sequence, events, _transducers);
        _session = new TreatmentSession(settings.LiquidFeed, events);
        _plan = new PlanFollower(new PlanTable(settings.EffectivePlans, settings.EffectivePrograms));
        _usage = new UsageMeter(settings.LiquidFeed, settings.OxygenVolumeFactor);
        _sequencer = new StateSequencer(
            settings, events, _selection, _supervisor, _delivery, _regulator, _transducers, _service, _tuning, _storedPressure, _session, _powerSwitch, _plan);
        _commands = new CommandHandler(events, _selection, _sequencer, _supervisor, _delivery, _regulator, _valves, _transducers, _service, _tuning, _plan, _session, _usage, _daily);
        _selection.SelectStartup(settings);
        PublishStatus(new TickReadings(0.0, 0.0, 0.0, 0.0, 0.0), default);
    }

    public ControllerSettings Settings => _settings;
    public IReadOnlyList<ProgramDefinition> Programs => _selection.Programs;

    /// <summary>The configured treatment plans, resolved into indices (DESIGN §2.7).</summary>
    public PlanTable Plans => _plan.Plans;
    public DeviceState State => _sequencer.State;
    public ref readonly ControllerStatus Status => ref _status;
    public ref readonly AlarmTable Alarms => ref _supervisor.Alarms;

    /// <summary>The regulator settings in use (configured, or applied by an engineer's tuning).</summary>
    public RegulatorSettings RegulatorSettings => _tuning.Published;

    /// <summary>Samples of the last step test or valve pulse; read only once the status says the procedure is done.</summary>
    public ServiceRecording ServiceRecording => _service.Recording;

    /// <summary>
    /// Offers new regulator settings (from tuning); they take effect at the next
    /// <see cref="CommandKind.ApplyRegulatorSettings"/>, so the switch happens between ticks. Not for the tick.
    /// </summary>
    public void ProposeRegulatorSettings(RegulatorSettings settings) => _tuning.Propose(settings);

    /// <summary>Finds a program's index by name (case-insensitive); -1 if there is none. Not for the tick.</summary>
    public int ProgramIndex(string name) => _selection.ProgramIndex(name);

    /// <summary>Finds a plan's index by name (case-insensitive); -1 if there is none. Not for the tick.</summary>
    public int PlanIndex(string name) => _plan.Plans.PlanIndex(name);

    /// <summary>Checks a command against the state as of the last tick (for callers that want to answer at once).</summary>
    public CommandOutcome Check(in ControlCommand command) => _commands.Check(in command);

    /// <summary>Runs one tick.</summary>
    public ControlOutputs Step(in ControlInputs inputs, ReadOnlySpan<ControlCommand> commands)
    {
        var now = inputs.Time;
        var dt = double.IsNaN(_lastTime) ? _settings.TickSeconds : now - _lastTime;
        _lastTime = now;
        _ticks++;

        _sequencer.FollowFootSwitch(inputs.FootSwitchContact, now);
        ref readonly var regulated = ref _regulator.Regulated;
        var sensorsFaulty = _transducers.Check(
            in inputs, now, _sequencer.State.IsRegulating(), Math.Abs(regulated.DeliveredLpm - regulated.DrawLpm), _valves);
        var readings = new TickReadings(now, dt, _transducers.POutMpa, _transducers.PBottleMpa, _transducers.PSrcMpa);

        foreach (ref readonly var command in commands)
        {
            _commands.Apply(in command, now);
        }

        if (_powerSwitch.Follow(inputs.PowerSwitchOn, _sequencer.State) is { } next)
        {
            _sequencer.Enter(next, now);
        }

        _supervisor.Supervise(
            in inputs, in readings, sensorsFaulty, _sequencer.State, _sequencer.VentingDown, _sequencer.StalledFillJudgedByFlow, in _sequencer.FootSwitch);
        if (_supervisor.SafeStateRequired(_sequencer.State))
        {
            _sequencer.Enter(DeviceState.Fault, now);
        }

        var demand = _sequencer.Run(in inputs, in readings);
        if (!demand.Regulating)
        {
            _chargeHold.Reset();
        }

        var decided = demand.Regulating ? Regulate(in demand, in readings) : demand.Fixed;
        var outputs = _daily.Follow(
            in decided, in readings, _sequencer.State, _sequencer.StateSince, _selection.SetpointMpa, in _supervisor.Alarms, _sequencer.FootSwitch.Held,
            _supervisor.NozzleOutflowLpm, _supervisor.NozzleModelLpm, !_transducers.POutFaulty, !_transducers.PBottleFaulty, _settings)
            with { Indicator = IndicatorFor(_supervisor.Alarms.HighestUnacknowledged) };
        var previous = _valves.Last;
        _valves.Track(in outputs, now);
        _transducers.FollowSourceValve(in outputs, in previous, _valves.SourceOpenedAt(now), now);
        _storedPressure.Watch(_sequencer.BottleLeftAlone, _sequencer.State, now);
        var spraying = _sequencer.State == DeviceState.Spraying;
        _session.Add(in readings, spraying, _selection.SetpointMpa, _supervisor.Alarms.LatchedCount);
        var oxygenBefore = _usage.Counters.OxygenLitres;
        _usage.Track(in previous, in outputs, in readings, spraying, _tuning.InUse);
        _session.AddOxygen(_usage.Counters.OxygenLitres - oxygenBefore);
        _plan.Add(readings.Dt, spraying, in _session.Tally, in _usage.Counters, _supervisor.Alarms.LatchedBits);
        PublishStatus(in readings, in inputs);
        return outputs;
    }

    /// <summary>The state's setpoint held: the gas path supplies the inlet, the regulator works it and the vent on P_out.</summary>
    private ControlOutputs Regulate(in ManifoldDemand demand, in TickReadings readings)
    {
        var chargeOpen = _chargeHold.Update(demand.ChargeOpen, demand.ChargeJoined, demand.SprayOpen, _valves.Last.SprayOpen, readings.Now, _tuning.InUse.ChargeCloseHoldS);
        var supplied = _delivery.Supply(in readings, _selection.Source, demand.SetpointMpa, ref _supervisor.Alarms) with
        {
            ChargeOpen = chargeOpen,
            SprayOpen = demand.SprayOpen,
        };
        if (_delivery.WaitingForInlet(readings.Now))
        {
            // The regulator holds as while a line primes, and starts afresh once a source is open.
            _regulator.Engage(readings.POutMpa, readings.PBottleMpa, readings.Now);
            return supplied;
        }

        ref readonly var regulated = ref _regulator.Regulate(
            in readings, demand.SetpointMpa, demand.ChargeJoined, demand.SprayOpen, _valves, _tuning.InUse, _chargeHold.Holding(readings.Now),
            raiseAtFullOpening: _sequencer.State != DeviceState.Service);
        return supplied with { InletOpening = regulated.InletOpening, VentOpen = regulated.VentOpen };
    }

    private static IndicatorPattern IndicatorFor(AlarmPriority? priority) => priority switch
    {
        AlarmPriority.High => IndicatorPattern.FastPulse,
        AlarmPriority.Medium => IndicatorPattern.SlowPulse,
        AlarmPriority.Low => IndicatorPattern.Steady,
        _ => IndicatorPattern.Off,
    };

    private void PublishStatus(in TickReadings readings, in ControlInputs inputs)
    {
        _status.Time = readings.Now;
        _status.State = _sequencer.State;
        _status.StateSince = _sequencer.StateSince;
        _status.ProgramIndex = _selection.Program;
        _status.GasSource = _selection.Source;
        _status.SetpointMpa = _selection.SetpointMpa;
        _status.POutMpa = _transducers.POutMpa;
        _status.PBottleMpa = _transducers.PBottleMpa;
        _status.PSrcMpa = _transducers.PSrcMpa;
        _status.POutFaulty = _transducers.POutFaulty;
        _status.PBottleFaulty = _transducers.PBottleFaulty;
        _status.PSrcFaulty = _transducers.PSrcFaulty;
        _status.BottleUnderPressure = _storedPressure.Shown;
        _status.PBottleDoubted = _storedPressure.SensorDoubted;
        _status.FootSwitchPressed = _sequencer.FootSwitch.Pressed;
        _status.FootSwitchIgnored = _sequencer.FootSwitch.IgnoredUntilReleased;
        _status.LiquidPresent = inputs.LiquidPresent;
        _status.Outputs = _valves.Last;
        _status.Alarms = _supervisor.Alarms.States;
        _status.Session = _session.Tally;
        _status.Plan = _plan.Progress;
        _status.DayRoutine = _daily.Progress;
        _status.Usage = _usage.Counters;
        _status.ReferenceMpa = _regulator.ReferenceMpa;
        _status.DemandLpm = _regulator.Regulated.DemandLpm;
        _status.FeedForwardLpm = _regulator.Regulated.FeedForwardLpm;
        _status.IntegralLpm = _regulator.IntegralLpm;
        _status.TickIntervalS = readings.Dt;
        _status.Service = _service.Progress;
        _status.Ticks = _ticks;
    }
}
