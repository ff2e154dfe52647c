namespace HydroOxygen.Hal;

/// <summary>What a solenoid valve does with its coil de-energized.</summary>
public enum ValveNormalPosition : byte
{
    /// <summary>Closed when de-energized (source, charge and spray valves).</summary>
    NormallyClosed = 0,

    /// <summary>Open when de-energized (the vent valve, so that a dead controller vents the manifold).</summary>
    NormallyOpen,
}
