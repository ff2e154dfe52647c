using HydroOxygen.Controller.Core.Service;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The control core: one deterministic step per tick over plain data (DESIGN §2.2).
/// </summary>
/// <remarks>
/// <para>
/// Each <see cref="Step"/> reads the inputs gathered at the edge, applies the queued commands, runs
/// the safety supervisor, then the state machine and the regulator, and returns the outputs to
/// write. It performs no I/O, reads no clock and allocates nothing after construction; events
/// worth logging go into a lock-free ring that a background reader drains. The same step runs in
/// real time on the Pi and in virtual time against the simulated plant.
/// </para>
/// <para>
/// Safety is ordered before function: the supervisor's verdict is taken before the state machine
/// runs, and any alarm that forces the safe state wins over whatever the state machine would do.
/// </para>
/// </remarks>
public sealed class SprayController
{
    private const double SprayDemandCheckDelayS = 0.3;
    private const double MustMoveFlowLpm = 10.0;
    private const double ValveSettleS = 0.05;
    private const double RiseFilterS = 0.01;

    // A tick this many periods after the last one has missed a deadline; the inlet has acted on a new
    // command once this many of its lag time constants have passed (95 %).
    private const double LateTickPeriods = 2.0;
    private const double InletActsAfterLags = 3.0;

    // How far the source line must have moved since its valve opened before the way it primes
    // counts as known: well clear of transducer noise, a small part of any real priming.
    private const double PrimeDirectionMpa = 0.05;

    /// <summary>A running compressor delivering at least this share of its rated flow is healthy.</summary>
    private const double HealthyDeliveryFraction = 0.7;

    /// <summary>A fill has shown that gas enters once the manifold has risen this much, MPa: well clear of noise.</summary>
    private const double FillEvidenceMpa = 0.02;

    private readonly ControllerSettings _settings;
    private readonly IReadOnlyList<ProgramDefinition> _programs;
    private readonly EventRing _events;
    private readonly ServiceBench _bench = new();
    private RegulatorSettings _regulatorSettings;

    /// <summary>The settings the regulator returns to when the device leaves Service (configured or confirmed by the engineer).</summary>
    private RegulatorSettings _keptRegulatorSettings;
    private RegulatorSettings? _proposedRegulator;

    private DeviceState _state = DeviceState.Off;
    private double _stateSince;
    private int _program;
    private GasSource _source;
    private double _setpoint;

    private AlarmTable _alarms;
    private FootSwitch _pedal;
    private PressureRegulator _regulator;
    private RegulatorOutput _regulated;
    private CompressorControl _compressor;
    private SensorCheck _pOutCheck;
    private SensorCheck _pBottleCheck;
    private SensorCheck _pSrcCheck;
    private SelfTest _selfTest;
    private BottleCharger _charger;
    private BottleVentDown _ventDown;
    private ShutdownSequencer _shutdown;
    private CompressorStallDetector _compressorStall;
    private BottleCrossCheck _crossCheck;
    private SessionTally _session;

    private ConditionTimer _ready;
    private ConditionTimer _underPressure;
    private ConditionTimer _supplyLow;
    private ConditionTimer _supplyLost;
    private ConditionTimer _liquidEmpty;
    private ConditionTimer _nozzleStarved;
    private NozzleFlowObserver _nozzleFlow;
    private ConditionTimer _bottleCollapse;
    private ConditionTimer _pedalIgnored;
    private ConditionTimer _aboveReference;
    private ConditionTimer _uncommandedFlow;
    /// <summary>The outlets hold: Ready, regulating, the leak check (UncommandedFlow's condition) passing.</summary>
    private ConditionTimer _outletsHeld;

    /// <summary>
    /// Gas has left by a way nobody opened (UncommandedFlow, or a manifold that would not hold at
    /// shutdown): the spray valve may be stuck open, so the bottle is never vented through the
    /// manifold — its gas would leave at the pen as mist — until the manifold has held in Ready again.
    /// </summary>
    private bool _sprayValveSuspect;

    /// <summary>The bottle is, or may be, under pressure while the device is not working it: the screen says so.</summary>
    private bool _bottleNotice;

    /// <summary>
    /// The bottle transducer has been judged faulty since it was last seen reading zero vented (self-test,
    /// a confirmed shutdown): a drifted transducer reads plausibly again, but not truly.
    /// </summary>
    private bool _bottleSensorDoubted;

    private ControlOutputs _outputs = ControlOutputs.Safe;
    private double _sourceOpenSince = double.NaN;
    private double _primeFromMpa;

    /// <summary>Until when the source line may still be priming (its valve opened, switched, or shut while it primed).</summary>
    private double _sourcePrimeUntil = double.NegativeInfinity;
    private double _sourceSwitchedAt = double.NegativeInfinity;

    /// <summary>Until when a switched source waits for the inlet spool to close before its valve opens.</summary>
    private double _sourceSwitchHoldUntil = double.NegativeInfinity;
    private double _chargeOpenSince = double.NaN;
    private double _sprayOpenSince = double.NaN;
    private double _ventOpenSince;
    private double _lastTime = double.NaN;
    private bool _powerSwitchSeenOff = true;
    private bool _shutdownFailedWhileOff;
    private bool _recovering;
    private bool _benchRegulating;
    private bool _watchPedalStuck;
    private bool _pressurizeTimeoutRaised;
    private long _ticks;
    private double _riseRate;
    private double _previousPOut;
    private double _heldInletUntil = double.NegativeInfinity;

    /// <summary>The manifold when Pressurizing began: the fill's rise is measured from it.</summary>
    private double _pressurizeFromMpa;

    /// <summary>The fill has raised the manifold (gas enters: what goes missing later leaves by a leak).</summary>
    private bool _fillRose;
    private double _manifoldAllowanceMpa = double.PositiveInfinity;

    /// <summary>The inlet spool as the commands and its lag make it, 0–1.</summary>
    private double _inletSpoolModel;

    /// <summary>The inflow left without an outlet when the spray or charge valve last shut, decaying as the spool closes, L/min.</summary>
    private double _releasedInflowLpm;
    private bool _previousSprayOpen;
    private bool _previousChargeOpen;
    private ControllerStatus _status;

    public SprayController(ControllerSettings settings, EventRing events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(events);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid controller settings: " + string.Join("; ", errors), nameof(settings));
        }

