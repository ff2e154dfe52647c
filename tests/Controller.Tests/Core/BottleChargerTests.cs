using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>The top-off that keeps the charge valve open in Ready until the bottle is close to the setpoint.</summary>
public class BottleChargerTests
{
    private static readonly SequenceSettings Sequence = new() { ChargedWithinMpa = 0.03, ChargeTopOffWithinMpa = 0.008, ChargeTopOffMaxS = 0.5 };

    [Fact]
    public void A_charge_ends_as_charged_at_the_band_and_the_valve_stays_open_until_the_bottle_is_within_the_top_off()
    {
        var charger = default(BottleCharger);
        charger.Start(0.0);
        Assert.Equal(BottleCharger.Result.Charged, charger.Update(0.575, 0.60, 1.0, Sequence));

        charger.TopOffFrom(1.0, Sequence);

        Assert.True(charger.TopsOff(0.575, 0.60, 1.0, Sequence));
        Assert.True(charger.TopsOff(0.591, 0.60, 1.1, Sequence));
        Assert.False(charger.TopsOff(0.593, 0.60, 1.2, Sequence));

        // Once ended it stays ended: a bottle that sags back is the recharge band's, not the top-off's.
        Assert.False(charger.TopsOff(0.585, 0.60, 1.21, Sequence));
    }

    [Fact]
    public void A_bottle_that_stops_coming_up_is_closed_on_after_the_longest_top_off()
    {
        var charger = default(BottleCharger);
        charger.Start(0.0);
        charger.TopOffFrom(1.0, Sequence);

        Assert.True(charger.TopsOff(0.575, 0.60, 1.499, Sequence));
        Assert.False(charger.TopsOff(0.575, 0.60, 1.5, Sequence));
    }

    [Fact]
    public void Leaving_Ready_or_a_new_charge_ends_the_top_off()
    {
        var charger = default(BottleCharger);
        charger.Start(0.0);
        charger.TopOffFrom(1.0, Sequence);
        charger.EndTopOff();
        Assert.False(charger.TopsOff(0.575, 0.60, 1.01, Sequence));

        charger.TopOffFrom(2.0, Sequence);
        charger.Start(2.01);
        Assert.False(charger.TopsOff(0.575, 0.60, 2.02, Sequence));
    }

    [Fact]
    public void Without_a_charge_that_ended_there_is_nothing_to_top_off()
    {
        var charger = default(BottleCharger);
        Assert.False(charger.TopsOff(0.40, 0.60, 5.0, Sequence));
    }
}
