namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>The config register's COMP_QUE[1:0] field: how many conversions beyond a threshold assert ALERT.</summary>
public enum Ads1115ComparatorQueue : byte
{
    AssertAfterOneConversion = 0b00,
    AssertAfterTwoConversions = 0b01,
    AssertAfterFourConversions = 0b10,

    /// <summary>Comparator off and ALERT/RDY high-impedance (the default; this driver polls instead).</summary>
    Disabled = 0b11,
}
