using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>supply_empty and compressor_failed take the gas source away.</summary>
public class SupplyFaultTests
{
    [Fact]
    public void Empty_supply_drops_the_regulator_output_and_the_source_line_stays_empty()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        Assert.Equal(0.75, plant.Snapshot().OxygenRegulatorMpa, 1e-12);

        plant.Inject(new FaultSpec(FaultKind.SupplyEmpty));
        plant.SetCoil(PlantCoil.OxygenSourceValve, true);
        plant.RunFor(0.5);

        Assert.Equal(0.0, plant.Snapshot().OxygenRegulatorMpa);
        Assert.Equal(0.0, plant.Cylinder.ContentsLitres);
        Assert.Equal(0.0, plant.PSrcMpa, 1e-9);

        Assert.True(plant.Clear(FaultKind.SupplyEmpty));
        Assert.Equal(0.75, plant.Snapshot().OxygenRegulatorMpa, 1e-12);
        Assert.Equal(plant.Parameters.CylinderContentsL, plant.Cylinder.ContentsLitres);
        plant.RunFor(0.5);
        Assert.True(plant.PSrcMpa > 0.7);
    }

    [Fact]
    public void Empty_supply_starves_a_running_manifold()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.SprayValve, true);
        plant.RunFor(0.5);
        Assert.True(plant.POutMpa > 0.5);

        plant.Inject(new FaultSpec(FaultKind.SupplyEmpty));
        plant.RunFor(2.0);

        Assert.True(plant.POutMpa < 0.01, $"manifold still at {plant.POutMpa} MPa");
    }

    [Fact]
    public void Failed_compressor_keeps_the_tank_from_rising()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.SetCoil(PlantCoil.Compressor, true);
        plant.Inject(new FaultSpec(FaultKind.CompressorFailed));

        plant.RunFor(2.0);

        Assert.True(plant.CoilEnergized(PlantCoil.Compressor));
        Assert.False(plant.Snapshot().CompressorRunning);
        Assert.Equal(0.0, plant.PTankMpa, 1e-12);

        Assert.True(plant.Clear(FaultKind.CompressorFailed));
        plant.RunFor(2.0);
        Assert.True(plant.Snapshot().CompressorRunning);
        Assert.True(plant.PTankMpa > 0.1, $"tank at {plant.PTankMpa} MPa");
    }

    [Fact]
    public void A_healthy_compressor_fills_the_tank_at_its_rated_free_air_delivery()
    {
        // Isothermal: each free-air litre (at 1 bar) pushed into the 0.5 L tank adds 0.2 bar; 20 L/min for 3 s is 1 L.
        var parameters = PlantTestExtensions.Quiet with { PolytropicExponent = 1.0 };
        var plant = new SprayPlant(parameters);
        plant.SetCoil(PlantCoil.Compressor, true);
        plant.RunFor(1.0);
        var p1 = plant.PTankMpa;

        plant.RunFor(3.0);

        var expected = parameters.CompressorFlowLpm / 60.0 * 3.0 / parameters.TankMl * 1e3 * 0.1;
        Assert.Equal(expected, plant.PTankMpa - p1, expected * 0.01);
    }
}
