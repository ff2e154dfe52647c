namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The config register's MUX[14:12] field: which pins the converter measures between. The numeric
/// values are the datasheet's bit patterns.
/// </summary>
public enum Ads1115InputMultiplexer : byte
{
    /// <summary>AIN0 − AIN1, differential (MUX 000, the power-on default).</summary>
    Ain0MinusAin1 = 0b000,

    /// <summary>AIN0 − AIN3, differential (MUX 001).</summary>
    Ain0MinusAin3 = 0b001,

    /// <summary>AIN1 − AIN3, differential (MUX 010).</summary>
    Ain1MinusAin3 = 0b010,

    /// <summary>AIN2 − AIN3, differential (MUX 011).</summary>
    Ain2MinusAin3 = 0b011,

    /// <summary>AIN0 against ground, single-ended (MUX 100).</summary>
    Ain0 = 0b100,

    /// <summary>AIN1 against ground, single-ended (MUX 101).</summary>
    Ain1 = 0b101,

    /// <summary>AIN2 against ground, single-ended (MUX 110).</summary>
    Ain2 = 0b110,

    /// <summary>AIN3 against ground, single-ended (MUX 111).</summary>
    Ain3 = 0b111,
}
