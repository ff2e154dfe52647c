namespace HydroOxygen.Simulator.Physics;

/// <summary>Constants and unit conversions of the ISO 6358 flow model.</summary>
public static class Gas
{
    /// <summary>Specific gas constant of air, J/(kg·K). Oxygen (259.8) differs by 10 %; the device's flows are sized on air.</summary>
    public const double SpecificGasConstant = 287.0;

    /// <summary>ISO 6358 reference density ρ0 (ANR, 1 bar, 293 K), kg/m³.</summary>
    public const double ReferenceDensity = 1.185;

    /// <summary>ISO 6358 reference temperature T0, K.</summary>
    public const double ReferenceTemperature = 293.15;

    /// <summary>ISO 6358 reference pressure (1 bar), Pa; "litres ANR" are litres at this pressure.</summary>
    public const double ReferencePressure = 100_000.0;

    /// <summary>Converts a sonic conductance from the catalogue unit dm³/(s·bar) to m³/(s·Pa).</summary>
    public static double ConductanceSi(double dm3PerSecondBar) => dm3PerSecondBar * 1e-3 / 1e5;

    /// <summary>Converts a mass flow to free-air litres per minute (ANR).</summary>
    public static double ToLitresPerMinute(double kilogramsPerSecond) => kilogramsPerSecond / ReferenceDensity * 1000.0 * 60.0;

    /// <summary>Converts free-air litres per minute (ANR) to a mass flow.</summary>
    public static double FromLitresPerMinute(double litresPerMinute) => litresPerMinute / 60.0 / 1000.0 * ReferenceDensity;

    /// <summary>Converts a gas mass to free-air litres (ANR).</summary>
    public static double ToLitres(double kilograms) => kilograms / ReferenceDensity * 1000.0;

    public static double MegapascalsToPascals(double megapascals) => megapascals * 1e6;
}
