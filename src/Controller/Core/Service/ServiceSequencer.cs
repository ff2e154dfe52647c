namespace HydroOxygen.Controller.Core;

/// <summary>
/// Carries out the engineer's procedures on the tick (DESIGN §2.1 <c>Service</c>), one at a time:
/// <see cref="CalibrationHold"/>, <see cref="LeakTest"/>, <see cref="StepTest"/> and <see cref="ValvePulse"/>.
/// The fitting, judging and storing happen off the tick, in the engineer's tools. Nothing here sprays.
/// </summary>
public sealed class ServiceSequencer
{
    private readonly CalibrationHold _hold = new();
    private readonly LeakTest _leakTest = new();
    private readonly StepTest _stepTest;
    private readonly ValvePulse _valvePulse;
    private ServiceProcedure? _running;
    private ServiceProgress _progress;

    public ServiceSequencer()
    {
        _stepTest = new StepTest(Recording);
        _valvePulse = new ValvePulse(Recording);
    }

    public ServiceRecording Recording { get; } = new();

    public ServiceProgress Progress => _progress;

    public bool Running => _progress.Kind != ServiceProcedureKind.None && !_progress.Finished;

    public void Start(in ServiceRequest request, double now)
    {
        _hold.Release();
        _progress = new ServiceProgress { Kind = request.Kind, Run = _progress.Run + 1, Visit = _progress.Visit };
        Recording.Clear();
        _running = request.Kind switch
        {
            ServiceProcedureKind.HoldPressure => _hold,
            ServiceProcedureKind.LeakTest => _leakTest,
            ServiceProcedureKind.StepTest => _stepTest,
            ServiceProcedureKind.ValvePulse => _valvePulse,
            _ => null,
        };
        _running?.Start(ref _progress, in request, now);
    }

    /// <summary>Starts a service visit: nothing running, nothing held, the last visit's results gone.</summary>
    public void Open()
    {
        _hold.Release();
        _progress = new ServiceProgress { Run = _progress.Run, Visit = _progress.Visit + 1 };
    }

    /// <summary>Stops the running procedure, if any.</summary>
    public void Stop(ServiceFailure why, double now)
    {
        _hold.Release();
        if (Running)
        {
            _running!.Fail(ref _progress, why, now);
        }
    }

    /// <summary>What the running procedure wants from the outputs this tick (with its own setpoint, when it regulates).</summary>
    public ServiceDemand Update(in ControlInputs inputs, in TickReadings readings, GasSource source, double regulatorOpening)
    {
        if (!Running || _running is null)
        {
            // A finished calibration hold keeps its pressure (joined, source shut) for the engineer's
            // reading and the next, lower point, until the next request or an abort.
            return _hold.Holding ? ServiceDemand.Outputs(CalibrationHold.HeldOutputs) : ServiceDemand.Safe;
        }

        return _running.Update(ref _progress, in inputs, in readings, source, regulatorOpening, readings.Now - _progress.PhaseSince);
    }
}
