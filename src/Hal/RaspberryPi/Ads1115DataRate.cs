namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The config register's DR[7:5] field: conversions per second. A conversion settles in one cycle,
/// so the conversion time is 1 / rate — nominally: the internal oscillator is only good to ±10 %.
/// The numeric values are the datasheet's bit patterns.
/// </summary>
public enum Ads1115DataRate : byte
{
    Sps8 = 0b000,
    Sps16 = 0b001,
    Sps32 = 0b010,
    Sps64 = 0b011,

    /// <summary>128 samples/s, the power-on default.</summary>
    Sps128 = 0b100,

    Sps250 = 0b101,
    Sps475 = 0b110,

    /// <summary>860 samples/s, the fastest: 1.16 ms per conversion.</summary>
    Sps860 = 0b111,
}

public static class Ads1115DataRateExtensions
{
    extension(Ads1115DataRate rate)
    {
        public int SamplesPerSecond => rate switch
        {
            Ads1115DataRate.Sps8 => 8,
            Ads1115DataRate.Sps16 => 16,
            Ads1115DataRate.Sps32 => 32,
            Ads1115DataRate.Sps64 => 64,
            Ads1115DataRate.Sps128 => 128,
            Ads1115DataRate.Sps250 => 250,
            Ads1115DataRate.Sps475 => 475,
            Ads1115DataRate.Sps860 => 860,
            _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "Not an ADS1115 data rate."),
        };

        /// <summary>The nominal conversion time, 1 / rate.</summary>
        public TimeSpan ConversionTime => TimeSpan.FromSeconds(1.0 / rate.SamplesPerSecond);
    }
}