        _settings = settings;
        _regulatorSettings = settings.Regulator;
        _keptRegulatorSettings = settings.Regulator;
        _programs = settings.EffectivePrograms;
        _events = events;
        SelectStartupProgram();
        PublishStatus(0.0, 0.0, default);
    }

    public ControllerSettings Settings => _settings;
    public IReadOnlyList<ProgramDefinition> Programs => _programs;
    public DeviceState State => _state;
    public ref readonly ControllerStatus Status => ref _status;
    public ref readonly AlarmTable Alarms => ref _alarms;

    /// <summary>The regulator settings in use (configured, or applied by an engineer's tuning).</summary>
    public RegulatorSettings RegulatorSettings => Volatile.Read(ref _regulatorSettings);

    /// <summary>Samples of the last step test or valve pulse; read only once the status says the procedure is done.</summary>
    public ServiceRecording ServiceRecording => _bench.Recording;

    /// <summary>
    /// Offers new regulator settings (from tuning); they take effect at the next
    /// <see cref="CommandKind.ApplyRegulatorSettings"/>, so the switch happens between ticks. Not for the tick.
    /// </summary>
    public void ProposeRegulatorSettings(RegulatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new SettingsErrors("Regulator");
        settings.Validate(errors);
        if (errors.Messages.Count > 0)
        {
            throw new ArgumentException("Invalid regulator settings: " + string.Join("; ", errors.Messages), nameof(settings));
        }

        Volatile.Write(ref _proposedRegulator, settings);
    }

    /// <summary>Finds a program's index by name (case-insensitive); -1 if there is none. Not for the tick.</summary>
    public int ProgramIndex(string name)
    {
        for (var i = 0; i < _programs.Count; i++)
        {
            if (string.Equals(_programs[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Checks a command against the state as of the last tick (for callers that want to answer at once).</summary>
    public CommandOutcome Check(in ControlCommand command) => CommandRules.Check(in command, _state, _program, _source, _programs);

    /// <summary>Runs one tick.</summary>
    public ControlOutputs Step(in ControlInputs inputs, ReadOnlySpan<ControlCommand> commands)
    {
        var now = inputs.Time;
        var dt = double.IsNaN(_lastTime) ? _settings.TickSeconds : now - _lastTime;
        _lastTime = now;
        _ticks++;

        _pedal.Update(inputs.PedalContact, now, _settings.Safety.PedalDebounceS);
        var sensorsFaulty = CheckSensors(in inputs, now);
        var pOut = _pOutCheck.LastGoodMpa;
        var pBottle = _pBottleCheck.LastGoodMpa;
        var pSrc = _pSrcCheck.LastGoodMpa;

        foreach (ref readonly var command in commands)
        {
            Apply(in command, now);
        }

        HandlePowerSwitch(inputs.PowerSwitchOn, now);
        Supervise(in inputs, now, dt, sensorsFaulty, pOut, pBottle, pSrc);

        if (SafeStateRequired())
        {
            EnterState(DeviceState.Fault, now);
        }

        var outputs = RunStateMachine(in inputs, now, dt, pOut, pBottle, pSrc);
        outputs = outputs with { Indicator = IndicatorFor(_alarms.HighestUnacknowledged) };
        TrackOutputTimes(in outputs, now);
        WatchStoredPressure(now);
        Tally(dt, pBottle, outputs.OxygenSourceOpen);
        _outputs = outputs;
        PublishStatus(now, dt, in inputs);
        return outputs;
    }

    // ----- commands ----------------------------------------------------------------------------

    private void Apply(in ControlCommand command, double now)
    {
        var outcome = CommandRules.Check(in command, _state, _program, _source, _programs);
        if (outcome == CommandOutcome.Accepted && command.Kind == CommandKind.StartServiceProcedure && _bench.Running)
        {
            outcome = CommandOutcome.ServiceBusy;
        }

        if (outcome == CommandOutcome.Accepted && command.Kind == CommandKind.ApplyRegulatorSettings && Volatile.Read(ref _proposedRegulator) is null)
        {
            outcome = CommandOutcome.NothingToApply;
        }

        if (outcome != CommandOutcome.Accepted)
        {
            _events.Write(new ControlEvent(now, ControlEventKind.CommandRejected, _state, _state, Command: command, Outcome: outcome));
            return;
        }

        switch (command.Kind)
        {
            case CommandKind.SetSetpoint:
                ChangeSetpoint(command.Value);
                break;
            case CommandKind.SelectProgram:
                _program = command.Index;
                ChangeSetpoint(_programs[_program].SetpointMpa);
                break;
            case CommandKind.SelectSource:
                if (command.Source != _source)
                {
                    _source = command.Source;
                    StopCompressor();

                    // Break before make: the new source valve opens only once the inlet spool has
                    // closed, or a higher new source (a cylinder after a cold tank) rushes through it.
                    if (_outputs.InletOpening > 0.0)
                    {
                        _sourceSwitchHoldUntil = now + (InletActsAfterLags * _regulatorSettings.InletLagS);
                    }

                    // The new gas must bring the manifold up itself (a compressor tank may still be
                    // cold) before the device is ready again; a charge under way resumes after.
                    if (_state is DeviceState.Ready or DeviceState.Charging)
                    {
                        EnterState(DeviceState.Pressurizing, now);
                    }
                }

                break;
            case CommandKind.AcknowledgeAlarms:
                _alarms.Acknowledge(now, _events);
                _events.Write(new ControlEvent(now, ControlEventKind.AlarmsAcknowledged, _state, _state));
                break;
            case CommandKind.Shutdown:
                if (_state != DeviceState.ShuttingDown)
                {
                    EnterState(DeviceState.ShuttingDown, now);
                }

                break;
            case CommandKind.EnterService:
                if (_state == DeviceState.Fault)
                {
                    // The engineer takes the faulted device over: what was latched and has cleared
                    // (an over-pressure that vented) must not throw it straight back into Fault.
                    _alarms.Acknowledge(now, _events);
                }

                EnterState(DeviceState.Service, now);
                break;
            case CommandKind.ExitService:
                EnterState(DeviceState.Idle, now);
                break;
            case CommandKind.StartServiceProcedure:
                _bench.Start(command.Service, now);
                _regulator.Engage(_pOutCheck.LastGoodMpa, _pBottleCheck.LastGoodMpa, now);
                _regulated = default;
                break;
            case CommandKind.AbortServiceProcedure:
                _bench.Stop(ServiceFailure.Aborted, now);
                break;
            case CommandKind.ApplyRegulatorSettings:
                var proposed = Volatile.Read(ref _proposedRegulator)!;
                Volatile.Write(ref _regulatorSettings, proposed);
                Volatile.Write(ref _proposedRegulator, null);
                if (command.KeepsRegulatorSettings)
                {
                    _keptRegulatorSettings = proposed;
                }

                break;
        }

        _events.Write(new ControlEvent(now, ControlEventKind.CommandAccepted, _state, _state, Command: command));
    }

    private void ChangeSetpoint(double setpoint)
    {
        if (setpoint > _setpoint)
        {
            _charger.SetpointRaised();
        }

        _setpoint = setpoint;
    }

    private void HandlePowerSwitch(bool on, double now)
    {
        if (!on)
        {
            _powerSwitchSeenOff = true;

            // A shutdown that already failed to vent is not retried in a loop: the device stays in
            // Fault (outputs safe) until the switch is turned on again.
            if (_state is not (DeviceState.Off or DeviceState.ShuttingDown) && !_shutdownFailedWhileOff)
            {
                EnterState(DeviceState.ShuttingDown, now);
            }

            return;
        }

        _shutdownFailedWhileOff = false;

        // Off → SelfTest needs the switch to go on: a device shut down from the API with the
        // rocker still on stays off until the technician cycles it.
        if (_state == DeviceState.Off && _powerSwitchSeenOff)
        {
            _powerSwitchSeenOff = false;
            EnterState(DeviceState.SelfTest, now);
        }
    }

    // ----- supervisor --------------------------------------------------------------------------

    private bool CheckSensors(in ControlInputs inputs, double now)
    {
        var safety = _settings.Safety;
        var regulating = IsRegulating(_state);
        var flowImbalance = Math.Abs(_regulated.DeliveredLpm - _regulated.DrawLpm);
        var ventDraining = _outputs.VentOpen && !_outputs.SourceOpen && now - _ventOpenSince > ValveSettleS && _pOutCheck.LastGoodMpa > 0.08;
        var pOutMustMove = (regulating && flowImbalance > MustMoveFlowLpm) || ventDraining;
        var pBottleMustMove = _outputs.ChargeOpen && OpenFor(_chargeOpenSince, now) > ValveSettleS
            && Math.Abs(_pOutCheck.LastGoodMpa - _pBottleCheck.LastGoodMpa) > 0.05;

        var faulty = _pOutCheck.Update(inputs.POut, now, safety, pOutMustMove, safety.SensorMaxSlewMpaPerS);
        faulty |= _pBottleCheck.Update(inputs.PBottle, now, safety, pBottleMustMove, safety.BottleSensorMaxSlewMpaPerS);
        // The source line's own high slew limit only while it primes behind a valve that just opened:
        // once the line is steady, a step on P_src (a drifting transducer) is as impossible as on the others.
        // And priming goes one way — filling from a higher source or emptying into a lower one — so
        // once the line has plainly set off, a quick move the other way is no gas either.
        var steady = safety.SteadySourceSensorMaxSlewMpaPerS;
        var (sourceRise, sourceFall) = (steady, steady);
        if (now < _sourcePrimeUntil)
        {
            // The way it primes counts from when the valves have moved (see TrackOutputTimes).
            if (double.IsNaN(_primeFromMpa) && now - _sourceSwitchedAt >= ValveSettleS)
            {
                _primeFromMpa = _pSrcCheck.LastGoodMpa;
            }

            var primed = double.IsNaN(_primeFromMpa) ? 0.0 : _pSrcCheck.LastGoodMpa - _primeFromMpa;
            sourceRise = primed < -PrimeDirectionMpa ? steady : safety.SourceSensorMaxSlewMpaPerS;
            sourceFall = primed > PrimeDirectionMpa ? steady : safety.SourceSensorMaxSlewMpaPerS;
        }

        faulty |= _pSrcCheck.Update(inputs.PSrc, now, safety, mustMove: false, sourceRise, sourceFall);
        return faulty;
    }

    private void Supervise(in ControlInputs inputs, double now, double dt, bool sensorsFaulty, double pOut, double pBottle, double pSrc)
    {
        var safety = _settings.Safety;
        var supply = _settings.Supply;
        var powered = _state != DeviceState.Off;

        // Over-pressure: the general trip, lowered for a capped program as the manifold comes down to
        // its ceiling (so that switching to the eye program at 0.45 MPa vents instead of tripping).
        // The allowance follows the manifold down — never faster than the vent can take it, which a
        // falling reference may outrun while a charging bottle feeds the manifold — and rises only
        // with the reference. A manifold that stops coming down is judged by heldAbove below.
        // The bottle is held to the program's trip only while it is joined to a spraying manifold:
        // elsewhere it feeds no hose, and a bottle charged under a higher program is vented down to
        // the new one before the next spray (BottleVentDown), not tripped on.
        // While the bottle vents down through it, the manifold carries the bottle's gas to the vent
        // with no spray open: the general trip guards it, and the vent-down its own progress.
        var trip = safety.OverPressureTripMpa;
        if ((uint)_program < (uint)_programs.Count && IsRegulating(_state) && !_ventDown.Active)
        {
            _manifoldAllowanceMpa = Math.Max(Math.Max(_programs[_program].CeilingMpa, _regulator.ReferenceMpa), Math.Min(_manifoldAllowanceMpa, pOut));
            trip = Math.Min(trip, _manifoldAllowanceMpa + safety.ProgramTripMarginMpa);
        }
        else
        {
            _manifoldAllowanceMpa = double.PositiveInfinity;
        }

        var bottleTrip = _state == DeviceState.Spraying && _outputs.ChargeOpen ? trip : safety.OverPressureTripMpa;
        var highest = Math.Max(pOut, pBottle);

        // A runaway: the manifold climbing fast past the reference although the regulator is not
        // asking for it (an inlet stuck open). Caught here, tens of kPa before the fixed trip, so
        // that the source valve's drop-out delay still leaves the relief valve untouched.
        _riseRate += ((dt > 0 ? (pOut - _previousPOut) / dt : 0.0) - _riseRate) * (dt / (dt + RiseFilterS));
        _previousPOut = pOut;
        // A tick that comes late after the loop held the inlet open: the manifold rose on that held
        // command and goes on rising until the inlet's lag has acted on the new one. That rise is the
        // loop's doing (LoopOverrun judges the lateness itself), not a stuck inlet; judged as a
        // runaway it turned a 16 ms scheduling hiccup during a setpoint step into a latched Fault.
        // A rise with the inlet held shut through the late tick is still a runaway at once.
        if (dt >= LateTickPeriods * _settings.TickSeconds && _outputs.InletOpening > 0.0)
        {
            _heldInletUntil = now + (InletActsAfterLags * _regulatorSettings.InletLagS);
        }

        // What an outlet just shut leaves behind: the inflow the inlet's spool still passes as it closes
        // on its lag. Just after a short burst at full opening (the hose filled, the pedal let go at
        // once) that gas raises the manifold past the reference faster than the threshold; it is the
        // outlet's closing, not a stuck inlet. Only at a closing: a spool stuck open under a steady
        // draw is judged as before.
        var lag = _regulatorSettings.InletLagS;
        var lagBlend = lag > 0 ? 1.0 - Math.Exp(-dt / lag) : 1.0;
        _inletSpoolModel += (_outputs.InletOpening - _inletSpoolModel) * lagBlend;
        _releasedInflowLpm *= 1.0 - lagBlend;
        if ((_previousSprayOpen && !_outputs.SprayOpen) || (_previousChargeOpen && !_outputs.ChargeOpen))
        {
            _releasedInflowLpm = Math.Max(_releasedInflowLpm, _inletSpoolModel * _regulated.InletCapacityLpm);
        }

        _previousSprayOpen = _outputs.SprayOpen;
        _previousChargeOpen = _outputs.ChargeOpen;
        var capacitance = GasFlow.LitresPerMpa(_regulatorSettings.ManifoldMl, _regulatorSettings.PolytropicExponent, _regulatorSettings.GasTemperatureK) * 60.0;
        var explainedRise = _releasedInflowLpm / capacitance;
        var runaway = IsRegulating(_state)
            && now >= _heldInletUntil
            && pOut - _regulator.ReferenceMpa > safety.RunawayMarginMpa
            && _riseRate > safety.RunawayRiseMpaPerS + explainedRise;

        // Held above what was asked for and not coming down (a vent that will not open after the
        // setpoint was lowered): the technician chose the lower pressure for a reason.
        var heldAbove = _aboveReference.Update(
            IsRegulating(_state) && pOut > _regulator.ReferenceMpa + safety.AboveReferenceMpa, now, safety.AboveReferenceAfterS);
        // A runaway trips on its first sample: its rise rate is already filtered over several samples,
        // and at the top of the range (0.60 MPa) the two extra samples of the plain trip, plus the
        // source valve's drop-out, let a stuck inlet push the manifold past the relief setting.
        _alarms.Evaluate(AlarmCode.OverPressure, pOut > trip || pBottle > bottleTrip || runaway || heldAbove, runaway ? 1 : safety.OverPressureSamples, highest, now, _events);

        // Gas leaving with the spray valve shut: a spray valve stuck open with the pedal up defeats the
        // dead-man switch, a burst hose blows the supply away. Judged wherever the manifold is
        // regulated with the spray valve commanded shut (Pressurizing, Ready, Charging), against the
        // nozzle's own flow: what the inlet delivers beyond what the controller itself asks for — the
        // fill that raises the manifold along the reference, and the charge flow into the bottle
        // (the draw model) — leaves through something nobody opened. While filling or charging, only
        // with the manifold held up at its reference: that the pressure holds is the evidence that the
        // commanded inflow really enters (an inlet stuck shut also has the regulator asking for more
        // and more flow, but the pressure then sags: UnderPressure, not a leak). In Ready the manifold
        // has been at its setpoint and nothing may draw, so any lasting demand is judged at once.
        // A fill that has run past the pressurize time-out with the manifold holding some pressure
        // (gas does enter: an inlet stuck shut leaves it at zero) is not allowed to go on feeding a
        // leak it cannot overcome — a burst hose would otherwise keep the source open for good.
        // A fill that starts near its reference (the manifold let down with the bottle to a lower
        // ceiling) must first show that gas enters — the pressure rising, or reaching the reference —
        // before a demand that goes unanswered counts as a leak: an inlet stuck shut answers no demand
        // either, and leaves the pressure where it was.
        _fillRose |= _state == DeviceState.Pressurizing && pOut >= _pressurizeFromMpa + FillEvidenceMpa;
        var fillShowsInflow = _state != DeviceState.Pressurizing || _fillRose
            || pOut >= _regulator.ReferenceMpa - _settings.Sequence.ReadyWithinMpa;
        var stalledFill = _state == DeviceState.Pressurizing && _pressurizeTimeoutRaised && pOut >= safety.UnderPressureMarginMpa && _fillRose;
        var held = _state == DeviceState.Ready || stalledFill
            || (pOut >= _regulator.ReferenceMpa - safety.UnderPressureMarginMpa && fillShowsInflow);
        var fillFlow = Math.Max(0.0, _regulated.FeedForwardLpm - _regulated.DrawLpm);
        var unexplained = _regulated.DeliveredLpm - _regulated.DrawLpm - fillFlow;
        // (Against the nozzle's flow at the pressure the stalled fill holds: the leak draws at that pressure.)
        var judgedAt = stalledFill ? Math.Min(pOut, _setpoint) : _setpoint;
        var nozzleDraw = GasFlow.Lpm(_regulatorSettings.NozzleC, _regulatorSettings.NozzleB, judgedAt, 0.0, _regulatorSettings.GasTemperatureK);
        var leaking = _state is DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging
            && !_outputs.SprayOpen
            && held
            && unexplained > safety.UncommandedFlowFraction * nozzleDraw;
        _alarms.Evaluate(AlarmCode.UncommandedFlow, _uncommandedFlow.Update(leaking, now, safety.UncommandedFlowAfterS), 1, unexplained, now, _events);
        _outletsHeld.Update(_state == DeviceState.Ready && !_ventDown.Active && !leaking && !_outputs.SprayOpen, now, 0.0);
        if (_alarms.IsLatched(AlarmCode.UncommandedFlow))
        {
            _sprayValveSuspect = true;
        }
        else if (_outletsHeld.HeldFor(now) >= safety.SprayValveProvenS)
        {
            // The manifold has held its setpoint in Ready with the leak check passing: the outlets are shut.
            _sprayValveSuspect = false;
        }

        var crossCheckFails = CrossCheckFails(now, pOut, pBottle);
        _alarms.Evaluate(AlarmCode.SensorFault, sensorsFaulty || crossCheckFails, 1, crossCheckFails ? 1 : SensorFaultChannel(), now, _events);

        // Off and SelfTest keep the outputs venting, so a late tick there endangers nothing — and
        // that is when a freshly started process is still compiling its loop.
        var supervisedTiming = _state is not (DeviceState.Off or DeviceState.SelfTest);
        var stalled = supervisedTiming && _ticks > 1 && dt > safety.LoopStallS;
        var overrunning = supervisedTiming && inputs.ConsecutiveOverruns >= safety.LoopOverrunTicks;
        _alarms.Evaluate(AlarmCode.LoopOverrun, stalled || overrunning, 1, dt, now, _events);

        _alarms.Evaluate(AlarmCode.CalibrationInvalid, powered && !inputs.CalibrationValid, 1, 0.0, now, _events);

        // (Venting the bottle down, the manifold is let down with it on purpose: nothing sprays meanwhile.)
        var delivering = (_state is DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying) && !_ventDown.Active;
        var low = delivering && pOut < _setpoint - safety.UnderPressureMarginMpa;
        _alarms.Evaluate(AlarmCode.UnderPressure, _underPressure.Update(low, now, safety.UnderPressureAfterS), 1, pOut, now, _events);

        SuperviseSupply(now, pSrc, supply);

        var empty = powered && !inputs.LiquidPresent;
        _alarms.Evaluate(AlarmCode.LiquidEmpty, _liquidEmpty.Update(empty, now, safety.LiquidEmptyAfterS), 1, 0.0, now, _events);

        var ignoredLongEnough = _pedalIgnored.Update(_watchPedalStuck && _pedal.IgnoredUntilReleased, now, 0.1);
        if (_watchPedalStuck && _pedal.Armed)
        {
            _watchPedalStuck = false;
        }

        _alarms.Evaluate(AlarmCode.PedalStuck, ignoredLongEnough, 1, 0.0, now, _events);

        var regulator = _regulatorSettings;
        var outflow = _nozzleFlow.Update(
            _regulated.InletOpening * _regulated.InletCapacityLpm, pOut, pBottle, _outputs.ChargeOpen,
            GasFlow.LitresPerMpa(regulator.ManifoldMl, regulator.PolytropicExponent, regulator.GasTemperatureK) * 60.0,
            GasFlow.LitresPerMpa(regulator.BottleHeadspaceMl, regulator.PolytropicExponent, regulator.GasTemperatureK) * 60.0,
            dt);

        // While the vent is commanded open the balance cannot tell the nozzle's draw from the
        // vent's, and a vent stuck shut would pass for a starved nozzle: no verdict then.
        if (_state == DeviceState.Spraying && OpenFor(_sprayOpenSince, now) > SprayDemandCheckDelayS && !_outputs.VentOpen)
        {
            var expected = GasFlow.Lpm(regulator.NozzleC, regulator.NozzleB, pOut, 0.0, regulator.GasTemperatureK);
            var starved = outflow < safety.NozzleBlockedFlowFraction * expected;
            if (_nozzleStarved.Update(starved, now, safety.NozzleBlockedAfterS))
            {
                _alarms.Raise(AlarmCode.NozzleBlocked, outflow, now, _events);
                _nozzleStarved.Reset();
            }
        }
        else
        {
            _nozzleStarved.Reset();
        }
    }

    private void SuperviseSupply(double now, double pSrc, SupplySettings supply)
    {
        var judged = _outputs.SourceOpen && OpenFor(_sourceOpenSince, now) >= supply.SourceSettleS;
        var needed = _setpoint + supply.RegulationMarginMpa;
        bool low;
        bool lost;
        if (_source == GasSource.Oxygen)
        {
            low = judged && pSrc < supply.OxygenLowMpa;
            lost = judged && pSrc < needed;
        }
        else
        {
            // A cold compressor tank is still filling: judge it once it has reached cut-out. A warm
            // tank cycles between cut-in and cut-out: "low" is below where a healthy compressor's
            // cycle keeps it (its reserve under cut-in, which a bottle top-up under a spray may
            // take), never a tank that is only waiting at cut-in for its motor.
            // And a healthy running compressor (its delivery judged, or not yet) with the tank falling
            // is a draw that outruns it for a moment — a bottle topped up under a spray at the top
            // setpoints — not a failing supply; a dead one is CompressorFault.
            var warm = judged && _compressor.Warm && !_compressorStall.RunningHealthy(HealthyDeliveryFraction, supply);
            var lowBelow = Math.Max(needed, Math.Min(needed + 0.05, CompressorControl.CutInMpa(needed, supply) - supply.CompressorReserveMpa));
            low = warm && pSrc < lowBelow;
            lost = warm && pSrc < needed;
        }

        _alarms.Evaluate(AlarmCode.SupplyLow, _supplyLow.Update(low, now, supply.SupplyLowAfterS), 1, pSrc, now, _events);
        _alarms.Evaluate(AlarmCode.SupplyLost, _supplyLost.Update(lost, now, supply.SupplyLostAfterS), 1, pSrc, now, _events);
    }

    private bool CrossCheckFails(double now, double pOut, double pBottle)
    {
        // While charging or spraying, the regulated manifold and the bottle are joined: a bottle
        // reading above the manifold's must be coming down (BottleCrossCheck). (Elsewhere the bottle
        // may legitimately be higher: while it vents through the manifold at shutdown or down to a
        // lower program, where the manifold is being emptied and the check means nothing.)
        var joined = (_state is DeviceState.Charging or DeviceState.Spraying) && _outputs.ChargeOpen
            ? OpenFor(_chargeOpenSince, now)
            : 0.0;
        return _crossCheck.Update(joined, _regulatorSettings.SolenoidOnDelayS + ValveSettleS, _state == DeviceState.Charging, pOut, pBottle, now, _settings.Safety);
    }

    private double SensorFaultChannel() =>
        _pOutCheck.Stuck || _pOutCheck.LastProblem != SensorStatus.Ok ? 0 : _pBottleCheck.LastProblem != SensorStatus.Ok || _pBottleCheck.Stuck ? 1 : 2;

    // ----- state machine -----------------------------------------------------------------------

    private ControlOutputs RunStateMachine(in ControlInputs inputs, double now, double dt, double pOut, double pBottle, double pSrc)
    {
        var sequence = _settings.Sequence;
        switch (_state)
        {
            case DeviceState.Fault:
                if (!_alarms.AnySafeStateAlarmLatched)
                {
                    // Recovering goes through the self-test again: whatever faulted, the sensors
                    // must read zero with the device vented before it pressurises again.
                    _recovering = true;
                    EnterState(DeviceState.SelfTest, now);
                }

                return ControlOutputs.Safe;

            case DeviceState.Off:
                return ControlOutputs.Safe;

            case DeviceState.Service:
                return Serve(in inputs, now, dt, pOut, pBottle, pSrc);

            case DeviceState.SelfTest:
                switch (_selfTest.Update(in inputs, now, sequence))
                {
                    case SelfTest.Result.Passed:
                        // The bottle's zero was judged (unless it was left sealed): its transducer is believed again.
                        _bottleSensorDoubted &= _selfTest.BottleSealed;
                        EnterState(DeviceState.Idle, now);
                        return ControlOutputs.Safe;
                    case SelfTest.Result.ZeroOutOfTolerance:
                        _alarms.Raise(AlarmCode.CalibrationInvalid, _selfTest.WorstZero, now, _events);
                        EnterState(DeviceState.Fault, now);
                        return ControlOutputs.Safe;
                    case SelfTest.Result.CalibrationMissing:
                        EnterState(DeviceState.Fault, now);
                        return ControlOutputs.Safe;
                    default:
                        return _selfTest.Outputs;
                }

            case DeviceState.Idle:
                if (_source != GasSource.None)
                {
                    EnterState(DeviceState.Pressurizing, now);
                    return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
                }

                return ControlOutputs.Safe;

            case DeviceState.Pressurizing:
                return Pressurize(now, dt, pOut, pBottle, pSrc);

            case DeviceState.Ready:
                return ReadyToSpray(now, dt, pOut, pBottle, pSrc);

            case DeviceState.Charging:
                return Charge(now, dt, pOut, pBottle, pSrc);

            case DeviceState.Spraying:
                return Spray(now, dt, pOut, pBottle, pSrc);

            case DeviceState.ShuttingDown:
                // The sensors' present verdict, not the latched alarm: a SensorFault from earlier in the
                // session that nobody has acknowledged must not keep a device whose transducers read
                // plausibly again from confirming that it is vented (it would end sealed, in Fault).
                switch (_shutdown.Update(pOut, pBottle, !_pOutCheck.Faulty, !_pBottleCheck.Faulty, now, sequence))
                {
                    case ShutdownSequencer.Result.Vented:
                        // Vented and steady, on a plausible transducer: its doubt ends with the bottle's pressure.
                        _bottleSensorDoubted &= _shutdown.KeepsBottleSealed;
                        EnterState(DeviceState.Off, now);
                        return ControlOutputs.Safe;
                    case ShutdownSequencer.Result.TimedOut:
                        _alarms.Raise(AlarmCode.VentFailure, Math.Max(pOut, pBottle), now, _events);
                        _shutdownFailedWhileOff = _powerSwitchSeenOff && !inputs.PowerSwitchOn;
                        EnterState(DeviceState.Fault, now);
                        return ControlOutputs.Safe;
                    default:
                        if (_shutdown.OutletFoundOpen)
                        {
                            _sprayValveSuspect = true;
                        }

                        return _shutdown.Outputs;
                }

            default:
                return ControlOutputs.Safe;
        }
    }

    private ControlOutputs Pressurize(double now, double dt, double pOut, double pBottle, double pSrc)
    {
        var sequence = _settings.Sequence;

        // Ready also means the gas can keep the setpoint: a manifold already at it when the source
        // changed to a compressor whose tank is still filling is not ready to spray.
        var supplied = pSrc >= _setpoint + _settings.Supply.RegulationMarginMpa;
        if (_ready.Update(Math.Abs(pOut - _setpoint) <= sequence.ReadyWithinMpa && supplied, now, sequence.ReadyHoldS))
        {
            EnterState(DeviceState.Ready, now);
            return ReadyToSpray(now, dt, pOut, pBottle, pSrc);
        }

        var timeout = _source == GasSource.Compressor ? sequence.PressurizeCompressorTimeoutS : sequence.PressurizeTimeoutS;
        if (!_pressurizeTimeoutRaised && now - _stateSince > timeout)
        {
            _pressurizeTimeoutRaised = true;
            _alarms.Raise(AlarmCode.UnderPressure, pOut, now, _events);
        }

        return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
    }

    private ControlOutputs ReadyToSpray(double now, double dt, double pOut, double pBottle, double pSrc)
    {
        var sequence = _settings.Sequence;
        var ceiling = Ceiling;
        if (GasStillComing(pSrc))
        {
            return Repressurize(now, dt, pOut, pBottle, pSrc);
        }

        // A bottle charged for more than the program now allows is vented down first; with the spray
        // valve in doubt it waits (sealed) until the manifold has held in Ready.
        if (_ventDown.Active || !_sprayValveSuspect)
        {
            switch (_ventDown.Update(pOut, !_pOutCheck.Faulty, pBottle, ceiling, OutletsProven(now), now, sequence))
            {
                case BottleVentDown.Result.OutletOpen:
                    // The bottle stays sealed; regulating again lets the leak check name the outlet.
                    _sprayValveSuspect = true;
                    _regulator.Engage(pOut, pBottle, now);
                    _regulated = default;
                    break;
                case BottleVentDown.Result.Venting:
                    RunCompressor(now, dt, pSrc);
                    _regulated = default;
                    return SourceOpen(_ventDown.Outputs);
                case BottleVentDown.Result.Done:
                    // The manifold went down with the bottle: it is filled again to the new setpoint
                    // before the device is Ready (a fill is not a leak to the leak check).
                    return Repressurize(now, dt, pOut, pBottle, pSrc);
                case BottleVentDown.Result.TimedOut:
                    _alarms.Raise(AlarmCode.VentFailure, pBottle, now, _events);
                    return ControlOutputs.Safe;
            }
        }

        var chargeBlocked = _alarms.IsLatched(AlarmCode.BottleNotCharging);
        if (!chargeBlocked && _charger.NeedsCharge(pBottle, _setpoint, sequence))
        {
            EnterState(DeviceState.Charging, now);
            return Charge(now, dt, pOut, pBottle, pSrc);
        }

        // Spraying waits until manifold and bottle are within the program's limits (just lowered:
        // the reference is still coming down, or a bottle in doubt still to be vented).
        var withinLimits = _regulator.ReferenceMpa <= ceiling + 1e-9
            && pOut <= ceiling + sequence.ReadyWithinMpa
            && pBottle <= BottleVentDown.TooHighAboveMpa(ceiling, sequence);
        if (_pedal.Held && CanSpray() && withinLimits)
        {
            if (pBottle < _setpoint - sequence.ChargedWithinMpa)
            {
                EnterState(DeviceState.Charging, now);
                return Charge(now, dt, pOut, pBottle, pSrc);
            }

            EnterState(DeviceState.Spraying, now);
            return Spray(now, dt, pOut, pBottle, pSrc);
        }

        return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
    }

    private ControlOutputs Charge(double now, double dt, double pOut, double pBottle, double pSrc)
    {
        if (GasStillComing(pSrc))
        {
            return Repressurize(now, dt, pOut, pBottle, pSrc);
        }

        switch (_charger.Update(pBottle, _setpoint, now, _settings.Sequence))
        {
            case BottleCharger.Result.Charged when _pedal.Held && CanSpray():
                EnterState(DeviceState.Spraying, now);
                return Regulate(now, dt, pOut, pBottle, pSrc, charge: true, spray: true);
            case BottleCharger.Result.Charged:
                EnterState(DeviceState.Ready, now);
                return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
            case BottleCharger.Result.TimedOut:
                _alarms.Raise(AlarmCode.BottleNotCharging, pBottle, now, _events);
                EnterState(DeviceState.Ready, now);
                return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
            default:
                return Regulate(now, dt, pOut, pBottle, pSrc, charge: true, spray: false);
        }
    }

    private ControlOutputs Spray(double now, double dt, double pOut, double pBottle, double pSrc)
    {
        var sequence = _settings.Sequence;
        if (!_pedal.Held)
        {
            EnterState(DeviceState.Ready, now);
            return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
        }

        if (now - _stateSince > _settings.Safety.SprayTimeLimitS)
        {
            _alarms.Raise(AlarmCode.SprayTimeout, now - _stateSince, now, _events);
            StopSprayingUntilReleased(now);
            return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
        }

        if (!CanSpray())
        {
            StopSprayingUntilReleased(now);
            return Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
        }

        if (GasStillComing(pSrc))
        {
            // The pedal stays down: the spray resumes once the gas is there.
            return Repressurize(now, dt, pOut, pBottle, pSrc);
        }

        if (_bottleCollapse.Update(pBottle < pOut - sequence.BottleCollapseMpa, now, sequence.BottleCollapseAfterS))
        {
            // Gas only at the pen: stop and recharge, as the operating guide tells the technician to.
            EnterState(DeviceState.Charging, now);
            return Regulate(now, dt, pOut, pBottle, pSrc, charge: true, spray: false);
        }

        // The setpoint turned well down after the bottle was charged: the bottle is not joined to the
        // manifold (it would push the hose above the new setpoint, and the manifold past its trip). It
        // feeds its liquid on its own pressure and is joined again once within the band; under the
        // program's ceiling it is, so this is regulation, not safety (that is BottleVentDown's).
        var joinBottle = pBottle <= _setpoint + sequence.BottleJoinsWithinMpa;
        return Regulate(now, dt, pOut, pBottle, pSrc, charge: joinBottle, spray: true);
    }

    /// <summary>Service state: the engineer's procedure decides; with none running, the outputs are safe.</summary>
    private ControlOutputs Serve(in ControlInputs inputs, double now, double dt, double pOut, double pBottle, double pSrc)
    {
        var demand = _bench.Update(in inputs, pOut, pBottle, pSrc, _source, _regulated.InletOpening, now);
        if (!demand.Regulate)
        {
            _benchRegulating = false;
            return demand.Manual;
        }

        if (!_benchRegulating)
        {
            // The valves were the bench's since the last regulated phase: start from what is there now.
            _regulator.Engage(pOut, pBottle, now);
            _benchRegulating = true;
        }

        // The bench fills the bottle through the charge valve, but the regulator is not told: its
        // charging feed-forward works from the bottle reading, and an uncalibrated bottle reading
        // would have it keep feeding a bottle that is already full. The integrator takes the draw.
        var setpoint = _setpoint;
        _setpoint = demand.SetpointMpa;
        var outputs = Regulate(now, dt, pOut, pBottle, pSrc, charge: false, spray: false);
        _setpoint = setpoint;
        return outputs with { ChargeOpen = demand.ChargeOpen };
    }

    /// <summary>
    /// A compressor tank still filling for the first time (a source just switched, a setpoint just
    /// raised) cannot hold the setpoint yet: that is a wait, not an under-pressure, and the device
    /// pressurizes again until it can (DESIGN §2.5, routine use never alarms). The half margin is
    /// hysteresis against the Ready condition of <see cref="Pressurize"/>.
    /// </summary>
    private bool GasStillComing(double pSrc) =>
        _source == GasSource.Compressor && !_compressor.Warm && pSrc < _setpoint + (_settings.Supply.RegulationMarginMpa / 2.0);

    private ControlOutputs Repressurize(double now, double dt, double pOut, double pBottle, double pSrc)
    {
        EnterState(DeviceState.Pressurizing, now);
        return Pressurize(now, dt, pOut, pBottle, pSrc);
    }

    private void StopSprayingUntilReleased(double now)
    {
        _pedal.RequireRelease();
        EnterState(DeviceState.Ready, now);
    }

    private bool CanSpray() =>
        !_alarms.IsLatched(AlarmCode.LiquidEmpty)
        && !_alarms.IsLatched(AlarmCode.NozzleBlocked)
        && !_alarms.IsLatched(AlarmCode.BottleNotCharging);

    /// <summary>The outlets have just been seen to hold: Ready, with the leak check passing for as long as it needs to see a leak.</summary>
    private bool OutletsProven(double now) => _outletsHeld.HeldFor(now) >= _settings.Safety.UncommandedFlowAfterS;

    private double Ceiling => (uint)_program < (uint)_programs.Count ? _programs[_program].CeilingMpa : PressureLimits.MaxSetpointMpa;

    private void StopCompressor()
    {
        _compressor.Stop();
        _compressorStall.Reset();
    }

    /// <summary>The compressor's own loop and its checks, on compressed air; returns whether the motor runs.</summary>
    private bool RunCompressor(double now, double dt, double pSrc)
    {
        if (_source == GasSource.Oxygen)
        {
            return false;
        }

        var supply = _settings.Supply;
        var heavyDraw = _regulated.DeliveredLpm > 10.0;
        var failed = _compressor.Update(pSrc, now, heavyDraw, supply, _setpoint + supply.RegulationMarginMpa);
        var tank = GasFlow.LitresPerMpa(supply.CompressorTankMl, _regulatorSettings.PolytropicExponent, _regulatorSettings.GasTemperatureK);
        var inletDraw = _regulated.InletOpening * _regulated.InletCapacityLpm;
        if (_compressorStall.Update(_compressor.On, pSrc, inletDraw, now, dt, tank, supply))
        {
            // Running but not delivering: the tank falls under the draw a healthy compressor outruns.
            failed = true;
        }

        if (failed)
        {
            _alarms.Raise(AlarmCode.CompressorFault, pSrc, now, _events);
        }

        return _compressor.On;
    }

    /// <summary>The given outputs with the selected source open and the compressor as its loop wants it.</summary>
    private ControlOutputs SourceOpen(in ControlOutputs outputs)
    {
        var oxygen = _source == GasSource.Oxygen;
        return outputs with { OxygenSourceOpen = oxygen, CompressorSourceOpen = !oxygen, CompressorOn = !oxygen && _compressor.On };
    }

    /// <summary>Regulates the manifold with the selected source open and the given outlet valves.</summary>
    private ControlOutputs Regulate(double now, double dt, double pOut, double pBottle, double pSrc, bool charge, bool spray)
    {
        var oxygen = _source == GasSource.Oxygen;
        var compressorOn = RunCompressor(now, dt, pSrc);
        if (now < _sourceSwitchHoldUntil)
        {
            // Both sources shut until the inlet has closed; the regulator holds as while a line primes.
            _regulator.Engage(pOut, pBottle, now);
            _regulated = default;
            return new ControlOutputs { ChargeOpen = charge, SprayOpen = spray, CompressorOn = compressorOn };
        }

        var input = new RegulatorInputs(
            _setpoint,
            pOut,
            pSrc,
            pBottle,
            OpenFor(_sourceOpenSince, now),
            charge && _outputs.ChargeOpen ? OpenFor(_chargeOpenSince, now) : 0.0,
            spray && _outputs.SprayOpen ? OpenFor(_sprayOpenSince, now) : 0.0);
        _regulated = _regulator.Update(in input, _regulatorSettings, dt, now);
        return new ControlOutputs
        {
            InletOpening = _regulated.InletOpening,
            VentOpen = _regulated.VentOpen,
            OxygenSourceOpen = oxygen,
            CompressorSourceOpen = !oxygen,
            ChargeOpen = charge,
            SprayOpen = spray,
            CompressorOn = compressorOn,
        };
    }

    // ----- bookkeeping -------------------------------------------------------------------------

    private void EnterState(DeviceState next, double now)
    {
        if (next == _state)
        {
            return;
        }

        var previous = _state;
        _state = next;
        _stateSince = now;
        _events.Write(new ControlEvent(now, ControlEventKind.StateChanged, previous, next));
        if (previous == DeviceState.Ready)
        {
            // Venting down is a sub-phase of Ready: whatever ends Ready ends it (the next Ready starts it again if needed).
            _ventDown.Cancel();
        }

        if (previous == DeviceState.Service)
        {
            _bench.Stop(ServiceFailure.LeftService, now);

            // Gains on trial (a tuning's measured step) and gains proposed but not applied end with
            // the visit, however it ends (exit, fault, power-off): only confirmed ones outlive it.
            Volatile.Write(ref _regulatorSettings, _keptRegulatorSettings);
            Volatile.Write(ref _proposedRegulator, null);
        }

        switch (next)
        {
            case DeviceState.SelfTest:
                _selfTest.Start(now, bottleSealed: _sprayValveSuspect);
                if (!_recovering)
                {
                    // A power-on: the technician starts from the configured program and source,
                    // and a power cycle acknowledges what the last session left latched.
                    SelectStartupProgram();
                    _alarms.Acknowledge(now, _events);
                }

                _recovering = false;
                _pedal.RequireRelease();
                _watchPedalStuck = true;
                break;
            case DeviceState.Pressurizing:
                _regulator.Engage(_pOutCheck.LastGoodMpa, _pBottleCheck.LastGoodMpa, now);
                _pressurizeFromMpa = _pOutCheck.LastGoodMpa;
                _fillRose = false;
                _regulated = default;
                _ready.Reset();
                _pressurizeTimeoutRaised = false;
                break;
            case DeviceState.Charging:
                _charger.Start(now);
                break;
            case DeviceState.Spraying:
                _bottleCollapse.Reset();
                _nozzleStarved.Reset();
                break;
            case DeviceState.ShuttingDown:
                _shutdown = ShutdownSequencer.Start(now, _pOutCheck.LastGoodMpa, !_pOutCheck.Faulty, _sprayValveSuspect, _settings.Sequence);
                break;
            case DeviceState.Service:
                // A visit starts clean: gains proposed before it are not the engineer's to apply.
                _benchRegulating = false;
                _bench.Open();
                Volatile.Write(ref _proposedRegulator, null);
                break;
            case DeviceState.Off:
                if (BottleMayHoldPressure())
                {
                    // The ending's own word, before the session closes, so that its record keeps it.
                    ReportStoredPressure(now);
                    _bottleNotice = true;
                }

                if (_session.Active)
                {
                    _session.Active = false;
                    _session.EndedAt = now;
                    _events.Write(new ControlEvent(now, ControlEventKind.SessionEnded, Value: _session.SpraySeconds));
                }

                break;
        }

        if (next is DeviceState.Off or DeviceState.Fault or DeviceState.Service or DeviceState.Idle or DeviceState.ShuttingDown)
        {
            StopCompressor();
            _regulated = default;
        }

        if (next == DeviceState.Ready && !_session.Active)
        {
            _session = new SessionTally
            {
                Active = true,
                StartedAt = now,
                MinSetpointMpa = _setpoint,
                MaxSetpointMpa = _setpoint,
            };
            _events.Write(new ControlEvent(now, ControlEventKind.SessionStarted, Value: _setpoint));
        }
    }

    private void SelectStartupProgram()
    {
        _program = Math.Max(0, ProgramIndex(_settings.StartupProgram));
        _setpoint = _programs[_program].SetpointMpa;
        _source = _settings.StartupGasSource;
    }

    /// <summary>
    /// Whether a latched alarm must put the device in <see cref="DeviceState.Fault"/> now. Off and
    /// ShuttingDown are already heading for (or at) the safe state. In Service the engineer is
    /// there to fix sensors and calibration, so only over-pressure and a stalled loop end it.
    /// </summary>
    private bool SafeStateRequired() => _state switch
    {
        DeviceState.Off or DeviceState.ShuttingDown or DeviceState.Fault => false,
        DeviceState.Service => _alarms.IsLatched(AlarmCode.OverPressure) || _alarms.IsLatched(AlarmCode.LoopOverrun),
        _ => _alarms.AnySafeStateAlarmLatched,
    };

    private static bool IsRegulating(DeviceState state) =>
        state is DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying;

    private static double OpenFor(double since, double now) => double.IsNaN(since) ? 0.0 : now - since;

    private void TrackOutputTimes(in ControlOutputs outputs, double now)
    {
        var sameSource = outputs.OxygenSourceOpen == _outputs.OxygenSourceOpen && outputs.CompressorSourceOpen == _outputs.CompressorSourceOpen;
        _sourceOpenSince = Track(outputs.SourceOpen, sameSource, _sourceOpenSince, now);
        if (!outputs.SourceOpen && _outputs.SourceOpen && now < _sourcePrimeUntil)
        {
            // Shut while the line was still priming: it goes on priming until the valve has dropped
            // out (a shutdown right after the source was switched).
            _sourcePrimeUntil = Math.Max(_sourcePrimeUntil, now + ValveSettleS);
        }

        if (_sourceOpenSince == now)
        {
            _sourcePrimeUntil = now + _settings.Safety.SourcePrimeWindowS;
            _sourceSwitchedAt = now;

            // From one source straight to the other, the line goes on following the old one until its
            // valve has dropped out: which way it primes is taken once that is over.
            _primeFromMpa = _outputs.SourceOpen ? double.NaN : _pSrcCheck.LastGoodMpa;
        }

        _chargeOpenSince = Track(outputs.ChargeOpen, _outputs.ChargeOpen, _chargeOpenSince, now);
        _sprayOpenSince = Track(outputs.SprayOpen, _outputs.SprayOpen, _sprayOpenSince, now);
        if (outputs.VentOpen && !_outputs.VentOpen)
        {
            _ventOpenSince = now;
        }

        static double Track(bool open, bool wasOpen, double since, double now) =>
            !open ? double.NaN : wasOpen && !double.IsNaN(since) ? since : now;
    }

    /// <summary>
    /// DESIGN §2.5, stored pressure is never left silently: wherever the device has stopped working the
    /// bottle — Off, Fault, or a shutdown or self-test that must leave it sealed — a bottle that reads
    /// under pressure, or cannot be read, is on the status and in the event log (and so in the log
    /// and the session record), once when it starts and again at each ending.
    /// </summary>
    private void WatchStoredPressure(double now)
    {
        var idle = _state is DeviceState.Off or DeviceState.Fault
            || (_state == DeviceState.ShuttingDown && _shutdown.KeepsBottleSealed)
            || (_state == DeviceState.SelfTest && _selfTest.BottleSealed);
        var notice = idle && BottleMayHoldPressure();
        if (notice && !_bottleNotice)
        {
            ReportStoredPressure(now);
        }

        _bottleNotice = notice;
    }

    private bool BottleMayHoldPressure()
    {
        _bottleSensorDoubted |= _pBottleCheck.Faulty;
        return _bottleSensorDoubted || _pBottleCheck.LastGoodMpa >= _settings.Sequence.ShutdownVentedBelowMpa;
    }

    private void ReportStoredPressure(double now)
    {
        // (Alarm names why the reading is uncertain: SensorFault when the transducer is in doubt.)
        var why = _bottleSensorDoubted ? AlarmCode.SensorFault : AlarmCode.VentFailure;
        _events.Write(new ControlEvent(now, ControlEventKind.BottleUnderPressure, _state, _state, why, _pBottleCheck.LastGoodMpa));
    }

    /// <summary>√(R_O2 / R_air): oxygen passes this share of air's free-air volume through one conductance.</summary>
    private static readonly double OxygenPerAirVolume = Math.Sqrt(259.8 / 287.1);

    private void Tally(double dt, double pBottle, bool oxygenOpen)
    {
        if (!_session.Active)
        {
            return;
        }

        _session.MinSetpointMpa = Math.Min(_session.MinSetpointMpa, _setpoint);
        _session.MaxSetpointMpa = Math.Max(_session.MaxSetpointMpa, _setpoint);
        if (_state == DeviceState.Spraying)
        {
            _session.SpraySeconds += dt;
            var feed = 8.0 * Math.Max(0.0, pBottle - 0.05);
            _session.LiquidUsedMl += Math.Min(feed, 5.0) * dt / 60.0;
        }

        // Oxygen taken from the cylinder: the inlet's modelled flow (air-equivalent ANR) while the
        // oxygen valve is open, scaled to oxygen's volume through the same conductance (DESIGN §1.3).
        if (oxygenOpen)
        {
            _session.OxygenLitres += Math.Max(0.0, _regulated.DeliveredLpm) * OxygenPerAirVolume * dt / 60.0;
        }

        _session.AlarmsRaised = _alarms.LatchedCount;
    }

    private static IndicatorPattern IndicatorFor(AlarmPriority? priority) => priority switch
    {
        AlarmPriority.High => IndicatorPattern.FastPulse,
        AlarmPriority.Medium => IndicatorPattern.SlowPulse,
        AlarmPriority.Low => IndicatorPattern.Steady,
        _ => IndicatorPattern.Off,
    };

    private void PublishStatus(double now, double dt, in ControlInputs inputs)
    {
        _status.Time = now;
        _status.State = _state;
        _status.StateSince = _stateSince;
        _status.ProgramIndex = _program;
        _status.GasSource = _source;
        _status.SetpointMpa = _setpoint;
        _status.POutMpa = _pOutCheck.LastGoodMpa;
        _status.PBottleMpa = _pBottleCheck.LastGoodMpa;
        _status.PSrcMpa = _pSrcCheck.LastGoodMpa;
        _status.POutFaulty = _pOutCheck.Faulty;
        _status.PBottleFaulty = _pBottleCheck.Faulty;
        _status.PSrcFaulty = _pSrcCheck.Faulty;
        _status.BottleUnderPressure = _bottleNotice;
        _status.PBottleDoubted = _bottleSensorDoubted;
        _status.PedalPressed = _pedal.Pressed;
        _status.PedalIgnored = _pedal.IgnoredUntilReleased;
        _status.LiquidPresent = inputs.LiquidPresent;
        _status.Outputs = _outputs;
        _status.Alarms = _alarms.States;
        _status.Session = _session;
        _status.ReferenceMpa = _regulator.ReferenceMpa;
        _status.DemandLpm = _regulated.DemandLpm;
        _status.FeedForwardLpm = _regulated.FeedForwardLpm;
        _status.IntegralLpm = _regulator.IntegralLpm;
        _status.TickIntervalS = dt;
        _status.Service = _bench.Progress;
        _status.Ticks = _ticks;
    }
}
