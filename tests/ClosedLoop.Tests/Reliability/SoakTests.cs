using HydroOxygen.Reliability.Soak;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Reliability;

/// <summary>The short soak of CI: half an hour of the working day in five-minute periods (the full day is the command line's).</summary>
[Collection(nameof(MeasurementCollection))]
public class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public void Half_an_hour_of_random_sessions_misses_no_alarm_breaks_no_invariant_and_does_not_drift()
    {
        var result = SoakRunner.Run(new SoakOptions { Hours = 0.5, PeriodS = 300.0, Seed = 11 }, p => output.WriteLine(p.ToString()));
        output.WriteLine(result.Summary());

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.InRange(result.SimulatedS, 1800.0, 1800.0 + 60.0);
        Assert.Equal(6, result.Periods.Count);
        Assert.True(result.Sessions >= 1 && result.Sprays >= 10, "the day did treatments");
        Assert.True(result.FaultsInjected >= 1, "the day met at least one fault");
        Assert.Equal(0, result.AlarmsMissed);
        Assert.Equal(result.FaultsInjected, result.AlarmsExpected);
        Assert.Equal(0, result.InvariantViolations);
        Assert.Equal(0, result.EventsDropped);
    }

    [Fact]
    public void Drift_check_catches_a_growing_heap_and_growing_tick_cost()
    {
        static SoakPeriod Period(int i, long heap, double cost) => new(i, (i + 1) * 3600.0, 1000, heap, 1_800_000, cost, cost, cost, cost, 1, 1, 0, 0);

        var flat = Enumerable.Range(0, 6).Select(i => Period(i, 800_000, 9.0)).ToList();
        Assert.Empty(DriftCheck.Judge(flat));

        var leaking = Enumerable.Range(0, 6).Select(i => Period(i, 800_000 + (i * 100_000), 9.0)).ToList();
        Assert.Contains(DriftCheck.Judge(leaking), p => p.Contains("live heap", StringComparison.Ordinal));

        var slowing = Enumerable.Range(0, 6).Select(i => Period(i, 800_000, i == 5 ? 40.0 : 9.0)).ToList();
        Assert.Contains(DriftCheck.Judge(slowing), p => p.Contains("tick cost", StringComparison.Ordinal));
    }
}
