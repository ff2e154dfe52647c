using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>The mechanical relief valve (0.70 MPa) is the independent second layer behind the controller's trip.</summary>
public class ReliefCapTests(ITestOutputHelper output)
{
    private static double HighestOver(SprayPlant plant, double seconds)
    {
        var highest = double.MinValue;
        var end = plant.Time + seconds;
        while (plant.Time < end - 1e-12)
        {
            plant.Step();
            highest = Math.Max(highest, plant.POutMpa);
        }

        return highest;
    }

    [Fact]
    public void Relief_caps_the_manifold_fed_wide_open_from_oxygen()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.FeedManifoldFromOxygen();

        var highest = HighestOver(plant, 1.0);

        output.WriteLine($"oxygen: highest {highest:F4} MPa, settled {plant.POutMpa:F4} MPa, relief {plant.Snapshot().ReliefFlowLpm:F1} L/min");
        Assert.InRange(highest, 0.69, 0.72);
        Assert.InRange(plant.POutMpa, 0.69, 0.72);
        Assert.True(plant.Snapshot().ReliefFlowLpm > 5.0);
    }

    [Fact]
    public void Without_the_relief_the_same_feed_reaches_the_regulator_pressure()
    {
        // The control case: it is the relief valve, not the supply, that stops the rise at 0.70.
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { ReliefC = 0 });
        plant.FeedManifoldFromOxygen();

        plant.RunFor(1.0);

        Assert.InRange(plant.POutMpa, 0.74, 0.75);
        Assert.Equal(0.0, plant.Snapshot().ReliefFlowLpm);
    }

    [Fact]
    public void Relief_caps_the_manifold_fed_from_a_compressor_tank_above_the_relief_pressure()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.SetCoil(PlantCoil.Compressor, true);
        var charging = plant.RunUntil(p => p.PTankMpa > 0.82, 20.0, "tank charging above 0.82 MPa");
        Assert.Equal(0.0, plant.POutMpa, 1e-12);

        plant.SetCoil(PlantCoil.CompressorSourceValve, true);
        plant.SetCoil(PlantCoil.VentValve, true);
        plant.SetInletDuty(1.0);
        var highest = HighestOver(plant, 0.5);

        output.WriteLine($"compressor: tank above 0.82 MPa after {charging:F2} s; manifold highest {highest:F4} MPa, now {plant.POutMpa:F4} MPa with the tank at {plant.PTankMpa:F4} MPa");
        Assert.True(plant.PTankMpa > 0.72, "the tank must still push harder than the relief pressure");
        Assert.InRange(highest, 0.69, 0.72);
        Assert.InRange(plant.POutMpa, 0.69, 0.72);
    }
}
