namespace HydroOxygen.Controller.Core;

/// <summary>
/// One of the engineer's procedures, carried out on the tick in phases (DESIGN §2.1 <c>Service</c>).
/// It decides the outputs from the readings and records what the engineer's tools need; nothing
/// here sprays. What every procedure shares: its request, its phase changes, its failure, and the
/// judgements of a joined volume that has stopped moving.
/// </summary>
public abstract class ServiceProcedure
{
    /// <summary>A fill that has not reached its pressure by now has failed, s.</summary>
    protected const double FillTimeoutS = 30.0;

    /// <summary>A regulated start that has not reached its pressure by now has failed, s.</summary>
    protected const double PrepareTimeoutS = 20.0;

    /// <summary>The shortest vent before the readings may be judged vented, s.</summary>
    protected const double MinimumVentS = 2.0;

    /// <summary>
    /// How long a fill keeps the source shut at its start, s: a phase that joined the source line to
    /// the manifold left the inlet open, and the supply would dump into the manifold behind it.
    /// </summary>
    protected const double InletCloseS = 0.1;

    /// <summary>How close the joined volumes are trimmed to a target, MPa.</summary>
    protected const double TrimToleranceMpa = 0.005;

    /// <summary>The bottle reading must have stopped rising this long to count as charged, s.</summary>
    protected const double SteadyForS = 1.0;

    private const double VentedWithinMpa = 0.002;
    private const double BottleSettledWithinMpa = 0.003;

    private SteadyReading _outletSteady;
    private SteadyReading _bottleSteady;

    /// <summary>Manifold, bottle (charge valve open) and source line (inlet open, source shut) as one volume.</summary>
    protected static ControlOutputs Joined { get; } = ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true, InletOpening = 1.0 };

    protected ServiceRequest Request { get; private set; }

    public void Start(ref ServiceProgress progress, in ServiceRequest request, double now)
    {
        Request = request;
        Starting(now);
        Enter(ref progress, FirstPhase(in request), now);
    }

    /// <summary>Ends the procedure as failed.</summary>
    public ServiceDemand Fail(ref ServiceProgress progress, ServiceFailure why, double now)
    {
        progress.Failure = why;
        Enter(ref progress, ServicePhase.Failed, now);
        return ServiceDemand.Safe;
    }

    /// <param name="inPhase">Time since the present phase began, s.</param>
    public abstract ServiceDemand Update(ref ServiceProgress progress, in ControlInputs inputs, in TickReadings readings, GasSource source, double regulatorOpening, double inPhase);

    protected abstract ServicePhase FirstPhase(in ServiceRequest request);

    protected virtual void Starting(double now)
    {
    }

    /// <summary>A new phase begins: whatever the last one was waiting for starts afresh.</summary>
    protected virtual void Entering(ServicePhase phase)
    {
    }

    protected void Enter(ref ServiceProgress progress, ServicePhase phase, double now)
    {
        progress.Phase = phase;
        progress.PhaseSince = now;
        _outletSteady.Reset();
        _bottleSteady.Reset();
        Entering(phase);
    }

    /// <summary>Whether both readings have stopped falling for the request's settling time.</summary>
    protected bool VentedSteady(double pOut, double pBottle, double now)
    {
        var outlet = _outletSteady.Update(pOut, now, VentedWithinMpa, Request.SettleS);
        var bottle = _bottleSteady.Update(pBottle, now, VentedWithinMpa, Request.SettleS);
        return outlet && bottle;
    }

    /// <summary>Whether the bottle reading has stopped rising for a second: charged as far as it goes.</summary>
    protected bool BottleSettled(double pBottle, double now) =>
        _bottleSteady.Update(pBottle, now, BottleSettledWithinMpa, SteadyForS);
}
