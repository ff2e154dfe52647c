namespace HydroOxygen.Controller.Core;

/// <summary>
/// The safety supervisor (DESIGN §2.5): every alarm's condition judged once a tick, before the state
/// sequencing runs, and the verdict whether a latched alarm forces the safe state.
/// </summary>
public sealed class SafetySupervisor(
    ControllerSettings settings, EventRing events, TreatmentSelection selection, GasDelivery delivery,
    PressureRegulator regulator, ValveTiming valves, TransducerChecks transducers, RegulatorSettingsHandOff tuning)
{
    /// <summary>A foot switch ignored this long is reported as stuck, s.</summary>
    private const double FootSwitchStuckAfterS = 0.1;

    private AlarmTable _alarms;
    private OverPressureWatch _overPressure = new();
    private UncommandedFlowWatch _uncommandedFlow;
    private BottleCrossCheck _crossCheck;
    private SupplyWatch _supply;
    private NozzleBlockageWatch _nozzle;
    private ConditionTimer _underPressure;
    private ConditionTimer _liquidEmpty;
    private ConditionTimer _footSwitchIgnored;
    private bool _watchFootSwitchStuck;
    private bool _ticked;

    public ref AlarmTable Alarms => ref _alarms;

    /// <summary>Gas has left by a way nobody opened: the bottle is not vented through the manifold (its gas would leave as mist).</summary>
    public bool SprayValveSuspect => _uncommandedFlow.SprayValveSuspect;

    /// <summary>The outlets have just been seen to hold in Ready, the leak check passing.</summary>
    public bool OutletsProven(double now) => _uncommandedFlow.OutletsProven(now, settings.Safety);

    public void SuspectSprayValve() => _uncommandedFlow.SuspectSprayValve();

    /// <summary>A fill begins: it must show that gas enters before an unanswered demand counts as a leak.</summary>
    public void FillStarted(double pOutMpa) => _uncommandedFlow.FillStarted(pOutMpa);

    public void SprayStarted() => _nozzle.SprayStarted();

    /// <summary>The gas leaving the manifold by the nozzle watch's balance, litres/min ANR.</summary>
    public double NozzleOutflowLpm { get; private set; }

    /// <summary>The nozzle's flow by its model at P_out, litres/min ANR.</summary>
    public double NozzleModelLpm => _nozzle.ModelLpm;

    /// <summary>A foot switch held through power-on or the end of a fault is reported (PedalStuck) until it is released.</summary>
    public void WatchFootSwitchStuck() => _watchFootSwitchStuck = true;

    /// <summary>
    /// Whether a latched alarm must put the device in Fault now. Off and ShuttingDown already head for
    /// the safe state; in Service the engineer is there to fix sensors and calibration, so only
    /// over-pressure and a stalled loop end it.
    /// </summary>
    public bool SafeStateRequired(DeviceState state) => state switch
    {
        DeviceState.Off or DeviceState.ShuttingDown or DeviceState.Fault => false,
        DeviceState.Service => _alarms.IsLatched(AlarmCode.OverPressure) || _alarms.IsLatched(AlarmCode.LoopOverrun),
        _ => _alarms.AnySafeStateAlarmLatched,
    };

    /// <param name="ventingDown">The bottle is being vented down through the manifold (BottleVentDown).</param>
    /// <param name="fillTimedOut">The present fill has stalled past its time-out where no hold could tell a leak (<see cref="StalledFillHold"/>).</param>
    public void Supervise(
        in ControlInputs inputs, in TickReadings readings, bool sensorsFaulty, DeviceState state, bool ventingDown, bool fillTimedOut,
        in FootSwitch footSwitch)
    {
        var safety = settings.Safety;
        var inUse = tuning.InUse;
        var (now, dt, pOut) = (readings.Now, readings.Dt, readings.POutMpa);
        var powered = state != DeviceState.Off;
        var last = valves.Last;
        ref readonly var regulated = ref regulator.Regulated;
        var reference = regulator.ReferenceMpa;

        // While the bottle vents down through it, the manifold carries the bottle's gas with no spray
        // open: the general trip guards it, and the vent-down its own progress.
        var cap = selection.HasProgram && state.IsRegulating() && !ventingDown ? selection.CeilingMpa : double.NaN;
        var over = _overPressure.Update(in readings, state, cap, reference, in last, in regulated, inUse, settings);
        _alarms.Evaluate(AlarmCode.OverPressure, over, _overPressure.Runaway ? 1 : safety.OverPressureSamples, Math.Max(pOut, readings.PBottleMpa), now, events);

        var (leaking, unexplained) = _uncommandedFlow.Update(
            in readings, state, ventingDown, fillTimedOut, selection.SetpointMpa, reference, in last, in regulated, inUse, settings);
        _alarms.Evaluate(AlarmCode.UncommandedFlow, leaking, 1, unexplained, now, events);
        _uncommandedFlow.Judge(_alarms.IsLatched(AlarmCode.UncommandedFlow), now, safety);

        var crossCheckFails = CrossCheckFails(in readings, state, last.ChargeOpen);
        _alarms.Evaluate(AlarmCode.SensorFault, sensorsFaulty || crossCheckFails, 1, crossCheckFails ? 1 : transducers.FaultChannel, now, events);

        // Off and SelfTest keep the outputs venting, so a late tick there endangers nothing — and that
        // is when a freshly started process is still compiling its loop.
        var supervisedTiming = state is not (DeviceState.Off or DeviceState.SelfTest);
        var stalled = supervisedTiming && _ticked && dt > safety.LoopStallS;
        _ticked = true;
        var overrunning = supervisedTiming && inputs.ConsecutiveOverruns >= safety.LoopOverrunTicks;
        _alarms.Evaluate(AlarmCode.LoopOverrun, stalled || overrunning, 1, dt, now, events);

        _alarms.Evaluate(AlarmCode.CalibrationInvalid, powered && !inputs.CalibrationValid, 1, 0.0, now, events);

        // (Venting the bottle down, the manifold is let down with it on purpose: nothing sprays meanwhile.)
        var delivering = (state is DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying) && !ventingDown;
        var low = delivering && pOut < selection.SetpointMpa - safety.UnderPressureMarginMpa;
        _alarms.Evaluate(AlarmCode.UnderPressure, _underPressure.Update(low, now, safety.UnderPressureAfterS), 1, pOut, now, events);

        _supply.Update(in readings, selection.Source, selection.SetpointMpa, valves.SourceOpenFor(now), last.SourceOpen, delivery.Compressor, settings.Supply, ref _alarms, events);

        var empty = powered && !inputs.LiquidPresent;
        _alarms.Evaluate(AlarmCode.LiquidEmpty, _liquidEmpty.Update(empty, now, safety.LiquidEmptyAfterS), 1, 0.0, now, events);

        var ignoredLongEnough = _footSwitchIgnored.Update(_watchFootSwitchStuck && footSwitch.IgnoredUntilReleased, now, FootSwitchStuckAfterS);
        if (_watchFootSwitchStuck && footSwitch.Armed)
        {
            _watchFootSwitchStuck = false;
        }

        _alarms.Evaluate(AlarmCode.PedalStuck, ignoredLongEnough, 1, 0.0, now, events);

        var (blocked, outflow) = _nozzle.Update(in readings, state == DeviceState.Spraying, valves.SprayOpenFor(now), in last, in regulated, inUse, safety);
        NozzleOutflowLpm = outflow;
        if (blocked)
        {
            _alarms.Raise(AlarmCode.NozzleBlocked, outflow, now, events);
        }
    }

    /// <summary>
    /// Joined by the charge valve (charging, spraying), a bottle reading above the manifold's must be
    /// coming down (BottleCrossCheck). Elsewhere the bottle may rightly be higher (venting through the manifold).
    /// </summary>
    private bool CrossCheckFails(in TickReadings readings, DeviceState state, bool chargeOpen)
    {
        var now = readings.Now;
        var joined = (state is DeviceState.Charging or DeviceState.Spraying) && chargeOpen ? valves.ChargeOpenFor(now) : 0.0;
        return _crossCheck.Update(
            joined, tuning.InUse.SolenoidOnDelayS + ValveTiming.SettleS, state == DeviceState.Charging, readings.POutMpa, readings.PBottleMpa, now, settings.Safety);
    }
}
