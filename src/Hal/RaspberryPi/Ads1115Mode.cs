namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>The config register's MODE bit 8.</summary>
public enum Ads1115Mode : byte
{
    /// <summary>Converts back to back; the conversion register always holds the latest result.</summary>
    Continuous = 0,

    /// <summary>
    /// Single-shot / power-down (the power-on default): idle until OS is written 1, then one
    /// conversion, then power-down again.
    /// </summary>
    SingleShot = 1,
}
