namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>The config register's COMP_POL bit 3: the ALERT/RDY pin's active level.</summary>
public enum Ads1115ComparatorPolarity : byte
{
    /// <summary>Active low (the default).</summary>
    ActiveLow = 0,

    ActiveHigh = 1,
}
