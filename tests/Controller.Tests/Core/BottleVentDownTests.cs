using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>
/// Venting the bottle down to a lowered ceiling (DESIGN §2.5): the bottle is joined to the manifold only
/// after a hold has proved the outlets shut, and a hold in an empty manifold proves nothing.
/// </summary>
public class BottleVentDownTests
{
    private const double Tick = 0.002;
    private static readonly SequenceSettings Settings = new();

    [Fact]
    public void With_an_empty_manifold_and_outlets_not_proven_the_bottle_is_not_joined_until_the_manifold_has_pressure_to_hold()
    {
        var ventDown = default(BottleVentDown);
        for (var now = 0.0; now < 1.0; now += Tick)
        {
            var result = ventDown.Update(pOutMpa: 0.0, pOutTrustworthy: true, pBottleMpa: 0.45, ceilingMpa: 0.35, outletsProven: false, now, Settings);
            Assert.False(ventDown.Active && ventDown.Outputs.ChargeOpen, $"bottle joined at {now:F3} s ({result})");
        }
    }

    [Fact]
    public void Once_the_manifold_has_pressure_the_hold_comes_first_and_then_the_bottle_is_vented()
    {
        var ventDown = default(BottleVentDown);
        var now = 0.0;
        for (; now < 0.2; now += Tick)
        {
            ventDown.Update(0.0, true, 0.45, 0.35, outletsProven: false, now, Settings);
        }

        Assert.Equal(BottleVentDown.Result.Venting, ventDown.Update(0.30, true, 0.45, 0.35, outletsProven: false, now, Settings));
        Assert.Equal(OutletHoldTest.HoldOutputs, ventDown.Outputs);
    }

    [Fact]
    public void Outlets_just_proven_need_no_hold_even_with_an_empty_manifold()
    {
        var ventDown = default(BottleVentDown);
        var joined = false;
        for (var now = 0.0; now < 0.2; now += Tick)
        {
            ventDown.Update(0.0, true, 0.45, 0.35, outletsProven: true, now, Settings);
            joined |= ventDown.Outputs.ChargeOpen;
        }

        Assert.True(joined);
    }
}
