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
        plant.RunFor(0.1);

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
    public void Liquid_empty_leaves_the_whole_bottle_as_headspace()
    {
        // The decay rate of a choked leak is ∝ 1/V, so it measures the headspace volume.
        var parameters = PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5, LiquidMl = 100 };
        var plant = new SprayPlant(parameters);
        plant.Inject(new FaultSpec(FaultKind.LiquidEmpty));
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
