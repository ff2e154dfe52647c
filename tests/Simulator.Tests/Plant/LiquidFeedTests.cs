using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>The nutrient liquid leaves at the fed rate while the jet and the bottle pressure allow, and mist ends with it.</summary>
public class LiquidFeedTests(ITestOutputHelper output)
{
    private static SprayPlant Spraying(PlantParameters parameters)
    {
        var plant = new SprayPlant(parameters);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.SetCoil(PlantCoil.SprayValve, true);
        return plant;
    }

    /// <summary>
    /// Sprays from a bottle charged to <paramref name="bottleMpa"/> and then closed off (charge valve
    /// shut), so the only thing moving the bottle is the liquid leaving it.
    /// </summary>
    private static SprayPlant SprayingFromClosedBottle(double bottleMpa)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { InitialBottleMpa = bottleMpa });
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.SprayValve, true);
        return plant;
    }

    [Fact]
    public void A_minute_of_spraying_at_0_4_MPa_takes_2_75_mL_from_the_bottle()
    {
        // Documented defaults: 8 mL/min per MPa above the 0.05 MPa the feed line needs, so 0.40 MPa
        // feeds 8 × 0.35 = 2.8 mL/min. The 2.8 mL that leave grow the 150 mL headspace by 1.9 %, so
        // the closed bottle ends near 0.39 MPa (2.72 mL/min): a minute takes 2.75 ± 0.05 mL.
        var plant = SprayingFromClosedBottle(0.40);

        plant.RunFor(60.0);

        var fell = 100.0 - plant.LiquidMl;
        output.WriteLine($"liquid fell {fell:F4} mL in 60 s; bottle now {plant.PBottleMpa:F4} MPa");
        Assert.Equal(2.75, fell, 0.05);
        Assert.InRange(fell, 1.0, 5.0); // DESIGN §1.3: 1–5 mL/min
    }

    [Theory]
    [InlineData(0.30, 2.0)]
    [InlineData(0.45, 3.2)]
    [InlineData(0.60, 4.4)]
    public void Feed_rate_over_the_setpoint_range_is_8_mL_per_min_per_MPa_above_0_05_MPa(double bottleMpa, double mlPerMin)
    {
        var plant = SprayingFromClosedBottle(bottleMpa);
        plant.RunFor(0.5);
        var start = plant.LiquidMl;

        plant.RunFor(6.0);

        // Over 6 s the bottle loses under 0.5 % of its pressure, so the rate is the starting one.
        var measured = (start - plant.LiquidMl) / 6.0 * 60.0;
        Assert.Equal(mlPerMin, measured, mlPerMin * 0.01);
    }

    [Fact]
    public void No_liquid_leaves_below_the_0_05_MPa_the_feed_line_needs()
    {
        // "Adequate" bottle pressure in the plant is LiquidFeedThresholdMpa, 0.05 MPa by default.
        var starved = SprayingFromClosedBottle(0.04);
        starved.RunFor(10.0);
        Assert.True(starved.Snapshot().NozzleFlowLpm > 5.0, "the jet is there; only the bottle pressure is short");
        Assert.Equal(100.0, starved.LiquidMl);
        Assert.False(starved.Snapshot().Mist);

        var fed = SprayingFromClosedBottle(0.06);
        fed.RunFor(10.0);
        Assert.True(fed.LiquidMl < 100.0);
    }

    [Fact]
    public void No_mist_without_a_jet_through_the_nozzle()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5 });
        plant.RunFor(0.5);

        Assert.False(plant.Snapshot().Mist);
        Assert.Equal(0.0, plant.Snapshot().LiquidFeedMlPerMin);
        Assert.Equal(plant.Parameters.LiquidMl, plant.LiquidMl);
    }

    [Fact]
    public void Mist_stops_and_the_level_switch_drops_when_the_liquid_runs_out()
    {
        var plant = Spraying(PlantTestExtensions.Quiet with { LiquidMl = 0.5, LevelSwitchLowMarkMl = 0.0, InitialBottleMpa = 0.5 });
        plant.RunUntil(p => p.Snapshot().Mist, 1.0, "mist");
        Assert.True(plant.LiquidLevelSwitch);

        var dry = plant.RunUntil(p => !p.Snapshot().Mist, 30.0, "mist ending");

        output.WriteLine($"0.5 mL ran out after {dry:F2} s of mist");
        Assert.Equal(0.0, plant.LiquidMl);
        Assert.False(plant.LiquidLevelSwitch);
        plant.RunFor(1.0);
        Assert.False(plant.Snapshot().Mist);
        Assert.Equal(0.0, plant.Snapshot().LiquidFeedMlPerMin);
        Assert.True(plant.Snapshot().NozzleFlowLpm > 5.0, "gas keeps flowing: the pen gives only gas");
    }

    [Fact]
    public void Level_switch_drops_at_its_low_mark_before_the_bottle_is_dry()
    {
        var plant = Spraying(PlantTestExtensions.Quiet with { LiquidMl = 0.5, LevelSwitchLowMarkMl = 0.3, InitialBottleMpa = 0.5 });
        Assert.True(plant.LiquidLevelSwitch);

        plant.RunUntil(p => !p.LiquidLevelSwitch, 30.0, "level switch dropping");

        Assert.InRange(plant.LiquidMl, 0.29, 0.3);
        Assert.True(plant.Snapshot().Mist);
    }
}
