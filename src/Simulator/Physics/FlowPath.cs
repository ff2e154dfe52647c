namespace HydroOxygen.Simulator.Physics;

/// <summary>A restriction between two nodes of a <see cref="PneumaticNetwork"/>.</summary>
/// <remarks>
/// Mutable on purpose: valves change <see cref="Conductance"/> every sub-step, and keeping the
/// paths in one array of structs keeps the integration free of allocation and indirection.
/// </remarks>
internal struct FlowPath
{
    /// <summary>Node the positive flow leaves (a chamber index, or a boundary after the chambers).</summary>
    public int From;

    /// <summary>Node the positive flow enters.</summary>
    public int To;

    /// <summary>Sonic conductance C now, m³/(s·Pa); zero for a closed valve.</summary>
    public double Conductance;

    /// <summary>Critical pressure ratio b.</summary>
    public double CriticalRatio;

    /// <summary>A check valve: gas can only go from <see cref="From"/> to <see cref="To"/>.</summary>
    public bool OneWay;

    /// <summary>
    /// For a relief valve: the pressure difference (Pa) at which it cracks. The opening then grows
    /// linearly to full over <see cref="ReliefBand"/>. Zero band means an ordinary restriction.
    /// </summary>
    public double ReliefCrack;

    /// <summary>Pressure rise over the crack pressure at which the relief valve is fully open, Pa.</summary>
    public double ReliefBand;

    public static FlowPath Restriction(int from, int to, double criticalRatio, bool oneWay = false) =>
        new() { From = from, To = to, CriticalRatio = criticalRatio, OneWay = oneWay };

    public static FlowPath Relief(int from, int to, double conductance, double criticalRatio, double crack, double band) =>
        new()
        {
            From = from,
            To = to,
            Conductance = conductance,
            CriticalRatio = criticalRatio,
            OneWay = true,
            ReliefCrack = crack,
            ReliefBand = band,
        };
}
