namespace HydroOxygen.Controller.Core;

/// <summary>
/// Everything the outside world may know after a tick — state, pressures, outputs, alarms, session,
/// regulator internals — as one value that can be copied out and published without allocating.
/// </summary>
public record struct ControllerStatus
{
    public double Time { get; set; }
    public DeviceState State { get; set; }
    public double StateSince { get; set; }
    public int ProgramIndex { get; set; }
    public GasSource GasSource { get; set; }
    public double SetpointMpa { get; set; }
    public double POutMpa { get; set; }
    public double PBottleMpa { get; set; }
    public double PSrcMpa { get; set; }

    /// <summary>The outlet sensor is judged faulty: <see cref="POutMpa"/> is its last good reading.</summary>
    public bool POutFaulty { get; set; }

    /// <summary>The bottle sensor is judged faulty: <see cref="PBottleMpa"/> is its last good reading.</summary>
    public bool PBottleFaulty { get; set; }

    /// <summary>The source-line sensor is judged faulty: <see cref="PSrcMpa"/> is its last good reading.</summary>
    public bool PSrcFaulty { get; set; }
    /// <summary>
    /// The device is not working the bottle (Off, Fault, a shutdown or self-test that leaves it sealed)
    /// and the bottle is under pressure, or its sensor cannot say: "do not open", with <see cref="PBottleMpa"/>.
    /// </summary>
    public bool BottleUnderPressure { get; set; }

    /// <summary>
    /// The bottle transducer has been judged faulty since it last read a vented bottle: <see cref="PBottleMpa"/>
    /// may read plausibly and still be wrong, so "under pressure" is said whatever it reads.
    /// </summary>
    public bool PBottleDoubted { get; set; }
    public bool FootSwitchPressed { get; set; }
    public bool FootSwitchIgnored { get; set; }
    public bool LiquidPresent { get; set; }
    public ControlOutputs Outputs { get; set; }
    public AlarmStates Alarms { get; set; }
    public SessionTally Session { get; set; }

    /// <summary>The treatment plan being followed, or the last one since power-on (<see cref="PlanProgress.Plan"/> -1: none).</summary>
    public PlanProgress Plan { get; set; }
    /// <summary>The daily routine running, or the last one since power-on (DESIGN §2.8).</summary>
    public DayRoutineProgress DayRoutine { get; set; }

    /// <summary>Use and wear since the controller started (only grows).</summary>
    public UsageCounters Usage { get; set; }
    public double ReferenceMpa { get; set; }
    public double DemandLpm { get; set; }
    public double FeedForwardLpm { get; set; }
    public double IntegralLpm { get; set; }
    public double TickIntervalS { get; set; }

    /// <summary>The engineer's running (or last) service procedure.</summary>
    public ServiceProgress Service { get; set; }
    public long Ticks { get; set; }
}
