namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>The config register's COMP_MODE bit 4.</summary>
public enum Ads1115ComparatorMode : byte
{
    /// <summary>ALERT asserts above Hi_thresh and releases below Lo_thresh (hysteresis; the default).</summary>
    Traditional = 0,

    /// <summary>ALERT asserts outside the Lo_thresh–Hi_thresh window.</summary>
    Window = 1,
}
