namespace HydroOxygen.Controller.Core;

/// <summary>
/// The daily routines (DESIGN §2.8): at most one at a time, started and stopped by commands, followed
/// once per tick after the states have decided the outputs. The check only observes the states; the
/// purge drives the outputs while the device is Idle with the source closed.
/// </summary>
public sealed class DayRoutines
{
    private StartOfDayCheck _check;
    private EndOfDayPurge _purge;
    private DayRoutineProgress _progress = new() { Figure = double.NaN, SupplyMpa = double.NaN, ChargeS = double.NaN, FlowFraction = double.NaN };

    public ref readonly DayRoutineProgress Progress => ref _progress;

    public bool Running => _progress.Running;

    public void StartCheck(double now, GasSource source)
    {
        Begin(DayRoutineKind.StartOfDayCheck, now);
        _progress.Source = source;
        _check.Start(now, ref _progress);
    }

    public void StartPurge(double now)
    {
        Begin(DayRoutineKind.EndOfDayPurge, now);
        _purge.Start(now, ref _progress);
    }

    /// <summary>Stops a running routine (cancelled), or takes down a finished purge's "clean the pen" prompt.</summary>
    public void Stop(double now)
    {
        if (_progress.Running)
        {
            _progress.Result = DayRoutineResult.Cancelled;
            _progress.Step = DayRoutineStep.Done;
            _progress.WaitingForPedal = false;
            _progress.EndedAt = now;
            _progress.Runs++;
        }
        else if (_progress.CleanPenPrompt)
        {
            _progress.Step = DayRoutineStep.Done;
        }
    }

    /// <summary>Follows the routine for this tick; returns the outputs the tick writes.</summary>
    public ControlOutputs Follow(
        in ControlOutputs decided, in TickReadings readings, DeviceState state, double stateSince, double setpointMpa,
        ref readonly AlarmTable alarms, bool pedalHeld, double outflowLpm, double modelLpm, bool pOutTrustworthy, bool pBottleTrustworthy,
        ControllerSettings settings)
    {
        if (!_progress.Running)
        {
            return decided;
        }

        var outputs = decided;
        if (_progress.Kind == DayRoutineKind.StartOfDayCheck)
        {
            _check.Update(in readings, state, stateSince, setpointMpa, in alarms, outflowLpm, modelLpm, decided.VentOpen, settings, ref _progress);
        }
        else
        {
            // Outside Idle the purge only notes that it was interrupted; the state's outputs stand.
            var purge = _purge.Update(in readings, state, pedalHeld, pOutTrustworthy, pBottleTrustworthy, settings, ref _progress);
            if (state == DeviceState.Idle)
            {
                outputs = purge;
            }
        }

        if (!_progress.Running)
        {
            _progress.Runs++;
        }

        return outputs;
    }

    private void Begin(DayRoutineKind kind, double now)
    {
        _progress = new DayRoutineProgress
        {
            Kind = kind,
            StartedAt = now,
            Figure = double.NaN,
            SupplyMpa = double.NaN,
            ChargeS = double.NaN,
            FlowFraction = double.NaN,
            Runs = _progress.Runs,
        };
    }
}
