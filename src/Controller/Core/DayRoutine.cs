namespace HydroOxygen.Controller.Core;

/// <summary>The daily routines of DESIGN §2.8.</summary>
public enum DayRoutineKind : byte
{
    None = 0,

    /// <summary>Supply present and adequate, the bottle charges within its time, the nozzle flows as its model says.</summary>
    StartOfDayCheck,

    /// <summary>Source closed, the lines vented through the pen (pedal held), then "clean the pen".</summary>
    EndOfDayPurge,
}

/// <summary>Where a daily routine is.</summary>
public enum DayRoutineStep : byte
{
    None = 0,
    Supply,
    Charge,
    Nozzle,
    Venting,
    CleanPen,
    Done,
}

/// <summary>How a daily routine ended (or <see cref="Running"/>): a pass, or the reason it failed.</summary>
public enum DayRoutineResult : byte
{
    Running = 0,
    Passed,

    /// <summary>The source did not bring the manifold to the setpoint with margin in time (figure: P_src).</summary>
    SupplyLow,

    /// <summary>The bottle did not charge within its time (figure: seconds, or P_bottle when the alarm ended it).</summary>
    BottleNotCharging,

    /// <summary>NozzleBlocked was raised while the check sprayed (figure: measured/model flow).</summary>
    NozzleBlocked,

    /// <summary>The nozzle passed less than its model's flow (figure: measured/model flow).</summary>
    NozzleFlowLow,

    /// <summary>The foot switch was not held within the wait (figure: seconds waited).</summary>
    PedalNotHeld,

    /// <summary>The device left the state the routine runs in (an alarm, shutdown, service, another gas).</summary>
    Interrupted,

    /// <summary>The technician stopped it.</summary>
    Cancelled,

    /// <summary>The purge's venting did not bring the lines down in its time (figure: P_bottle).</summary>
    NotVented,
}
