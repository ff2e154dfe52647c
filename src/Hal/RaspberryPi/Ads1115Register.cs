namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The ADS1115's registers, selected by the value written to its pointer register (the first byte
/// of every write). Each register is 16 bits, sent most significant byte first.
/// </summary>
public enum Ads1115Register : byte
{
    /// <summary>The last conversion result: a two's-complement int16, read-only. Reset value 0x0000.</summary>
    Conversion = 0x00,

    /// <summary>Operating mode, input multiplexer, gain, data rate and comparator. Reset value 0x8583.</summary>
    Config = 0x01,

    /// <summary>Comparator low threshold. Reset value 0x8000.</summary>
    LoThresh = 0x02,

    /// <summary>Comparator high threshold. Reset value 0x7FFF.</summary>
    HiThresh = 0x03,
}
