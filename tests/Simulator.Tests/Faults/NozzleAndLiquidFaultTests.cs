using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>nozzle_clogged and liquid_empty take the mist away at the handpiece.</summary>
public class NozzleAndLiquidFaultTests(ITestOutputHelper output)
{
    private static SprayPlant Spraying(PlantParameters parameters)
    {
        var plant = new SprayPlant(parameters);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.SetCoil(PlantCoil.SprayValve, true);

        // Long enough for manifold and bottle to settle, so "before" and "after" compare steady flows.
        plant.RunFor(5.0);
        Assert.True(plant.Snapshot().Mist);
        return plant;
    }

    [Fact]
    public void Clogged_nozzle_passes_two_percent_of_its_conductance()
    {
        var plant = Spraying(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5 });
        var clear = plant.Snapshot();

        plant.Inject(new FaultSpec(FaultKind.NozzleClogged));
        plant.RunFor(0.5);
        var clogged = plant.Snapshot();

        // Both choked (hose above 0.1 MPa gauge), so flow / p_hose is proportional to C.
        var perPascalClear = clear.NozzleFlowLpm / plant.AbsolutePa(clear.PHoseMpa);
        var perPascalClogged = clogged.NozzleFlowLpm / plant.AbsolutePa(clogged.PHoseMpa);
        output.WriteLine($"nozzle flow {clear.NozzleFlowLpm:F2} → {clogged.NozzleFlowLpm:F3} L/min ({clogged.NozzleFlowLpm / clear.NozzleFlowLpm:P2}); hose {clear.PHoseMpa:F3} → {clogged.PHoseMpa:F3} MPa");
        Assert.Equal(0.02, perPascalClogged / perPascalClear, 1e-4);
        Assert.InRange(clogged.NozzleFlowLpm / clear.NozzleFlowLpm, 0.015, 0.03);
        Assert.False(clogged.Mist);

