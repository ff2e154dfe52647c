namespace HydroOxygen.Simulator.Plant;

/// <summary>The nodes of the plant's pneumatic network: the chambers first, then the fixed-pressure boundaries.</summary>
internal enum PlantNode
{
    Tank,
    SourceLine,
    Manifold,
    Hose,
    Bottle,

    Atmosphere,
    OxygenRegulator,
}
