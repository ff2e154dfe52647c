namespace HydroOxygen.Reliability.Campaign;

/// <summary>What the device must do about a fault (DESIGN §2.5, and the scenarios/faults expectations).</summary>
public enum Reaction : byte
{
    /// <summary>A high-priority alarm: <c>Fault</c>, outputs in the safe pattern, latched for the rest of the run.</summary>
    Fault,

    /// <summary>The shutdown in progress completes: <c>Off</c>, vented below 0.02 MPa.</summary>
    Off,

    /// <summary>The device stays powered and regulating but stops (or refuses) spraying.</summary>
    StopsSpraying,

    /// <summary>The device carries on regulating — the fault is absorbed or only reported — and never faults.</summary>
    Continues,
}
