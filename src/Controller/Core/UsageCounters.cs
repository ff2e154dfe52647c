namespace HydroOxygen.Controller.Core;

/// <summary>
/// What the device has used and worn since the controller started: each figure only grows. The edge
/// takes differences between snapshots into the consumables estimates and the lifetime wear counters.
/// </summary>
public record struct UsageCounters
{
    /// <summary>Seconds in <c>Spraying</c>.</summary>
    public double SprayS { get; set; }

    /// <summary>Seconds the compressor motor was commanded on.</summary>
    public double CompressorS { get; set; }

    /// <summary>Nutrient liquid fed to the pen, by the <see cref="LiquidFeedSettings"/> estimate, mL.</summary>
    public double LiquidFedMl { get; set; }

    /// <summary>Gas through the inlet valve with the oxygen source open, by the inlet's flow model, litres ANR (air-equivalent).</summary>
    public double OxygenLitres { get; set; }

    /// <summary>Gas through the inlet valve with the compressed-air source open, litres ANR.</summary>
    public double AirLitres { get; set; }

    public long SprayValveCycles { get; set; }
    public long ChargeValveCycles { get; set; }

    /// <summary>Openings of either source valve (oxygen or compressed air).</summary>
    public long SourceValveCycles { get; set; }

    /// <summary>Openings of the (normally open) vent valve after it was held shut.</summary>
    public long VentValveCycles { get; set; }
}
