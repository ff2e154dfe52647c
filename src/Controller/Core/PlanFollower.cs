namespace HydroOxygen.Controller.Core;

/// <summary>
/// Follows a treatment plan on the tick (DESIGN §2.7): which step the technician is on, and the spray
/// seconds of each step, the liquid and oxygen used and the alarms latched since the plan started.
/// The step's program and setpoint are not set here: <see cref="CommandHandler"/> switches them
/// through the same checks as the technician's own choice.
/// </summary>
public sealed class PlanFollower(PlanTable plans)
{
    private PlanProgress _progress = PlanProgress.None;
    private double _liquidAtStartMl;
    private double _oxygenAtStartL;

    public PlanTable Plans => plans;

    public ref readonly PlanProgress Progress => ref _progress;

    /// <summary>Starts a plan at its first step; what the last plan tallied is forgotten.</summary>
    public void Start(int plan, double now, in SessionTally session, in UsageCounters usage)
    {
        _progress = PlanProgress.None with { Plan = plan, Running = true, StartedAt = now, StepCount = plans.StepCount(plan) };
        _liquidAtStartMl = session.LiquidUsedMl;
        _oxygenAtStartL = usage.OxygenLitres;
        MoveTo(0);
    }

    public void MoveTo(int step)
    {
        var definition = plans.Step(_progress.Plan, step);
        _progress.Step = step;
        _progress.Region = definition.RegionIndex;
        _progress.Passes = definition.Passes;
    }

    /// <summary>The plan ends (the technician's end, or the session's); its figures stay for the summary.</summary>
    public void End(double now)
    {
        if (_progress.Running)
        {
            _progress.Running = false;
            _progress.EndedAt = now;
        }
    }

    /// <summary>A power-on: the last treatment's plan is no longer shown.</summary>
    public void Forget() => _progress = PlanProgress.None;

    /// <summary>Tallies the tick into the present step (spraying counts only within a session, as the session's own spray time does).</summary>
    public void Add(double dt, bool spraying, in SessionTally session, in UsageCounters usage, uint latchedAlarms)
    {
        if (!_progress.Running)
        {
            return;
        }

        if (spraying && session.Active)
        {
            _progress.AddSpray(dt);
        }

        _progress.LiquidUsedMl = Math.Max(0.0, session.LiquidUsedMl - _liquidAtStartMl);
        _progress.OxygenUsedL = Math.Max(0.0, usage.OxygenLitres - _oxygenAtStartL);
        _progress.Alarms |= latchedAlarms;
    }
}
