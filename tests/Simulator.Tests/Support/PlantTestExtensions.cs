using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Tests.Support;

internal static class PlantTestExtensions
{
    /// <summary>Default parameters without sensor noise, for tests that read the transducers exactly.</summary>
    public static PlantParameters Quiet => PlantParameters.Default with { SensorNoiseKpa = 0 };

    public static void RunFor(this SprayPlant plant, double seconds) => plant.AdvanceTo(plant.Time + seconds);

    /// <summary>Steps until the condition holds, failing the test if it does not within the limit.</summary>
    public static double RunUntil(this SprayPlant plant, Func<SprayPlant, bool> condition, double limitSeconds, string what)
    {
        var start = plant.Time;
        while (!condition(plant))
        {
            Assert.True(plant.Time - start < limitSeconds, $"{what} did not happen within {limitSeconds} s");
            plant.Step();
        }

        return plant.Time - start;
    }

    /// <summary>Closes the manifold off (vent coil energized) and opens the oxygen supply and the inlet fully.</summary>
    public static void FeedManifoldFromOxygen(this SprayPlant plant)
    {
        plant.SetCoil(PlantCoil.OxygenSourceValve, true);
        plant.SetCoil(PlantCoil.VentValve, true);
        plant.SetInletDuty(1.0);
    }

    public static double AbsolutePa(this SprayPlant plant, double gaugeMpa) => (gaugeMpa + plant.Parameters.AmbientMpaAbs) * 1e6;
}
