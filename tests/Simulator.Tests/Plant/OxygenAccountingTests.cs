using HydroOxygen.Simulator.Physics;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>Every litre that leaves the cylinder is somewhere: in the chambers, or out through the relief or nozzle.</summary>
public class OxygenAccountingTests(ITestOutputHelper output)
{
    [Fact]
    public void Cylinder_contents_fall_by_exactly_the_gas_delivered()
    {
        var parameters = PlantTestExtensions.Quiet;
        var plant = new SprayPlant(parameters);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);

        plant.RunFor(2.0);

        Assert.True(plant.Cylinder.DeliveredLitres > 1.0);
        Assert.Equal(parameters.CylinderContentsL - plant.Cylinder.ContentsLitres, plant.Cylinder.DeliveredLitres, 1e-9);
        Assert.Equal(plant.Cylinder.DeliveredLitres, plant.Snapshot().OxygenDeliveredLitres);
    }

    [Fact]
    public void Gas_delivered_equals_the_gain_in_the_chambers_plus_what_left_through_relief_and_nozzle()
    {
        // n = 1 makes every chamber an ideal-gas store, so the booked mass is the physical mass.
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { PolytropicExponent = 1.0 });
        var initialMass = plant.GasMassInChambers;
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.SetCoil(PlantCoil.SprayValve, true);

        var outLitres = 0.0;
        var reliefLitres = 0.0;
        var end = 3.0;
        while (plant.Time < end - 1e-12)
        {
            plant.Step();
            var snapshot = plant.Snapshot();
            outLitres += (snapshot.NozzleFlowLpm + snapshot.ReliefFlowLpm) * plant.StepSeconds / 60.0;
            reliefLitres += snapshot.ReliefFlowLpm * plant.StepSeconds / 60.0;
        }

        var inChambers = Gas.ToLitres(plant.GasMassInChambers - initialMass);
        var delivered = plant.Cylinder.DeliveredLitres;
        var error = delivered - (inChambers + outLitres);
        output.WriteLine($"delivered {delivered:F6} L = {inChambers:F6} L in the chambers + {outLitres - reliefLitres:F6} L nozzle + {reliefLitres:F6} L relief; error {error:E2} L");
        Assert.True(reliefLitres > 0.005, "the relief should have opened while the bottle filled");
        Assert.True(outLitres - reliefLitres > 0.3);
        Assert.Equal(inChambers + outLitres, delivered, delivered * 1e-9);
    }

    [Fact]
    public void Booked_chamber_mass_is_the_ideal_gas_mass_of_the_pressures_when_isothermal()
    {
        var parameters = PlantTestExtensions.Quiet with { PolytropicExponent = 1.0 };
        var plant = new SprayPlant(parameters);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.RunFor(1.0);

        double Mass(double gaugeMpa, double ml) => plant.AbsolutePa(gaugeMpa) * ml * 1e-6 / (Gas.SpecificGasConstant * parameters.GasTemperatureK);
        var expected = Mass(plant.PTankMpa, parameters.TankMl)
            + Mass(plant.PSrcMpa, parameters.SourceLineMl)
            + Mass(plant.POutMpa, parameters.ManifoldMl)
            + Mass(plant.PHoseMpa, parameters.HoseMl)
            + Mass(plant.PBottleMpa, parameters.BottleMl - parameters.LiquidMl);

        Assert.Equal(expected, plant.GasMassInChambers, expected * 1e-9);
    }
}
