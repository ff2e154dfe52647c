namespace HydroOxygen.Reliability.Monitoring;

/// <summary>The things that must never happen, whatever the technician or the plant does.</summary>
public enum InvariantKind : byte
{
    /// <summary>The plant's true manifold or bottle pressure above the relief setting (0.70 MPa).</summary>
    TruePressureAboveRelief,

    /// <summary>The spray valve commanded open while the pedal is not held, or outside <c>Spraying</c>.</summary>
    SprayCommandedWithoutPedal,

    /// <summary>The spray valve physically open with the pedal up, longer than the valve takes to drop out.</summary>
    SprayValveOpenWithoutPedal,

    /// <summary>In <c>Fault</c> with the outputs not in the safe pattern.</summary>
    FaultOutputsUnsafe,

    /// <summary>The setpoint outside 0.30–0.60 MPa or above the selected program's ceiling.</summary>
    SetpointOutOfRange,

    /// <summary>
    /// Mist at the pen (the plant's gas jet drawing liquid) with the foot off the pedal, beyond the
    /// hose's own blow-down after a spray: the dead-man rule of DESIGN §2.5, judged on the plant.
    /// </summary>
    MistWithoutPedal,
}
