using System.Runtime.CompilerServices;

namespace HydroOxygen.Controller.Core;

/// <summary>Spray seconds per plan step, stored inline so that a status snapshot copies without allocating.</summary>
[InlineArray(PlanDefinition.MaxSteps)]
public struct PlanStepSeconds
{
    private double _first;
}

/// <summary>
/// The plan being followed, or the last one followed since power-on (for the end-of-treatment
/// summary): which plan and step, the step's region and passes, and what was sprayed and used.
/// </summary>
public record struct PlanProgress
{
    /// <summary>No plan since power-on.</summary>
    public static PlanProgress None => new() { Plan = -1, Region = -1 };

    /// <summary>Index into the plan table; -1 when no plan has been started since power-on.</summary>
    public int Plan { get; set; }

    /// <summary>The plan is being followed (started and not ended).</summary>
    public bool Running { get; set; }

    /// <summary>The present (or last) step, 0-based.</summary>
    public int Step { get; set; }

    public int StepCount { get; set; }

    /// <summary>Index into the region table; -1 with no plan.</summary>
    public int Region { get; set; }

    public int Passes { get; set; }

    public double StartedAt { get; set; }
    public double EndedAt { get; set; }

    private PlanStepSeconds _stepSpraySeconds;

    /// <summary>Spray seconds over the whole plan.</summary>
    public double SpraySeconds { get; set; }

    /// <summary>Nutrient liquid used since the plan started (the session's estimate), mL.</summary>
    public double LiquidUsedMl { get; set; }

    /// <summary>Oxygen through the inlet since the plan started (the usage counter's figure), litres ANR.</summary>
    public double OxygenUsedL { get; set; }

    /// <summary>Every alarm latched while the plan ran, one bit per <see cref="AlarmCode"/>.</summary>
    public uint Alarms { get; set; }

    public readonly bool Started => Plan >= 0;

    /// <summary>The trace's <c>plan_step</c>: 1-based, 0 when no plan runs.</summary>
    public readonly int StepNumber => Running ? Step + 1 : 0;

    public readonly double ElapsedS(double now) => !Started ? 0.0 : (Running ? now : EndedAt) - StartedAt;

    /// <summary>Spray seconds of a step (0-based); 0 for a step the plan does not have.</summary>
    public readonly double StepSprayS(int step) => (uint)step < (uint)PlanDefinition.MaxSteps ? _stepSpraySeconds[step] : 0.0;

    /// <summary>Adds spray time to the present step and to the plan.</summary>
    public void AddSpray(double seconds)
    {
        _stepSpraySeconds[Step] += seconds;
        SpraySeconds += seconds;
    }
}
