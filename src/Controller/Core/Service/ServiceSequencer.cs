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
    private ServiceExit _exit;
    private double _leaseUntil;

    public ServiceSequencer()
    {
        _stepTest = new StepTest(Recording);
        _valvePulse = new ValvePulse(Recording);
    }

    public ServiceRecording Recording { get; } = new();

    public ServiceProgress Progress => _progress;

    public bool Running => _progress.Kind != ServiceProcedureKind.None && !_progress.Finished;

    /// <summary>Who holds the session (0 = nobody named).</summary>
    public int Owner => _progress.Owner;

    /// <summary>The session is ending: venting before the normal states.</summary>
    public bool Leaving => _progress.Leaving;

    /// <summary>Whether a command from <paramref name="owner"/> may act on the session (0 = the caller names nobody).</summary>
    public bool HeldByOther(int owner) => owner != 0 && _progress.Owner != 0 && owner != _progress.Owner;

    public void Start(in ServiceRequest request, double now)
    {
        _hold.Release();
        _progress = new ServiceProgress
        {
            Kind = request.Kind, Run = _progress.Run + 1, Visit = _progress.Visit,
            Owner = _progress.Owner, LeaseS = _progress.LeaseS, LeaseLeftS = _progress.LeaseLeftS,
        };
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

    /// <summary>The engineer who entered holds the session, for the lease (renewed by every sign of them).</summary>
    public void Claim(int owner, double leaseS, double now)
    {
        _progress.Owner = owner;
        _progress.LeaseS = leaseS;
        _progress.LeaseLeftS = leaseS;
        _leaseUntil = now + leaseS;
    }

    public void Renew(double now)
    {
        _leaseUntil = now + _progress.LeaseS;
        _progress.LeaseLeftS = _progress.LeaseS;
    }

    /// <summary>Ends the session: the procedure stops, the hold is let go, and the volumes are vented before the normal states.</summary>
    public void Leave(ServiceEnd why, double now)
    {
        if (_progress.Leaving)
        {
            return;
        }

        Stop(ServiceFailure.LeftService, now);
        _progress.Leaving = true;
        _progress.End = why;
        _exit.Start(now);
    }

    /// <summary>How the vent on the way out is going (an outlet hold first, unless the spray valve is already suspect).</summary>
    public ServiceExit.Result Vent(
        in TickReadings readings, bool pOutTrustworthy, bool pSrcTrustworthy, bool sprayValveSuspect, bool canFill, double inletLagS, SequenceSettings settings) =>
        _exit.Update(
            readings.POutMpa, pOutTrustworthy, readings.PBottleMpa, readings.PSrcMpa, pSrcTrustworthy, sprayValveSuspect, canFill, inletLagS, readings.Now, settings);

    /// <summary>The outputs of the vent on the way out.</summary>
    public ControlOutputs ExitOutputs => _exit.Outputs;

    /// <summary>The way out fills the manifold for its hold: the selected source is opened with <see cref="ExitOutputs"/>.</summary>
    public bool ExitFillingForHold => _exit.FillingForHold;

    /// <summary>The hold on the way out found an outlet open: the bottle was left sealed.</summary>
    public bool ExitFoundOutletOpen => _exit.OutletFoundOpen;

    /// <summary>The way out left the bottle sealed (an outlet found open, the spray valve suspect, or no gas for the hold).</summary>
    public bool ExitKeptBottleSealed => _exit.KeepsBottleSealed;

    /// <summary>The device has left Service (vented, or by a fault or a shutdown).</summary>
    public void Close(double now)
    {
        Stop(ServiceFailure.LeftService, now);
        _progress.Leaving = false;
        _progress.LeaseLeftS = 0.0;
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
        if (_progress.Leaving)
        {
            return ServiceDemand.Outputs(_exit.Outputs);
        }

        if (_progress.LeaseS > 0.0)
        {
            // A procedure running is the engineer's work going on: the lease counts from its end.
            if (Running)
            {
                _leaseUntil = readings.Now + _progress.LeaseS;
            }

            _progress.LeaseLeftS = Math.Max(0.0, _leaseUntil - readings.Now);
            if (readings.Now >= _leaseUntil)
            {
                Leave(ServiceEnd.LeaseExpired, readings.Now);
                return ServiceDemand.Outputs(_exit.Outputs);
            }
        }

        if (!Running || _running is null)
        {
            // A finished calibration hold keeps its pressure (joined, source shut) for the engineer's
            // reading and the next, lower point, until the next request or an abort.
            return _hold.Holding ? ServiceDemand.Outputs(CalibrationHold.HeldOutputs) : ServiceDemand.Safe;
        }

        return _running.Update(ref _progress, in inputs, in readings, source, regulatorOpening, readings.Now - _progress.PhaseSince);
    }
}
