namespace HydroOxygen.Reliability.Campaign;

/// <summary>What the device must do about a fault (DESIGN §2.5, and the scenarios/faults expectations).</summary>
public enum Reaction : byte
{
    /// <summary>A high-priority alarm: <c>Fault</c>, outputs in the safe pattern, latched for the rest of the run.</summary>
    Fault,

    /// <summary>The shutdown in progress completes: <c>Off</c>, vented below 0.02 MPa.</summary>
    Off,

    /// <summary>
    /// The shutdown completes with the manifold vented, and the bottle left sealed where its gas would
    /// leave through an outlet that may be open (a spray valve stuck open, or a leak the controller
    /// cannot tell from one), reported on the status as under pressure (DESIGN §2.5, the dead-man rule).
    /// </summary>
    OffBottleSealed,

    /// <summary>The device stays powered and regulating but stops (or refuses) spraying.</summary>
    StopsSpraying,

    /// <summary>The device carries on regulating — the fault is absorbed or only reported — and never faults.</summary>
    Continues,
}
