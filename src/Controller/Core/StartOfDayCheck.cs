namespace HydroOxygen.Controller.Core;

/// <summary>
/// The start-of-day check (DESIGN §2.8), judged over the device's normal states rather than beside
/// them: the supply brings the manifold to the setpoint with margin (Pressurizing → Ready), the
/// bottle charges within its time (Charging), and with the technician on the pedal the nozzle passes
/// its model's flow (Spraying). So the check opens no valve the states would not: the spray stays
/// the dead-man's, and a released pedal pauses the nozzle step where it is.
/// </summary>
/// <remarks>
/// The charge is timed when the check finds the bottle to charge (after power-on or the purge, it is
/// vented); a bottle found charged and holding in Ready passes with a charge time of 0.
/// </remarks>
public struct StartOfDayCheck
{
    private double _stepStarted;
    private double _chargeStarted;
    private bool _chargeSeen;
    private double _sprayS;
    private double _outflowLitres;
    private double _modelLitres;
    private ConditionTimer _supplied;
    private ConditionTimer _holding;

    public void Start(double now, ref DayRoutineProgress progress)
    {
        this = default;
        _stepStarted = now;
        progress.Step = DayRoutineStep.Supply;
    }

    /// <param name="outflowLpm">The gas leaving the manifold by the nozzle watch's balance.</param>
    /// <param name="modelLpm">The nozzle's flow by its model at P_out.</param>
    public void Update(
        in TickReadings readings, DeviceState state, double stateSince, double setpointMpa, ref readonly AlarmTable alarms,
        double outflowLpm, double modelLpm, bool ventOpen, ControllerSettings settings, ref DayRoutineProgress progress)
    {
        var now = readings.Now;
        var routine = settings.DayRoutines;
        if (Failure(in alarms) is { } failed)
        {
            End(ref progress, failed.Result, failed.Figure);
        }
        else if (state is not (DeviceState.Idle or DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying))
        {
            End(ref progress, DayRoutineResult.Interrupted, double.NaN);
        }

        switch (progress.Running ? progress.Step : DayRoutineStep.Done)
        {
            case DayRoutineStep.Supply:
                var delivering = state is DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying;
                var above = readings.PSrcMpa >= setpointMpa + settings.Supply.RegulationMarginMpa;
                if (_supplied.Update(delivering && above, now, routine.SupplyHoldS))
                {
                    progress.SupplyMpa = readings.PSrcMpa;
                    Next(ref progress, DayRoutineStep.Charge, now);
                }
                else if (now - _stepStarted > routine.SupplyWithinS)
                {
                    End(ref progress, DayRoutineResult.SupplyLow, readings.PSrcMpa);
                }

                break;

            case DayRoutineStep.Charge:
                if (state == DeviceState.Charging && !_chargeSeen)
                {
                    _chargeSeen = true;
                    _chargeStarted = stateSince;
                }

                if (_chargeSeen && state is DeviceState.Ready or DeviceState.Spraying)
                {
                    progress.ChargeS = now - _chargeStarted;
                    if (progress.ChargeS > routine.ChargeWithinS)
                    {
                        End(ref progress, DayRoutineResult.BottleNotCharging, progress.ChargeS);
                    }
                    else
                    {
                        Next(ref progress, DayRoutineStep.Nozzle, now);
                    }
                }
                else if (_chargeSeen && now - _chargeStarted > routine.ChargeWithinS)
                {
                    progress.ChargeS = now - _chargeStarted;
                    End(ref progress, DayRoutineResult.BottleNotCharging, progress.ChargeS);
                }
                else if (!_chargeSeen && _holding.Update(state == DeviceState.Ready, now, routine.SupplyHoldS))
                {
                    // Found charged: Ready does not start a charge while the bottle holds its pressure.
                    progress.ChargeS = 0.0;
                    Next(ref progress, DayRoutineStep.Nozzle, now);
                }
                else if (!_chargeSeen && now - _stepStarted > routine.ChargeWithinS)
                {
                    End(ref progress, DayRoutineResult.BottleNotCharging, readings.PBottleMpa);
                }

                break;

            case DayRoutineStep.Nozzle:
                var spraying = state == DeviceState.Spraying;
                progress.WaitingForPedal = !spraying;
                if (spraying && now - stateSince >= routine.NozzleSettleS && !ventOpen)
                {
                    _sprayS += readings.Dt;
                    _outflowLitres += outflowLpm * readings.Dt;
                    _modelLitres += modelLpm * readings.Dt;
                    if (_sprayS >= routine.NozzleSampleS)
                    {
                        progress.FlowFraction = _modelLitres > 0.0 ? _outflowLitres / _modelLitres : 0.0;
                        var passed = progress.FlowFraction >= routine.NozzleMinFlowFraction;
                        End(ref progress, passed ? DayRoutineResult.Passed : DayRoutineResult.NozzleFlowLow, progress.FlowFraction);
                    }
                }
                else if (!spraying && now - _stepStarted > routine.PedalWaitS)
                {
                    End(ref progress, DayRoutineResult.PedalNotHeld, now - _stepStarted);
                }

                break;
        }

        if (!progress.Running)
        {
            progress.EndedAt = now;
            progress.POutMpa = readings.POutMpa;
            progress.PBottleMpa = readings.PBottleMpa;
        }
    }

    /// <summary>An alarm that answers one of the check's questions ends it with that answer.</summary>
    private readonly (DayRoutineResult Result, double Figure)? Failure(ref readonly AlarmTable alarms)
    {
        if (alarms.IsLatched(AlarmCode.SupplyLost) || alarms.IsLatched(AlarmCode.SupplyLow)
            || alarms.IsLatched(AlarmCode.CompressorFault) || alarms.IsLatched(AlarmCode.UnderPressure))
        {
            return (DayRoutineResult.SupplyLow, alarms[AlarmCode.SupplyLost].Latched ? alarms[AlarmCode.SupplyLost].Value : double.NaN);
        }

        if (alarms.IsLatched(AlarmCode.BottleNotCharging))
        {
            return (DayRoutineResult.BottleNotCharging, alarms[AlarmCode.BottleNotCharging].Value);
        }

        if (alarms.IsLatched(AlarmCode.NozzleBlocked))
        {
            return (DayRoutineResult.NozzleBlocked, _modelLitres > 0.0 ? _outflowLitres / _modelLitres : double.NaN);
        }

        return null;
    }

    private void Next(ref DayRoutineProgress progress, DayRoutineStep step, double now)
    {
        progress.Step = step;
        progress.WaitingForPedal = step == DayRoutineStep.Nozzle;
        _stepStarted = now;
        _holding.Reset();
    }

    private static void End(ref DayRoutineProgress progress, DayRoutineResult result, double figure)
    {
        progress.Result = result;
        progress.Figure = figure;
        progress.WaitingForPedal = false;
        progress.Step = DayRoutineStep.Done;
    }
}