        Assert.True(plant.Clear(FaultKind.NozzleClogged));
        plant.RunFor(0.5);
        Assert.Equal(clear.NozzleFlowLpm, plant.Snapshot().NozzleFlowLpm, clear.NozzleFlowLpm * 0.01);
        Assert.True(plant.Snapshot().Mist);
    }

    [Fact]
    public void Liquid_empty_ends_the_mist_and_clearing_refills_to_the_initial_volume()
    {
        var plant = Spraying(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5 });
        Assert.True(plant.LiquidLevelSwitch);

        plant.Inject(new FaultSpec(FaultKind.LiquidEmpty));
        plant.RunFor(0.15);

        Assert.Equal(0.0, plant.LiquidMl);
        Assert.False(plant.LiquidLevelSwitch);
        Assert.False(plant.Snapshot().Mist);
        Assert.True(plant.Snapshot().NozzleFlowLpm > 5.0, "gas still comes out: gas-only output");

        Assert.True(plant.Clear(FaultKind.LiquidEmpty));
        Assert.Equal(plant.Parameters.LiquidMl, plant.LiquidMl);
        Assert.True(plant.LiquidLevelSwitch);
        plant.RunFor(0.01);
        Assert.True(plant.Snapshot().Mist);
    }

    [Fact]
    public void Liquid_empty_keeps_the_bottle_gas_and_lets_it_expand_isothermally_when_n_is_one()
    {
        // n = 1: the gas mass is p·V/(R·T), so the check needs nothing from the model but its pressures.
        var parameters = PlantTestExtensions.Quiet with { PolytropicExponent = 1.0, InitialBottleMpa = 0.5, LiquidMl = 100 };
        var plant = new SprayPlant(parameters);
        double BottleGasKg(double headspaceMl) =>
            plant.AbsolutePa(plant.PBottleMpa) * headspaceMl * 1e-6 / (IsoFormula.R * parameters.GasTemperatureK);
        var before = BottleGasKg(250 - 100);

        plant.Inject(new FaultSpec(FaultKind.LiquidEmpty));
        plant.RunFor(0.2);
        var after = BottleGasKg(250);

        output.WriteLine($"bottle gas {before * 1e6:F3} mg → {after * 1e6:F3} mg; P_bottle now {plant.PBottleMpa:F4} MPa");
        Assert.Equal(0.0, plant.LiquidMl);
        Assert.Equal(before, after, before * 2e-3);

        // Boyle: 0.601325 MPa abs × 150/250 = 0.360795 MPa abs.
        Assert.Equal(0.360795 - 0.101325, plant.PBottleMpa, 0.001);
    }

    [Fact]
    public void Liquid_empty_drops_the_bottle_pressure_along_the_polytrope_at_a_rate_a_bottle_can_show()
    {
        var parameters = PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5, LiquidMl = 100 };
        var plant = new SprayPlant(parameters);
        var massBefore = plant.GasMassInChambers;

        plant.Inject(new FaultSpec(FaultKind.LiquidEmpty));
        var fastest = 0.0;
        var previous = plant.PBottleMpa;
        while (plant.LiquidMl > 0.0)
        {
            Assert.True(plant.Time < 0.2, "the bottle should have drained within its 100 ms");
            plant.Step();
            fastest = Math.Max(fastest, (previous - plant.PBottleMpa) / plant.StepSeconds);
            previous = plant.PBottleMpa;
        }

        // n = 1.2: 0.601325 MPa abs × (150/250)^1.2 = 0.326, i.e. 0.224 MPa gauge.
        var expectedAbs = 0.601325 * Math.Pow(150.0 / 250.0, 1.2);
        output.WriteLine($"P_bottle 0.500 → {plant.PBottleMpa:F4} MPa (polytrope {expectedAbs - 0.101325:F4}), fastest fall {fastest:F2} MPa/s");
        Assert.Equal(expectedAbs - 0.101325, plant.PBottleMpa, 0.001);
        Assert.Equal(massBefore, plant.GasMassInChambers, massBefore * 1e-12);
        Assert.InRange(fastest, 1.0, 5.0); // well under the controller's 20 MPa/s plausibility limit
    }

    [Fact]
    public void Liquid_empty_in_an_unpressurised_bottle_draws_air_in_and_stays_near_ambient()
    {
        var parameters = PlantTestExtensions.Quiet with { LiquidMl = 100 };
        var plant = new SprayPlant(parameters);
        var massBefore = plant.GasMassInChambers;

        plant.Inject(new FaultSpec(FaultKind.LiquidEmpty));
        var lowest = 0.0;
        while (plant.LiquidMl > 0.0)
        {
            plant.Step();
            lowest = Math.Min(lowest, plant.PBottleMpa);
        }

        // The 100 mL left behind is filled with outside air at ambient pressure: p0·ΔV/(R·T).
        var airInKg = plant.GasMassInChambers - massBefore;
        var expectedKg = 101_325 * 100e-6 / (IsoFormula.R * parameters.GasTemperatureK);
        output.WriteLine($"lowest P_bottle {lowest * 1000:F2} kPa gauge; air drawn in {airInKg * 1e6:F2} mg (ambient fill {expectedKg * 1e6:F2} mg)");
        Assert.InRange(lowest, -0.005, 0.0);
        Assert.Equal(expectedKg, airInKg, expectedKg * 0.02);

        // Once pressurised again, the bottle holds its gas: the air path was the drain's only.
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.RunFor(2.0);
        plant.SetCoil(PlantCoil.ChargeValve, false);
        plant.RunFor(0.1); // the valve's off-delay
        var charged = plant.PBottleMpa;
        plant.RunFor(1.0);
        Assert.True(charged > 0.3);
        Assert.Equal(charged, plant.PBottleMpa, 1e-9);
    }

    [Fact]
    public void Liquid_empty_leaves_the_whole_bottle_as_headspace()
    {
        // The decay rate of a choked leak is ∝ 1/V, so it measures the headspace volume.
        var parameters = PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5, LiquidMl = 100 };
        var plant = new SprayPlant(parameters);
        plant.Inject(new FaultSpec(FaultKind.LiquidEmpty));
        plant.RunFor(0.15);
        plant.Inject(new FaultSpec(FaultKind.Leak, FaultTarget.Bottle, 0.01));
        var p0 = plant.AbsolutePa(plant.PBottleMpa);

        plant.RunFor(0.5);

        var rate = -Math.Log(plant.AbsolutePa(plant.PBottleMpa) / p0) / 0.5;
        var t = parameters.GasTemperatureK;
        var perVolume = parameters.PolytropicExponent * IsoFormula.R * t * IsoFormula.Si(0.01) * IsoFormula.Rho0 * Math.Sqrt(IsoFormula.T0 / t);
        var headspaceMl = perVolume / rate * 1e6;
        Assert.Equal(parameters.BottleMl, headspaceMl, 1.0);
    }
}
