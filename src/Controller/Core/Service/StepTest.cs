namespace HydroOxygen.Controller.Core;

/// <summary>
/// A step test: the regulator brought to one pressure and quiet, then the setpoint stepped and the
/// response recorded for the engineer's tuning.
/// </summary>
public sealed class StepTest(ServiceRecording recording) : ServiceProcedure
{
    /// <summary>Near the starting pressure is within this, MPa: quiet, not necessarily tight (a badly tuned regulator is what is tested).</summary>
    private const double StartWithinMpa = 0.01;
    private const double QuietS = 0.5;

    private ConditionTimer _quiet;

    public override ServiceDemand Update(ref ServiceProgress progress, in ControlInputs inputs, in TickReadings readings, GasSource source, double regulatorOpening, double inPhase)
    {
        var now = readings.Now;
        switch (progress.Phase)
        {
            case ServicePhase.Preparing:
                if (_quiet.Update(Math.Abs(readings.POutMpa - Request.FromMpa) <= StartWithinMpa, now, QuietS))
                {
                    progress.StepAt = now;
                    Enter(ref progress, ServicePhase.Recording, now);
                    return ServiceDemand.Regulating(Request.ToMpa);
                }

                return inPhase > PrepareTimeoutS ? Fail(ref progress, ServiceFailure.CouldNotReachPressure, now) : ServiceDemand.Regulating(Request.FromMpa);

            case ServicePhase.Recording:
                recording.Add(now, readings.POutMpa, readings.PBottleMpa, readings.PSrcMpa, regulatorOpening);
                if (inPhase >= Request.DurationS)
                {
                    Enter(ref progress, ServicePhase.Done, now);
                    return ServiceDemand.Safe;
                }

                return ServiceDemand.Regulating(Request.ToMpa);

            default:
                return ServiceDemand.Safe;
        }
    }

    protected override ServicePhase FirstPhase(in ServiceRequest request) => ServicePhase.Preparing;

    protected override void Entering(ServicePhase phase) => _quiet.Reset();
}
