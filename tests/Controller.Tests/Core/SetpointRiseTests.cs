using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>The fill of a raised setpoint, at tick granularity.</summary>
public class SetpointRiseTests
{
    private const double Lag = 0.03;
    private const double Tick = 0.002;

    /// <summary>Inflow at full opening as a pressure rate: ~100 L/min into the 20 mL manifold.</summary>
    private const double Rate = 10.0;

    [Fact]
    public void The_fill_opens_fully_while_a_whole_tick_still_falls_short_of_the_setpoint()
    {
        var rise = Raised(fromMpa: 0.30, toMpa: 0.45);

        Assert.Equal(1.0, rise.Command(0.45, 0.30, eligible: true, Rate, 0.0, Lag, Tick, now: 1.002));
    }

    /// <summary>
    /// A whole tick at full opening here carries the manifold 20 kPa further: the tick that would pass
    /// the setpoint opens only as far as lands on it (on fcbc24a it opened fully: 0.3 → 0.45 overshot
    /// by 4–16 kPa depending on which tick the brake fell on).
    /// </summary>
    [Fact]
    public void The_last_tick_of_the_fill_opens_only_as_far_as_lands_the_tail_on_the_setpoint()
    {
        var rise = Raised(fromMpa: 0.30, toMpa: 0.45);

        var opening = rise.Command(0.45, 0.44, eligible: true, Rate, 0.0, Lag, Tick, now: 1.002);

        Assert.Equal(0.5, opening, 9);
    }

    private static SetpointRise Raised(double fromMpa, double toMpa)
    {
        var rise = default(SetpointRise);
        rise.Reset();
        Assert.True(double.IsNaN(rise.Command(fromMpa, fromMpa, eligible: true, Rate, 0.0, Lag, Tick, now: 0.998)));
        Assert.Equal(1.0, rise.Command(toMpa, fromMpa, eligible: true, Rate, 0.0, Lag, Tick, now: 1.000));
        return rise;
    }
}
