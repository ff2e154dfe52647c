using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary><c>during: [a, b]</c> — every sample in the window; reports the first that is not.</summary>
internal sealed class DuringCheck(Expectation expectation) : ExpectationCheck(expectation)
{
    private long _samples;
    private long _offending;
    private double _lastOffenceS;
    private string? _firstOffence;

    public override void Observe(in TraceSample sample)
    {
        if (!Expectation.Window.Contains(sample.TimeS))
        {
            return;
        }

        _samples++;
        if (AllMet(in sample))
        {
            return;
        }

        _offending++;
        _lastOffenceS = sample.TimeS;
        _firstOffence ??= $"first offending sample at t = {Time(sample.TimeS)}: {Offences(in sample)}";
    }

    public override ExpectationResult Verdict()
    {
        if (_samples == 0)
        {
            // An empty window proves nothing; passing it would hide a typo in the times.
            return ExpectationResult.Fail(Expectation, "no sample falls in the window");
        }

        return _firstOffence is null
            ? ExpectationResult.Pass(Expectation)
            : ExpectationResult.Fail(
                Expectation,
                $"{_firstOffence}; {_offending} of {_samples} samples offend, the last at t = {Time(_lastOffenceS)}");
    }
}
