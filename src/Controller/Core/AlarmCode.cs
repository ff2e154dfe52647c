namespace HydroOxygen.Controller.Core;

/// <summary>Alarm codes (DESIGN §2.5). The names are a contract.</summary>
public enum AlarmCode : byte
{
    OverPressure = 0,
    UnderPressure,
    SupplyLow,
    SupplyLost,
    SensorFault,
    BottleNotCharging,
    LiquidEmpty,
    NozzleBlocked,
    PedalStuck,
    SprayTimeout,
    LoopOverrun,
    CalibrationInvalid,
    CompressorFault,

    /// <summary>
    /// Gas is leaving the manifold with every outlet valve commanded shut (a spray valve stuck open,
    /// a burst hose, a large leak): with the pedal up this defeats the dead-man switch, so the
    /// device goes to its safe state. An extension of the DESIGN list.
    /// </summary>
    UncommandedFlow,

    /// <summary>
    /// The shutdown sequence could not vent the manifold and bottle below the safe pressure in time
    /// (vent valve stuck closed, or a sensor reading high). An extension of the DESIGN list: none of
    /// its codes says "the device could not make itself pressure-free".
    /// </summary>
    VentFailure,
}

/// <summary>Alarm priority, IEC 60601-1-8 style.</summary>
public enum AlarmPriority : byte
{
    Low = 1,
    Medium = 2,
    High = 3,
}

public static class AlarmCatalog
{
    public const int Count = (int)AlarmCode.VentFailure + 1;

    /// <summary>Priority of each code. High-priority alarms put the device in its safe state (<see cref="DeviceState.Fault"/>).</summary>
    public static AlarmPriority PriorityOf(AlarmCode code) => code switch
    {
        AlarmCode.OverPressure or AlarmCode.SupplyLost or AlarmCode.SensorFault or AlarmCode.LoopOverrun
            or AlarmCode.CalibrationInvalid or AlarmCode.CompressorFault or AlarmCode.VentFailure
            or AlarmCode.UncommandedFlow => AlarmPriority.High,
        AlarmCode.UnderPressure or AlarmCode.SupplyLow or AlarmCode.BottleNotCharging or AlarmCode.LiquidEmpty
            or AlarmCode.NozzleBlocked => AlarmPriority.Medium,
        _ => AlarmPriority.Low,
    };

    public static bool ForcesSafeState(AlarmCode code) => PriorityOf(code) == AlarmPriority.High;
}
