namespace HydroOxygen.Simulator.Plant;

/// <summary>The restrictions of the plant's pneumatic network (DESIGN §1.2), valves and faults alike.</summary>
internal enum PlantPath
{
    OxygenSupply,
    AirSupply,
    Inlet,
    Vent,
    Relief,
    Charge,
    Spray,
    Nozzle,
    ManifoldLeak,
    BottleLeak,
    TankRelief,

    /// <summary>Air drawn back into the bottle up the emptied feed line (the <c>liquid_empty</c> fault).</summary>
    DrainAirIn,
}
