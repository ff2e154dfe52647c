using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>The charge valve held open a moment after a charge it fed forward ends with the spray valve shut.</summary>
public class ChargeCloseHoldTests
{
    private const double Hold = 0.022;
    private const double Tick = 0.002;

    [Fact]
    public void A_joined_charge_that_ends_keeps_the_valve_open_for_the_hold_then_shuts_it()
    {
        var hold = default(ChargeCloseHold);
        Assert.True(hold.Update(chargeAsked: true, chargeJoined: true, sprayAsked: false, sprayWasOpen: false, 1.000, Hold));

        var open = OpenTicksAfterRelease(ref hold, 1.000 + Tick);

        Assert.Equal(11, open); // 22 ms of 2 ms ticks
    }

    [Fact]
    public void A_charge_the_regulator_did_not_feed_forward_closes_at_once()
    {
        var hold = default(ChargeCloseHold);
        hold.Update(chargeAsked: true, chargeJoined: false, sprayAsked: false, sprayWasOpen: false, 1.000, Hold);

        Assert.Equal(0, OpenTicksAfterRelease(ref hold, 1.000 + Tick));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_charge_that_ends_with_a_spray_closes_at_once(bool sprayAsked, bool sprayWasOpen)
    {
        var hold = default(ChargeCloseHold);
        hold.Update(chargeAsked: true, chargeJoined: true, sprayAsked, sprayWasOpen, 1.000, Hold);

        Assert.False(hold.Update(chargeAsked: false, chargeJoined: false, sprayAsked, sprayWasOpen, 1.002, Hold));
    }

    [Fact]
    public void Leaving_regulation_drops_the_hold()
    {
        var hold = default(ChargeCloseHold);
        hold.Update(chargeAsked: true, chargeJoined: true, sprayAsked: false, sprayWasOpen: false, 1.000, Hold);
        Assert.True(hold.Update(chargeAsked: false, chargeJoined: false, sprayAsked: false, sprayWasOpen: false, 1.002, Hold));

        hold.Reset();

        Assert.False(hold.Holding(1.004));
        Assert.False(hold.Update(chargeAsked: false, chargeJoined: false, sprayAsked: false, sprayWasOpen: false, 1.004, Hold));
    }

    private static int OpenTicksAfterRelease(ref ChargeCloseHold hold, double from)
    {
        var open = 0;
        for (var now = from; now < from + 0.1; now += Tick)
        {
            open += hold.Update(chargeAsked: false, chargeJoined: false, sprayAsked: false, sprayWasOpen: false, now, Hold) ? 1 : 0;
        }

        return open;
    }
}
