using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>The device's two ADS1115s wired to the plant's transducers.</summary>
public sealed partial class Ads1115Fake
{
    /// <summary>The converter reading P_out alone, in continuous mode (ADDR to GND).</summary>
    public const int OutletChipAddress = 0x48;

    /// <summary>The converter scanning P_bottle and P_src (ADDR to VDD).</summary>
    public const int MultiplexedChipAddress = 0x49;

    /// <summary>P_out's pin on the outlet chip.</summary>
    public const int OutletPressurePin = 0;

    /// <summary>P_bottle's pin on the multiplexed chip.</summary>
    public const int BottlePressurePin = 0;

    /// <summary>P_src's pin on the multiplexed chip.</summary>
    public const int SourcePressurePin = 1;

    /// <summary>
    /// A fake converter wired to the plant: its clock is the plant's time, its pins carry the
    /// transducer outputs (AIN0 = P_out on the outlet chip; AIN0 = P_bottle and AIN1 = P_src on the
    /// multiplexed chip; unused pins are grounded), and the plant's ADC-NACK fault for that chip
    /// makes it stop acknowledging.
    /// </summary>
    /// <remarks>
    /// A transducer is sampled with its noise (<see cref="SprayPlant.SampleSensorVolts"/>) once per
    /// completed conversion, never per register read, so the plant's random stream — and so the
    /// whole run — does not depend on how often the driver polls the OS bit.
    /// </remarks>
    /// <param name="outletChip">The outlet (P_out) chip; otherwise the multiplexed (P_bottle, P_src) chip.</param>
    /// <param name="address">The I2C address; the chip's usual one if null.</param>
    public static Ads1115Fake ForPlant(SprayPlant plant, bool outletChip, int? address = null, int busId = 1)
    {
        ArgumentNullException.ThrowIfNull(plant);
        if (outletChip)
        {
            return new Ads1115Fake(
                () => plant.Time,
                pin => pin == OutletPressurePin ? plant.SampleSensorVolts(SensorChannel.POut) : 0.0,
                address ?? OutletChipAddress,
                busId)
            {
                NackWhen = () => plant.OutletAdcNack,
            };
        }

        return new Ads1115Fake(
            () => plant.Time,
            pin => pin switch
            {
                BottlePressurePin => plant.SampleSensorVolts(SensorChannel.PBottle),
                SourcePressurePin => plant.SampleSensorVolts(SensorChannel.PSrc),
                _ => 0.0,
            },
            address ?? MultiplexedChipAddress,
            busId)
        {
            NackWhen = () => plant.MultiplexedAdcNack,
        };
    }
}
