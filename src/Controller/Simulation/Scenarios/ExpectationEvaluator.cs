using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>Judges all of a scenario's expectations in one pass over the streamed samples.</summary>
public sealed class ExpectationEvaluator : ITraceObserver
{
    private readonly ExpectationCheck[] _checks;

    public ExpectationEvaluator(IEnumerable<Expectation> expectations)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        _checks = [.. expectations.Select(ExpectationCheck.For)];
    }

    public void Observe(in TraceSample sample)
    {
        foreach (var check in _checks)
        {
            check.Observe(in sample);
        }
    }

    public void Complete()
    {
    }

    /// <summary>The verdicts, in the order the expectations were written.</summary>
    public IReadOnlyList<ExpectationResult> Results() => [.. _checks.Select(c => c.Verdict())];
}
