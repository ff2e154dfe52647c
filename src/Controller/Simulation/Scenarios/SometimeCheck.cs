using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// <c>sometime: [a, b]</c> — at least one sample in the window meets every condition. When none
/// does, the report gives for each condition the closest value seen and what the column held.
/// </summary>
internal sealed class SometimeCheck : ExpectationCheck
{
    private readonly ConditionWitness[] _witnesses;
    private long _samples;
    private double? _metAtS;

    public SometimeCheck(Expectation expectation)
        : base(expectation)
    {
        _witnesses = [.. expectation.Conditions.Select(c => new ConditionWitness(c))];
    }

    public override void Observe(in TraceSample sample)
    {
        if (_metAtS is not null || !Expectation.Window.Contains(sample.TimeS))
        {
            return;
        }

        _samples++;
        var all = true;
        foreach (var witness in _witnesses)
        {
            all &= witness.Observe(in sample);
        }

        if (all)
        {
            _metAtS = sample.TimeS;
        }
    }

    public override ExpectationResult Verdict()
    {
        if (_metAtS is { } at)
        {
            return ExpectationResult.Pass(Expectation, $"met at t = {Time(at)}");
        }

        if (_samples == 0)
        {
            return ExpectationResult.Fail(Expectation, "no sample falls in the window");
        }

        var detail = $"no sample of {_samples} in the window met it; " + string.Join("; ", _witnesses.Select(w => w.Describe()));
        if (_witnesses.Length > 1 && _witnesses.All(w => w.EverMet))
        {
            detail += " (each condition held at some time, but never all on the same sample)";
        }

        return ExpectationResult.Fail(Expectation, detail);
    }
}
