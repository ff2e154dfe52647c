namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The config register's PGA[11:9] field: the programmable-gain amplifier, named by the full-scale
/// range it gives (code 0x7FFF = +FS, 0x8000 = −FS). The numeric values are the datasheet's bit
/// patterns; 110 and 111 also mean ±0.256 V and decode to <see cref="FullScale256mV"/>.
/// </summary>
/// <remarks>
/// The full scale is not the input range: an input can never be driven beyond the supply rails,
/// so with a 5 V supply ±6.144 V reads 0–5 V (the 0.5–4.5 V transducers fit with margin).
/// </remarks>
public enum Ads1115Gain : byte
{
    /// <summary>±6.144 V (PGA 000), 187.5 µV per code.</summary>
    FullScale6144mV = 0b000,

    /// <summary>±4.096 V (PGA 001), 125 µV per code.</summary>
    FullScale4096mV = 0b001,

    /// <summary>±2.048 V (PGA 010, the power-on default), 62.5 µV per code.</summary>
    FullScale2048mV = 0b010,

    /// <summary>±1.024 V (PGA 011), 31.25 µV per code.</summary>
    FullScale1024mV = 0b011,

    /// <summary>±0.512 V (PGA 100), 15.625 µV per code.</summary>
    FullScale512mV = 0b100,

    /// <summary>±0.256 V (PGA 101; 110 and 111 too), 7.8125 µV per code.</summary>
    FullScale256mV = 0b101,
}

public static class Ads1115GainExtensions
{
    /// <summary>Codes per full scale: the conversion is a 16-bit two's-complement number.</summary>
    public const double CodesPerFullScale = 32768.0;

    extension(Ads1115Gain gain)
    {
        /// <summary>The full-scale voltage, V: the input that reads as code 32768 (clipped to 0x7FFF).</summary>
        public double FullScaleVolts => gain switch
        {
            Ads1115Gain.FullScale6144mV => 6.144,
            Ads1115Gain.FullScale4096mV => 4.096,
            Ads1115Gain.FullScale2048mV => 2.048,
            Ads1115Gain.FullScale1024mV => 1.024,
            Ads1115Gain.FullScale512mV => 0.512,
            Ads1115Gain.FullScale256mV => 0.256,
            _ => throw new ArgumentOutOfRangeException(nameof(gain), gain, "Not an ADS1115 PGA setting."),
        };

        /// <summary>Volts per code (one LSB).</summary>
        public double VoltsPerCode => gain.FullScaleVolts / CodesPerFullScale;
    }
}
