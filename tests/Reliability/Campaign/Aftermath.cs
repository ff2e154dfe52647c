namespace HydroOxygen.Reliability.Campaign;

/// <summary>
/// What follows a fault injected in Ready, besides the technician's burst: the routine actions
/// whose handling issue 12 found wanting, each tried under every fault.
/// </summary>
public enum Aftermath : byte
{
    /// <summary>Just the fault (the fault × state table).</summary>
    None,

    /// <summary>The eye program chosen just after the fault, with the bottle charged for more (DESIGN §2.5, vent down, never trip).</summary>
    ProgramChangeToEye,

    /// <summary>The power switch turned off once the fault's reaction is complete (from Fault, where it faults).</summary>
    SwitchOff,

    /// <summary>The shutdown asked for (the dashboard's button, and what SIGTERM does) once the fault's reaction is complete.</summary>
    ShutdownCommand,
}
