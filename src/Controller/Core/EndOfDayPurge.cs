namespace HydroOxygen.Controller.Core;

/// <summary>
/// The end-of-day purge (DESIGN §1.1's last steps, §2.8), run in Idle with the source closed: while
/// the technician holds the pedal, the bottle is joined to the manifold and both vent through the pen
/// (vent valve shut, as the guide does it: "press the pedal to vent the lines"); released, the spray
/// and charge valves shut at once and the manifold vents by its own valve, the bottle sealed — so no
/// gas leaves the pen without the pedal, even by a spray valve stuck open. Ends when both pressures
/// stay below the shutdown's vented limit, with the prompt to clean the pen.
/// </summary>
public struct EndOfDayPurge
{
    private double _waitStarted;
    private double _ventedS;
    private ConditionTimer _vented;

    /// <summary>Pedal held: the bottle through the manifold and out of the pen.</summary>
    public static ControlOutputs ThroughThePen { get; } = new() { ChargeOpen = true, SprayOpen = true };

    public void Start(double now, ref DayRoutineProgress progress)
    {
        this = default;
        _waitStarted = now;
        progress.Step = DayRoutineStep.Venting;
        progress.WaitingForPedal = true;
    }

    /// <returns>The outputs for this tick (the safe pattern unless the pedal is held).</returns>
    public ControlOutputs Update(
        in TickReadings readings, DeviceState state, bool pedalHeld, bool pOutTrustworthy, bool pBottleTrustworthy,
        ControllerSettings settings, ref DayRoutineProgress progress)
    {
        var now = readings.Now;
        var routine = settings.DayRoutines;
        if (progress.Step != DayRoutineStep.Venting)
        {
            return ControlOutputs.Safe;
        }

        if (state != DeviceState.Idle)
        {
            End(ref progress, DayRoutineResult.Interrupted, double.NaN, in readings);
            return ControlOutputs.Safe;
        }

        var limit = settings.Sequence.ShutdownVentedBelowMpa;
        var below = pOutTrustworthy && pBottleTrustworthy && readings.POutMpa < limit && readings.PBottleMpa < limit;
        if (_vented.Update(below, now, routine.PurgeConfirmS))
        {
            progress.Result = DayRoutineResult.Passed;
            progress.Step = DayRoutineStep.CleanPen;
            progress.WaitingForPedal = false;
            Record(ref progress, in readings);
            return ControlOutputs.Safe;
        }

        progress.WaitingForPedal = !pedalHeld;
        if (!pedalHeld)
        {
            if (now - _waitStarted > routine.PedalWaitS)
            {
                End(ref progress, DayRoutineResult.PedalNotHeld, now - _waitStarted, in readings);
            }

            return ControlOutputs.Safe;
        }

        _waitStarted = now;
        _ventedS += readings.Dt;
        if (_ventedS > routine.PurgeVentS)
        {
            End(ref progress, DayRoutineResult.NotVented, readings.PBottleMpa, in readings);
            return ControlOutputs.Safe;
        }

        return ThroughThePen;
    }

    private static void End(ref DayRoutineProgress progress, DayRoutineResult result, double figure, in TickReadings readings)
    {
        progress.Result = result;
        progress.Figure = figure;
        progress.Step = DayRoutineStep.Done;
        progress.WaitingForPedal = false;
        Record(ref progress, in readings);
    }

    private static void Record(ref DayRoutineProgress progress, in TickReadings readings)
    {
        progress.EndedAt = readings.Now;
        progress.POutMpa = readings.POutMpa;
        progress.PBottleMpa = readings.PBottleMpa;
    }
}
