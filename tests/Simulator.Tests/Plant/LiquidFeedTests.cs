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

    [Fact]
    public void Liquid_falls_by_the_integral_of_the_feed_rate()
    {
        var plant = Spraying(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5 });
        var start = plant.LiquidMl;
        var fed = 0.0;

        while (plant.Time < 4.0 - 1e-12)
        {
            plant.Step();
            fed += plant.Snapshot().LiquidFeedMlPerMin * plant.StepSeconds / 60.0;
        }

        output.WriteLine($"fed {fed:F6} mL over 4 s, feed now {plant.Snapshot().LiquidFeedMlPerMin:F3} mL/min");
        Assert.True(fed > 0.2);
        Assert.Equal(start - plant.LiquidMl, fed, 1e-9);
    }

    [Fact]
    public void Feed_rate_follows_bottle_pressure_up_to_its_maximum()
    {
        var parameters = PlantTestExtensions.Quiet with { InitialBottleMpa = 0.3 };
        var plant = new SprayPlant(parameters);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.SprayValve, true);
        plant.RunFor(0.3);

        var snapshot = plant.Snapshot();
        var expected = parameters.LiquidFeedMlPerMinPerMpa * (plant.PBottleMpa - parameters.LiquidFeedThresholdMpa);

        Assert.True(snapshot.Mist);
        Assert.Equal(expected, snapshot.LiquidFeedMlPerMin, 1e-3);
        Assert.InRange(snapshot.LiquidFeedMlPerMin, 1.0, 5.0);
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
