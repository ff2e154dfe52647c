using HydroOxygen.Simulator.Physics;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>Every litre that leaves the cylinder is somewhere: in the chambers, or out through the relief or nozzle.</summary>
public class OxygenAccountingTests(ITestOutputHelper output)
{
    [Fact]
    public void Cylinder_contents_fall_by_the_gas_that_left_through_the_vent_by_the_iso_formula()
    {
        // Oxygen through a quarter-open inlet (C 0.05) into the manifold, out through the open vent
        // (C 0.05, b 0.3): the manifold sits near 0.54 MPa, the vent is choked and the relief shut.
        // The expected litres are computed here from the ISO 6358 formula on the plant's pressures
        // plus the polytropic mass change V·Δp/(n·R·T) of the chambers the gas passed through.
        var parameters = PlantTestExtensions.Quiet;
        var plant = new SprayPlant(parameters);
        plant.SetCoil(PlantCoil.OxygenSourceValve, true);
        plant.SetInletDuty(0.25);
        plant.RunFor(2.0);

        var atmosphere = plant.AbsolutePa(0.0);
        var ventC = IsoFormula.Si(0.05);
        var t = parameters.GasTemperatureK;
        double VentFlow() => IsoFormula.Flow(ventC, 0.3, plant.AbsolutePa(plant.POutMpa), atmosphere, t, laminarRatio: 0.999);
        double ChamberKg(double sourceMpa, double manifoldMpa) =>
            ((sourceMpa * 10e-6) + (manifoldMpa * 20e-6)) * 1e6 / (1.2 * IsoFormula.R * t);

        var contentsBefore = plant.Cylinder.ContentsLitres;
        var chambersBefore = ChamberKg(plant.PSrcMpa, plant.POutMpa);
        var vented = 0.0;
        var flowBefore = VentFlow();
        var highestManifold = plant.POutMpa;
        while (plant.Time < 12.0 - 1e-12)
        {
            plant.Step();
            var flowAfter = VentFlow();
            vented += 0.5 * (flowBefore + flowAfter) * plant.StepSeconds;
            flowBefore = flowAfter;
            highestManifold = Math.Max(highestManifold, plant.POutMpa);
        }

        var kilograms = vented + ChamberKg(plant.PSrcMpa, plant.POutMpa) - chambersBefore;
        var expectedLitres = kilograms / IsoFormula.Rho0 * 1000.0;
        var drawnLitres = contentsBefore - plant.Cylinder.ContentsLitres;
        output.WriteLine($"manifold {plant.POutMpa:F4} MPa; cylinder gave {drawnLitres:F5} L ANR, formula {expectedLitres:F5} L ({(drawnLitres / expectedLitres) - 1:E2} relative)");

        Assert.InRange(highestManifold, 0.25, 0.68); // choked vent, relief (0.70) shut
        Assert.InRange(expectedLitres, 2.0, 5.0);    // ~19 L/min for 10 s
        Assert.Equal(expectedLitres, drawnLitres, expectedLitres * 0.002);
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
