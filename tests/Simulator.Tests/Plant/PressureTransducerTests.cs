using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>
/// The transducer model of DESIGN §1.3: 0–1 MPa over 0.5–4.5 V, static offset and gain error,
/// ~1 kPa RMS noise and a ~1 ms first-order response. Expected volts are written out from the
/// datasheet line, 0.5 V + 4 V/MPa × (offset + (1 + gain error) × p).
/// </summary>
public class PressureTransducerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.10, 0.944)] // 0.5 + 4 × (0.01 + 1.01 × 0.10)
    [InlineData(0.40, 2.156)] // 0.5 + 4 × (0.01 + 1.01 × 0.40)
    [InlineData(0.70, 3.368)] // 0.5 + 4 × (0.01 + 1.01 × 0.70)
    public void Offset_and_gain_error_shift_the_output_as_configured(double bottleMpa, double volts)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with
        {
            InitialBottleMpa = bottleMpa,
            PBottleOffsetMpa = 0.01,
            PBottleGainError = 0.01,
        });
        plant.RunFor(0.01);

        Assert.Equal(bottleMpa, plant.PBottleMpa, 1e-9);
        Assert.Equal(volts, plant.SensorVolts(SensorChannel.PBottle), 1e-9);
    }

    [Fact]
    public void Each_transducer_has_its_own_offset()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { POutOffsetMpa = -0.01, PSrcOffsetMpa = 0.02 });

        Assert.Equal(0.46, plant.SensorVolts(SensorChannel.POut), 1e-9);
        Assert.Equal(0.58, plant.SensorVolts(SensorChannel.PSrc), 1e-9);
        Assert.Equal(0.50, plant.SensorVolts(SensorChannel.PBottle), 1e-9);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void Noise_has_the_configured_rms(double noiseKpa)
    {
        var plant = new SprayPlant(PlantParameters.Default with { InitialBottleMpa = 0.45, SensorNoiseKpa = noiseKpa }, seed: 5);
        const int samples = 20_000;
        var sum = 0.0;
        var sumSquares = 0.0;
        for (var i = 0; i < samples; i++)
        {
            var kpa = (plant.SampleSensorVolts(SensorChannel.PBottle) - 0.5) / 4.0 * 1000.0;
            sum += kpa;
            sumSquares += kpa * kpa;
        }

        var mean = sum / samples;
        var rms = Math.Sqrt((sumSquares / samples) - (mean * mean));
        output.WriteLine($"configured {noiseKpa} kPa: mean {mean:F3} kPa, rms {rms:F4} kPa over {samples} conversions");
        Assert.Equal(450.0, mean, 0.1);
        Assert.InRange(rms, noiseKpa * 0.95, noiseKpa * 1.05);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Response_is_first_order_with_the_configured_time_constant(double responseMs)
    {
        // A first-order element trails a ramp by τ·dp/dt. The bottle blowing down through a choked
        // leak falls with a ~125 ms time constant, slow enough to be a ramp over τ.
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5, SensorResponseMs = responseMs });
        plant.Inject(new FaultSpec(FaultKind.Leak, FaultTarget.Bottle, 0.01));
        plant.RunFor(0.05);

        var before = plant.PBottleMpa;
        plant.Step();
        var slopeMpaPerMs = (plant.PBottleMpa - before) / (plant.StepSeconds * 1000.0);
        var readMpa = (plant.SensorVolts(SensorChannel.PBottle) - 0.5) / 4.0;
        var lagMs = (readMpa - plant.PBottleMpa) / -slopeMpaPerMs;

        output.WriteLine($"falling {slopeMpaPerMs * 1000:F2} MPa/s: reading trails by {(readMpa - plant.PBottleMpa) * 1000:F3} kPa = {lagMs:F3} ms");
        Assert.InRange(lagMs, responseMs - 0.3, responseMs + 0.3);
    }
}
