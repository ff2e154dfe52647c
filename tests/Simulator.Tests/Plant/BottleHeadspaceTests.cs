using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>
/// With the charge valve closed, the bottle's gas expands into the space the liquid leaves:
/// p·Vⁿ stays constant (DESIGN §1.3, the −p·dV/dt term).
/// </summary>
public class BottleHeadspaceTests
{
    [Theory]
    [InlineData(1.2)]
    [InlineData(1.0)]
    public void Bottle_pressure_falls_as_liquid_leaves_along_the_polytrope(double n)
    {
        var parameters = PlantTestExtensions.Quiet with { PolytropicExponent = n, InitialBottleMpa = 0.5, LiquidMl = 200 };
        var plant = new SprayPlant(parameters);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.SprayValve, true);
        var p0 = plant.AbsolutePa(plant.PBottleMpa);
        var v0 = parameters.BottleMl - parameters.LiquidMl;

        plant.RunFor(6.0);

        Assert.False(plant.Snapshot().ChargeOpen);
        var drawn = parameters.LiquidMl - plant.LiquidMl;
        Assert.True(drawn > 0.3, $"only {drawn} mL left the bottle");
        var expected = p0 * Math.Pow(v0 / (v0 + drawn), n);
        Assert.True(plant.AbsolutePa(plant.PBottleMpa) < p0 - 1_000, "the bottle pressure should have fallen");
        Assert.Equal(expected, plant.AbsolutePa(plant.PBottleMpa), 5.0);
    }

    [Fact]
    public void Bottle_pressure_holds_while_nothing_is_drawn()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5 });

        plant.RunFor(2.0);

        Assert.Equal(0.5, plant.PBottleMpa, 1e-9);
    }
}
