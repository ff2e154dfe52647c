using HydroOxygen.Simulator.Devices;
using Iot.Device.Ads1115;
using ReferenceAds1115 = Iot.Device.Ads1115.Ads1115;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>
/// Microsoft's ADS1115 binding (Iot.Device.Bindings), a driver written without our fake in mind,
/// reads the fake in every gain, data rate and mode: the voltages it reports are the fake's inputs,
/// clipped to the range and within one code. So the fake follows the chip, not our driver.
/// </summary>
public sealed class ReferenceDriverTests
{
    public static TheoryData<MeasuringRange, DataRate, DeviceMode> EverySetting()
    {
        var data = new TheoryData<MeasuringRange, DataRate, DeviceMode>();
        foreach (var range in Enum.GetValues<MeasuringRange>())
        {
            foreach (var rate in Enum.GetValues<DataRate>())
            {
                data.Add(range, rate, DeviceMode.PowerDown);
                data.Add(range, rate, DeviceMode.Continuous);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EverySetting))]
    public void The_reference_driver_reads_the_inputs_clipped_to_the_range(MeasuringRange range, DataRate rate, DeviceMode mode)
    {
        var fullScale = FullScaleVolts(range);
        var lsb = fullScale / 32768;
        var inputs = new double[4];
        var bus = new BusClock();
        using var chip = new Ads1115Fake(bus.Read, pin => inputs[pin]);
        using var driver = new ReferenceAds1115(chip, InputMultiplexer.AIN0, range, rate, mode);

        // Single-ended and differential, inside the range, at its edges and beyond (clipped), and a
        // single-ended input below ground (held at 0 V by the input's clamp).
        (InputMultiplexer Mux, double Ain0, double Ain1, double Expected)[] cases =
        [
            (InputMultiplexer.AIN0, 0.5 * fullScale, 0, 0.5 * fullScale),
            (InputMultiplexer.AIN0, 0.1234 * fullScale, 0, 0.1234 * fullScale),
            (InputMultiplexer.AIN0, 0.0, 0, 0.0),
            (InputMultiplexer.AIN0, 1.5 * fullScale, 0, fullScale),
            (InputMultiplexer.AIN0, -0.2 * fullScale, 0, 0.0),
            (InputMultiplexer.AIN0_AIN1, 0.2 * fullScale, 0.7 * fullScale, -0.5 * fullScale),
            (InputMultiplexer.AIN0_AIN1, 0.0, 2 * fullScale, -fullScale),
            (InputMultiplexer.AIN0_AIN1, 0.9 * fullScale, 0.1 * fullScale, 0.8 * fullScale),
        ];

        foreach (var (mux, ain0, ain1, expected) in cases)
        {
            inputs[0] = ain0;
            inputs[1] = ain1;
            double volts;
            if (mode == DeviceMode.PowerDown)
            {
                // One conversion per read: the driver starts it and polls until it is done.
                volts = driver.RawToVoltage(driver.ReadRaw(mux)).Volts;
            }
            else
            {
                // Continuous: switch the input, let two conversions pass, read the latest result.
                driver.InputMultiplexer = mux;
                bus.Seconds += 2.0 / driver.FrequencyFromDataRate(rate);
                volts = driver.ReadVoltage().Volts;
            }

            Assert.True(
                Math.Abs(volts - expected) <= lsb * 1.01,
                $"{range} {rate} {mode} {mux}: inputs {ain0:0.0000} V / {ain1:0.0000} V read {volts:0.000000} V, expected {expected:0.000000} V ± {lsb:0.000000}");
        }

        Assert.Equal(0, chip.ProtocolErrors);
    }

    private static double FullScaleVolts(MeasuringRange range) => range switch
    {
        MeasuringRange.FS6144 => 6.144,
        MeasuringRange.FS4096 => 4.096,
        MeasuringRange.FS2048 => 2.048,
        MeasuringRange.FS1024 => 1.024,
        MeasuringRange.FS0512 => 0.512,
        _ => 0.256,
    };

    /// <summary>
    /// The chip's clock, moved by every bus transfer as a real 400 kHz I2C register access takes
    /// about 0.1 ms: the reference driver waits for a single-shot conversion by polling, not by time.
    /// </summary>
    private sealed class BusClock
    {
        public double Seconds { get; set; }

        public double Read() => Seconds += 100e-6;
    }
}
