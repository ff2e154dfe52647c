using HydroOxygen.Controller.Telemetry;

namespace HydroOxygen.Telemetry.Tests.Units;

public sealed class BackoffTests
{
    [Fact]
    public void Waits_double_from_the_first_to_the_longest_within_20_percent_and_reset_after_a_success()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(3));
        var nominal = new[] { 1.0, 2, 4, 8, 16, 32, 60, 60, 60 };
        foreach (var expected in nominal)
        {
            var wait = backoff.Next().TotalSeconds;
            Assert.Equal(expected, backoff.Nominal.TotalSeconds);
            Assert.InRange(wait, 0.8 * expected, 1.2 * expected);
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.8, 1.2);
    }

    [Fact]
    public void A_fleet_that_lost_its_broker_together_does_not_come_back_in_step()
    {
        var waits = Enumerable.Range(0, 100).Select(seed =>
        {
            var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(seed));
            backoff.Next();
            backoff.Next();
            return backoff.Next().TotalSeconds;
        }).ToList();
        Assert.True(waits.Max() - waits.Min() > 1.0, $"spread {waits.Min():0.00}–{waits.Max():0.00} s");
    }
}
