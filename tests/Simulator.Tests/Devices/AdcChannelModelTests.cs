using HydroOxygen.Hal;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>
/// The converter model on its own: codes are whole LSBs of the configured full-scale range, and a
/// conversion's value holds until the next one completes, however often it is read.
/// </summary>
public class AdcChannelModelTests
{
    private static SimulatedAdcChannel Outlet(SprayPlant plant) =>
        new(plant, SensorChannel.POut, plant.Parameters.AdcOutletSps, 0, 1, () => false, t => (long)Math.Round(t * 1e9));

    [Theory]
    [InlineData(6.144, 0.1875e-3)]
    [InlineData(4.096, 0.125e-3)]
    public void Readings_are_whole_lsbs_of_the_configured_range(double fullScaleVolts, double lsbVolts)
    {
        var plant = new SprayPlant(PlantParameters.Default with { AdcFullScaleVolts = fullScaleVolts }, seed: 9);
        plant.FeedManifoldFromOxygen();
        var adc = Outlet(plant);
        var distinct = new HashSet<double>();
        plant.RunFor(0.002); // past the first conversion

        for (var i = 0; i < 400; i++)
        {
            plant.RunFor(0.0005);
            var sample = adc.Read();
            Assert.Equal(AnalogStatus.Ok, sample.Status);
            var codes = sample.Volts / lsbVolts;
            Assert.Equal(Math.Round(codes), codes, 1e-6);
            distinct.Add(sample.Volts);
        }

        Assert.True(distinct.Count > 100, "the pressure rose through many codes");
    }

    [Fact]
    public void Between_conversions_at_860_sps_the_value_holds_while_the_pressure_moves()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet, seed: 9);
        plant.FeedManifoldFromOxygen();
        var adc = Outlet(plant);
        plant.RunFor(0.02);
        var conversionS = 1.0 / 860.0;
        var changes = 0;
        var previous = adc.Read();

        // Read every 0.25 ms sub-step for 50 ms while the manifold fills (tens of kPa per conversion).
        for (var i = 0; i < 200; i++)
        {
            var truthBefore = plant.POutMpa;
            plant.Step();
            Assert.NotEqual(truthBefore, plant.POutMpa);
            var sample = adc.Read();
            if (sample.Sequence == previous.Sequence)
            {
                Assert.Equal(previous.Volts, sample.Volts);
                Assert.Equal(previous.Timestamp, sample.Timestamp);
            }
            else
            {
                Assert.Equal(previous.Sequence + 1, sample.Sequence);
                Assert.NotEqual(previous.Volts, sample.Volts);
                Assert.Equal(sample.Sequence * conversionS, sample.Timestamp / 1e9, 1e-9);
                changes++;
            }

            previous = sample;
        }

        // 50 ms at 860 SPS is 43 conversions.
        Assert.InRange(changes, 42, 44);
    }
}
