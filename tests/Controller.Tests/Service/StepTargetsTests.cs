using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>Issue 15, finding 8: the DESIGN §2.3 targets a step is judged by, and the comparison that keeps worse gains from being proposed.</summary>
public sealed class StepTargetsTests
{
    private static StepResponse Step(double riseMs, double overshootKpa, double settleMs, double steadyKpa = 0.5) =>
        new(riseMs / 1000, overshootKpa / 1000, settleMs / 1000, steadyKpa / 1000, 0.001);

    [Fact]
    public void The_issue_s_proposal_worse_on_every_figure_does_not_beat_the_gains_in_use()
    {
        var inUse = Step(74, 3.6, 112);
        var proposed = Step(82, 4.2, 132);
        Assert.False(StepTargets.Beats(proposed, inUse));
        Assert.Equal(["riseTimeS", "overshootMpa", "settlingTimeS"], StepTargets.WorseOn(proposed, inUse));
        Assert.True(StepTargets.Beats(inUse, proposed));
    }

    [Fact]
    public void Better_on_one_figure_but_worse_on_another_does_not_beat_and_equal_within_resolution_is_not_better()
    {
        Assert.False(StepTargets.Beats(Step(60, 8.0, 100), Step(74, 3.6, 112)));
        Assert.False(StepTargets.Beats(Step(75, 3.8, 113), Step(74, 3.6, 112)));
        Assert.True(StepTargets.Beats(Step(75, 3.8, 100), Step(74, 3.6, 112)));
        Assert.False(StepTargets.Beats(Step(70, 3.0, double.NaN), Step(74, 3.6, 112)), "one that never settles is worse than any that does");
        Assert.True(StepTargets.Beats(Step(70, 3.0, 100, steadyKpa: 1.7), Step(74, 3.6, 112, steadyKpa: 0.7)), "a steady-state error within its target is not compared");
        Assert.Equal(["steadyStateErrorMpa"], StepTargets.WorseOn(Step(70, 3.0, 100, steadyKpa: 5.5), Step(74, 3.6, 112, steadyKpa: 0.7)));
    }

    [Theory]
    [InlineData(300, 10.0, 5.0, true)]
    [InlineData(301, 10.0, 5.0, false)]
    [InlineData(100, 10.1, 0.0, false)]
    [InlineData(100, 0.0, -5.1, false)]
    public void A_step_passes_when_settle_overshoot_and_steady_state_are_within_DESIGN_2_3(double settleMs, double overshootKpa, double steadyKpa, bool passes)
    {
        var step = Step(80, overshootKpa, settleMs, steadyKpa);
        Assert.Equal(passes, StepTargets.Passed(step));
        var checks = StepTargets.Judge(step);
        Assert.Equal([null, 0.010, 0.300, 0.005], checks.Select(c => c.Limit));
    }
}
