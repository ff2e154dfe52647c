using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>"Same seed, same trace" (DESIGN §3.1): the plant's noise and bounce come only from its seed.</summary>
public class DeterminismTests
{
    /// <summary>A short session (fill, charge, spray, bouncing pedal) sampling every sensor each 0.5 ms.</summary>
    private static List<double> Session(int seed)
    {
        var plant = new SprayPlant(PlantParameters.Default, seed);
        var samples = new List<double>();
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.Inject(new FaultSpec(FaultKind.PedalBounce));
        for (var k = 0; k < 1_000; k++)
        {
            if (k == 400)
            {
                plant.SetCoil(PlantCoil.SprayValve, true);
                plant.FootSwitch.Press(true, plant.Time);
            }

            plant.RunFor(0.5e-3);
            samples.Add(plant.SampleSensorVolts(SensorChannel.POut));
            samples.Add(plant.SampleSensorVolts(SensorChannel.PBottle));
            samples.Add(plant.SampleSensorVolts(SensorChannel.PSrc));
            samples.Add(plant.FootSwitch.ContactClosed(plant.Time) ? 1 : 0);
        }

        return samples;
    }

    [Fact]
    public void Two_plants_with_the_same_seed_produce_identical_samples()
    {
        Assert.Equal(Session(42), Session(42));
    }

    [Fact]
    public void Different_seeds_produce_different_noise()
    {
        var a = Session(42);
        var b = Session(43);

        var differing = a.Zip(b).Count(pair => pair.First != pair.Second);
        Assert.True(differing > a.Count / 2, $"only {differing} of {a.Count} samples differ");
    }

    [Fact]
    public void Noise_has_the_configured_spread()
    {
        // 1 kPa RMS at 4 V per MPa is 4 mV RMS on the transducer output.
        var plant = new SprayPlant(PlantParameters.Default with { InitialBottleMpa = 0.4 }, seed: 5);
        plant.RunFor(0.01);
        var clean = plant.SensorVolts(SensorChannel.PBottle);
        var deviations = Enumerable.Range(0, 20_000).Select(_ => plant.SampleSensorVolts(SensorChannel.PBottle) - clean).ToList();

        var rms = Math.Sqrt(deviations.Average(d => d * d));
        Assert.Equal(0.004, rms, 0.0002);
        Assert.True(Math.Abs(deviations.Average()) < 0.0002);
    }
}
