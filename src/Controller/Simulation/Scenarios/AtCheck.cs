using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// <c>at: t</c> — the sample nearest to <c>t</c> (ticks are 2 ms apart, so <c>t</c> rarely falls
/// on one exactly; after a loop stall the nearest sample may be further away, and the report says so).
/// </summary>
internal sealed class AtCheck(Expectation expectation) : ExpectationCheck(expectation)
{
    private TraceSample _nearest;
    private double _distance = double.PositiveInfinity;
    private bool _passedBy;

    public override void Observe(in TraceSample sample)
    {
        if (_passedBy)
        {
            return;
        }

        var distance = Math.Abs(sample.TimeS - Expectation.Window.StartS);
        if (distance < _distance)
        {
            _nearest = sample;
            _distance = distance;
        }
        else if (sample.TimeS > Expectation.Window.StartS)
        {
            // Samples only move forward: once they get further away again, the nearest is known.
            _passedBy = true;
        }
    }

    public override ExpectationResult Verdict()
    {
        if (double.IsPositiveInfinity(_distance))
        {
            return ExpectationResult.Fail(Expectation, "no sample was taken");
        }

        return AllMet(in _nearest)
            ? ExpectationResult.Pass(Expectation)
            : ExpectationResult.Fail(Expectation, $"sample at t = {Time(_nearest.TimeS)}: {Offences(in _nearest)}");
    }
}
