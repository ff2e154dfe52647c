using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The device's states and what each one does with the outputs (DESIGN §2.1): Off → SelfTest → Idle →
/// Pressurizing → Ready ⇄ Charging / Spraying, ShuttingDown, Fault and Service. Every change of state
/// goes through <see cref="Enter"/>, which tells the units that care.
/// </summary>
public sealed class StateSequencer(
    ControllerSettings settings, EventRing events, TreatmentSelection selection, SafetySupervisor supervisor,
    GasDelivery delivery, PressureRegulator regulator, TransducerChecks transducers, ServiceSequencer service,
    RegulatorSettingsHandOff tuning, StoredPressureNotice storedPressure, TreatmentSession session, PowerSwitch powerSwitch,
    PlanFollower plan)
{
    private FootSwitch _footSwitch;
    private SelfTest _selfTest;
    private BottleCharger _charger;
    private BottleVentDown _ventDown;
    private ShutdownSequencer _shutdown;
    private ConditionTimer _ready;
    private ConditionTimer _bottleCollapse;
    private bool _pressurizeTimedOut;
    private StalledFillHold _stall;
    private bool _recovering;
    private bool _serviceRegulating;
    private bool _sealedAtServiceExit;

    public DeviceState State { get; private set; } = DeviceState.Off;

    public double StateSince { get; private set; }

    public ref readonly FootSwitch FootSwitch => ref _footSwitch;

    /// <summary>The bottle is being vented down to a lowered program's ceiling (a sub-phase of Ready).</summary>
    public bool VentingDown => _ventDown.Active;

    /// <summary>The present fill has stalled past its time-out where no hold could tell a leak: the leak check's flows judge it.</summary>
    public bool StalledFillJudgedByFlow => _pressurizeTimedOut && _stall.JudgedByFlow;

    /// <summary>
    /// The device has stopped working the bottle and left it as it is (Off, Fault, a sealed shutdown or
    /// self-test, or a Service exit that could not vent it, until the bottle is worked again in Ready).
    /// </summary>
    public bool BottleLeftAlone => State is DeviceState.Off or DeviceState.Fault
        || (State == DeviceState.ShuttingDown && _shutdown.KeepsBottleSealed)
        || (State == DeviceState.SelfTest && _selfTest.BottleSealed)
        || (_sealedAtServiceExit && State is DeviceState.Idle or DeviceState.Pressurizing);

    public void FollowFootSwitch(bool contact, double now) => _footSwitch.Update(contact, now, settings.Safety.PedalDebounceS);

    /// <summary>The setpoint went up: the bottle was charged for less.</summary>
    public void SetpointRaised() => _charger.SetpointRaised();

    /// <summary>What the state asks of the valves this tick, from the state and the readings.</summary>
    public ManifoldDemand Run(in ControlInputs inputs, in TickReadings readings)
    {
        var now = readings.Now;
        var sequence = settings.Sequence;
        ref var alarms = ref supervisor.Alarms;
        switch (State)
        {
            case DeviceState.Fault:
                if (!alarms.AnySafeStateAlarmLatched)
                {
                    // Recovering goes through the self-test again: the sensors must read zero vented.
                    _recovering = true;
                    Enter(DeviceState.SelfTest, now);
                }

                return ControlOutputs.Safe;

            case DeviceState.Service:
                return Serve(in inputs, in readings);

            case DeviceState.SelfTest:
                switch (_selfTest.Update(in inputs, now, sequence))
                {
                    case SelfTest.Result.Passed:
                        // The bottle's zero was judged (unless it was left sealed): its transducer is believed again.
                        storedPressure.BottleSeenVented(leftSealed: _selfTest.BottleSealed);
                        Enter(DeviceState.Idle, now);
                        return ControlOutputs.Safe;
                    case SelfTest.Result.ZeroOutOfTolerance:
                        alarms.Raise(AlarmCode.CalibrationInvalid, _selfTest.WorstZero, now, events);
                        Enter(DeviceState.Fault, now);
                        return ControlOutputs.Safe;
                    case SelfTest.Result.CalibrationMissing:
                        Enter(DeviceState.Fault, now);
                        return ControlOutputs.Safe;
                    default:
                        return _selfTest.Outputs;
                }

            case DeviceState.Idle:
                if (selection.Source != GasSource.None)
                {
                    Enter(DeviceState.Pressurizing, now);
                    return Regulate(charge: false, spray: false);
                }

                return ControlOutputs.Safe;

            case DeviceState.Pressurizing:
                return Pressurize(in readings);

            case DeviceState.Ready:
                return ReadyToSpray(in readings);

            case DeviceState.Charging:
                return Charge(in readings);

            case DeviceState.Spraying:
                return Spray(in readings);

            case DeviceState.ShuttingDown:
                return ShutDown(in inputs, in readings);

            default:
                return ControlOutputs.Safe;
        }
    }

    public void Enter(DeviceState next, double now)
    {
        if (next == State)
        {
            return;
        }

        var previous = State;
        State = next;
        StateSince = now;
        _charger.EndTopOff();
        _sealedAtServiceExit &= next is DeviceState.Idle or DeviceState.Pressurizing;
        events.Write(new ControlEvent(now, ControlEventKind.StateChanged, previous, next));
        if (previous == DeviceState.Ready)
        {
            // Venting down is a sub-phase of Ready: whatever ends Ready ends it.
            _ventDown.Cancel();
        }

        if (previous == DeviceState.Service)
        {
            service.Close(now);
            tuning.EndVisit();
        }

        switch (next)
        {
            case DeviceState.SelfTest:
                _selfTest.Start(now, bottleSealed: supervisor.SprayValveSuspect);
                if (!_recovering)
                {
                    // A power-on starts from the configured program and source, and acknowledges what the last session left latched.
                    selection.SelectStartup(settings);
                    plan.Forget();
                    supervisor.Alarms.Acknowledge(now, events);
                }

                _recovering = false;
                _footSwitch.RequireRelease();
                supervisor.WatchFootSwitchStuck();
                break;
            case DeviceState.Pressurizing:
                regulator.Engage(transducers.POutMpa, transducers.PBottleMpa, now);
                supervisor.FillStarted(transducers.POutMpa);
                _ready.Reset();
                _pressurizeTimedOut = false;
                _stall.Reset();
                break;
            case DeviceState.Charging:
                _charger.Start(now);
                break;
            case DeviceState.Spraying:
                _bottleCollapse.Reset();
                supervisor.SprayStarted();
                break;
            case DeviceState.ShuttingDown:
                _shutdown = ShutdownSequencer.Start(
                    now, transducers.POutMpa, !transducers.POutFaulty, supervisor.SprayValveSuspect, canFill: selection.Source != GasSource.None,
                    tuning.InUse.InletLagS, settings.Safety.SensorFrozenAfterS, settings.Sequence);
                break;
            case DeviceState.Service:
                _serviceRegulating = false;
                service.Open();
                tuning.DropProposal();
                break;
            case DeviceState.Off:
                storedPressure.AtEnding(next, now);
                plan.End(now);
                if (session.Active)
                {
                    session.End(now);
                }

                break;
        }

        if (next is DeviceState.Off or DeviceState.Fault or DeviceState.Service or DeviceState.Idle or DeviceState.ShuttingDown)
        {
            delivery.Compressor.Stop();
            regulator.Idle();
        }

        if (next == DeviceState.Ready && !session.Active)
        {
            session.Start(now, selection.SetpointMpa);
        }
    }

    private ManifoldDemand Pressurize(in TickReadings readings)
    {
        var sequence = settings.Sequence;
        var now = readings.Now;

        // Ready also means the gas can keep the setpoint: a compressor tank still filling is not ready to spray.
        var supplied = readings.PSrcMpa >= selection.SetpointMpa + settings.Supply.RegulationMarginMpa;
        if (_ready.Update(Math.Abs(readings.POutMpa - selection.SetpointMpa) <= sequence.ReadyWithinMpa && supplied, now, sequence.ReadyHoldS))
        {
            Enter(DeviceState.Ready, now);
            return ReadyToSpray(in readings);
        }

        var timeout = selection.Source == GasSource.Compressor ? sequence.PressurizeCompressorTimeoutS : sequence.PressurizeTimeoutS;
        if (!_pressurizeTimedOut && now - StateSince > timeout)
        {
            _pressurizeTimedOut = true;
            supervisor.Alarms.Raise(AlarmCode.UnderPressure, readings.POutMpa, now, events);
            _stall.Start(readings.POutMpa, !transducers.POutFaulty, now, sequence);
        }

        var held = _stall.State == StalledFillHold.Verdict.Holding;
        switch (_stall.Update(readings.POutMpa, !transducers.POutFaulty, now, sequence))
        {
            case StalledFillHold.Verdict.Holding:
                delivery.RunCompressor(in readings, selection.Source, selection.SetpointMpa, ref supervisor.Alarms);
                regulator.Idle();
                return delivery.WithSourceOpen(_stall.Outputs, selection.Source);
            case StalledFillHold.Verdict.Leaking:
                // Gas leaves with every valve shut: the fill was feeding a leak.
                return FaultOnOpenOutlet(now);
            case StalledFillHold.Verdict.Sealed when held:
                // Nothing leaves: the inlet passes nothing. The fill goes on from where the hold left it, with UnderPressure.
                regulator.Engage(readings.POutMpa, readings.PBottleMpa, now);
                break;
        }

        return Regulate(charge: false, spray: false);
    }

    private ManifoldDemand ReadyToSpray(in TickReadings readings)
    {
        var sequence = settings.Sequence;
        var (now, pOut, pBottle) = (readings.Now, readings.POutMpa, readings.PBottleMpa);
        var ceiling = selection.CeilingMpa;
        if (GasStillComing(in readings))
        {
            return Repressurize(in readings);
        }

        // A bottle charged for more than the program now allows is vented down first; with the spray
        // valve in doubt it waits (sealed) until the manifold has held in Ready.
        if (_ventDown.Active || !supervisor.SprayValveSuspect)
        {
            switch (_ventDown.Update(pOut, !transducers.POutFaulty, pBottle, ceiling, supervisor.OutletsProven(now), now, sequence))
            {
                case BottleVentDown.Result.OutletOpen:
                    // The bottle stays sealed; regulating again lets the leak check name the outlet.
                    supervisor.SuspectSprayValve();
                    regulator.Engage(pOut, pBottle, now);
                    break;
                case BottleVentDown.Result.Venting:
                    delivery.RunCompressor(in readings, selection.Source, selection.SetpointMpa, ref supervisor.Alarms);
                    regulator.Idle();
                    return delivery.WithSourceOpen(_ventDown.Outputs, selection.Source);
                case BottleVentDown.Result.Done:
                    // The manifold went down with the bottle: it is filled again before the device is Ready.
                    return Repressurize(in readings);
                case BottleVentDown.Result.TimedOut:
                    supervisor.Alarms.Raise(AlarmCode.VentFailure, pBottle, now, events);
                    return ControlOutputs.Safe;
            }
        }

        var chargeBlocked = supervisor.Alarms.IsLatched(AlarmCode.BottleNotCharging);
        if (!chargeBlocked && _charger.NeedsCharge(pBottle, selection.SetpointMpa, sequence))
        {
            Enter(DeviceState.Charging, now);
            return Charge(in readings);
        }

        // Spraying waits until manifold and bottle are within the program's limits (just lowered).
        var withinLimits = regulator.ReferenceMpa <= ceiling + 1e-9
            && pOut <= ceiling + sequence.ReadyWithinMpa
            && pBottle <= BottleVentDown.TooHighAboveMpa(ceiling, sequence);
        if (_footSwitch.Held && CanSpray() && withinLimits)
        {
            if (pBottle < selection.SetpointMpa - sequence.ChargedWithinMpa)
            {
                Enter(DeviceState.Charging, now);
                return Charge(in readings);
            }

            Enter(DeviceState.Spraying, now);
            return Spray(in readings);
        }

        return Regulate(charge: _charger.TopsOff(pBottle, selection.SetpointMpa, now, sequence), spray: false);
    }

    private ManifoldDemand Charge(in TickReadings readings)
    {
        var now = readings.Now;
        if (GasStillComing(in readings))
        {
            return Repressurize(in readings);
        }

        switch (_charger.Update(readings.PBottleMpa, selection.SetpointMpa, now, settings.Sequence))
        {
            case BottleCharger.Result.Charged when _footSwitch.Held && CanSpray():
                Enter(DeviceState.Spraying, now);
                return Regulate(charge: true, spray: true);
            case BottleCharger.Result.Charged:
                Enter(DeviceState.Ready, now);
                _charger.TopOffFrom(now, settings.Sequence);
                return Regulate(charge: _charger.TopsOff(readings.PBottleMpa, selection.SetpointMpa, now, settings.Sequence), spray: false);
            case BottleCharger.Result.TimedOut:
                supervisor.Alarms.Raise(AlarmCode.BottleNotCharging, readings.PBottleMpa, now, events);
                Enter(DeviceState.Ready, now);
                return Regulate(charge: false, spray: false);
            default:
                return Regulate(charge: true, spray: false);
        }
    }

    private ManifoldDemand Spray(in TickReadings readings)
    {
        var sequence = settings.Sequence;
        var now = readings.Now;
        if (!_footSwitch.Held)
        {
            Enter(DeviceState.Ready, now);
            return Regulate(charge: false, spray: false);
        }

        if (now - StateSince > settings.Safety.SprayTimeLimitS)
        {
            supervisor.Alarms.Raise(AlarmCode.SprayTimeout, now - StateSince, now, events);
            StopSprayingUntilReleased(now);
            return Regulate(charge: false, spray: false);
        }

        if (!CanSpray())
        {
            StopSprayingUntilReleased(now);
            return Regulate(charge: false, spray: false);
        }

        if (GasStillComing(in readings))
        {
            // The pedal stays down: the spray resumes once the gas is there.
            return Repressurize(in readings);
        }

        if (_bottleCollapse.Update(readings.PBottleMpa < readings.POutMpa - sequence.BottleCollapseMpa, now, sequence.BottleCollapseAfterS))
        {
            // Gas only at the pen: stop and recharge, as the operating guide tells the technician to.
            Enter(DeviceState.Charging, now);
            return Regulate(charge: true, spray: false);
        }

        // A bottle charged above a setpoint turned well down is not joined to the manifold (it would push
        // the hose above the new setpoint): it feeds on its own pressure until it is within the band.
        var joinBottle = readings.PBottleMpa <= selection.SetpointMpa + sequence.BottleJoinsWithinMpa;
        return Regulate(charge: joinBottle, spray: true);
    }

    private ManifoldDemand ShutDown(in ControlInputs inputs, in TickReadings readings)
    {
        var now = readings.Now;

        // The sensors' present verdict, not the latched alarm: an old SensorFault nobody acknowledged must
        // not keep a device whose transducers read plausibly again from confirming that it is vented.
        switch (_shutdown.Update(
            readings.POutMpa, readings.PBottleMpa, readings.PSrcMpa, !transducers.POutFaulty, !transducers.PBottleFaulty, !transducers.PSrcFaulty, now, settings.Sequence))
        {
            case ShutdownSequencer.Result.Vented:
                storedPressure.BottleSeenVented(leftSealed: _shutdown.KeepsBottleSealed);
                Enter(DeviceState.Off, now);
                return ControlOutputs.Safe;
            case ShutdownSequencer.Result.TimedOut:
                supervisor.Alarms.Raise(AlarmCode.VentFailure, Math.Max(readings.POutMpa, readings.PBottleMpa), now, events);
                powerSwitch.ShutdownFailed(inputs.PowerSwitchOn);
                Enter(DeviceState.Fault, now);
                return ControlOutputs.Safe;
            default:
                if (_shutdown.OutletFoundOpen)
                {
                    supervisor.SuspectSprayValve();
                }

                return _shutdown.FillingForHold ? delivery.WithSourceOpen(_shutdown.Outputs, selection.Source) : _shutdown.Outputs;
        }
    }

    /// <summary>Service: the engineer's procedure decides, with its own setpoint; with none running, the outputs are safe.</summary>
    private ManifoldDemand Serve(in ControlInputs inputs, in TickReadings readings)
    {
        var demand = service.Update(in inputs, in readings, selection.Source, regulator.Regulated.InletOpening);
        if (service.Leaving)
        {
            _serviceRegulating = false;
            return LeaveService(in readings);
        }

        if (!demand.Regulate)
        {
            _serviceRegulating = false;
            return demand.Manual;
        }

        if (!_serviceRegulating)
        {
            // The valves were the procedure's since the last regulated phase: start from what is there now.
            regulator.Engage(readings.POutMpa, readings.PBottleMpa, readings.Now);
            _serviceRegulating = true;
        }

        // The procedure fills the bottle through the charge valve, but the regulator is not told: an
        // uncalibrated bottle reading would have its charging feed-forward keep feeding a full bottle.
        return ManifoldDemand.Regulate(demand.SetpointMpa, charge: false, spray: false) with { ChargeOpen = demand.ChargeOpen };
    }

    /// <summary>Leaving Service vents what the engineer's work left first: the normal states start from an empty manifold.</summary>
    /// <summary>
    /// A hold found gas leaving with every valve shut: the spray valve is suspect and its alarm raised
    /// (no flow was measured, hence 0 L/min), and the device goes to Fault.
    /// </summary>
    private ControlOutputs FaultOnOpenOutlet(double now)
    {
        supervisor.SuspectSprayValve();
        supervisor.Alarms.Raise(AlarmCode.UncommandedFlow, 0.0, now, events);
        Enter(DeviceState.Fault, now);
        return ControlOutputs.Safe;
    }

    private ManifoldDemand LeaveService(in TickReadings readings)
    {
        var now = readings.Now;
        var result = service.Vent(
            in readings, !transducers.POutFaulty, !transducers.PSrcFaulty, supervisor.SprayValveSuspect, canFill: selection.Source != GasSource.None, tuning.InUse.InletLagS, settings.Sequence);
        if (service.ExitFoundOutletOpen)
        {
            // The bottle stays sealed; once the manifold is vented the device goes to Fault (below).
            supervisor.SuspectSprayValve();
        }

        switch (result)
        {
            case ServiceExit.Result.Vented when supervisor.SprayValveSuspect:
                // Pressurizing would fill the manifold through a spray valve known to be open: mist with the
                // pedal up until the leak check named it. The alarm that names it is raised now instead;
                // the bottle stays sealed and reported in Fault.
                return FaultOnOpenOutlet(now);
            case ServiceExit.Result.Vented:
                Enter(DeviceState.Idle, now);
                _sealedAtServiceExit = service.ExitKeptBottleSealed;
                return ControlOutputs.Safe;
            case ServiceExit.Result.TimedOut:
                supervisor.Alarms.Raise(AlarmCode.VentFailure, Math.Max(readings.POutMpa, readings.PBottleMpa), now, events);
                Enter(DeviceState.Fault, now);
                return ControlOutputs.Safe;
            default:
                return service.ExitFillingForHold ? delivery.WithSourceOpen(service.ExitOutputs, selection.Source) : service.ExitOutputs;
        }
    }

    /// <summary>
    /// A compressor tank filling for the first time cannot hold the setpoint yet: a wait, not an
    /// under-pressure (DESIGN §2.5). The half margin is hysteresis against Pressurizing's Ready condition.
    /// </summary>
    private bool GasStillComing(in TickReadings readings) =>
        selection.Source == GasSource.Compressor && !delivery.Compressor.Warm
        && readings.PSrcMpa < selection.SetpointMpa + (settings.Supply.RegulationMarginMpa / 2.0);

    private ManifoldDemand Repressurize(in TickReadings readings)
    {
        Enter(DeviceState.Pressurizing, readings.Now);
        return Pressurize(in readings);
    }

    private void StopSprayingUntilReleased(double now)
    {
        _footSwitch.RequireRelease();
        Enter(DeviceState.Ready, now);
    }

    private bool CanSpray() =>
        !supervisor.Alarms.IsLatched(AlarmCode.LiquidEmpty)
        && !supervisor.Alarms.IsLatched(AlarmCode.NozzleBlocked)
        && !supervisor.Alarms.IsLatched(AlarmCode.BottleNotCharging);

    private ManifoldDemand Regulate(bool charge, bool spray) => ManifoldDemand.Regulate(selection.SetpointMpa, charge, spray);
}
