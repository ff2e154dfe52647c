namespace HydroOxygen.Controller.Core;

/// <summary>Where a procedure is.</summary>
public enum ServicePhase : byte
{
    Idle = 0,
    Venting,
    Filling,
    Trimming,
    Settling,
    Measuring,
    Preparing,
    Recording,
    Done,
    Failed,
}

/// <summary>What the running (or last) procedure has done and found, for the engineer's tools to read.</summary>
public record struct ServiceProgress
{
    public ServiceProcedureKind Kind { get; set; }
    public ServicePhase Phase { get; set; }

    /// <summary>Counts up with every procedure started, so a reader can tell results apart.</summary>
    public int Run { get; set; }

    /// <summary>
    /// Counts up every time the device enters Service, so the engineer's tools can tell that what
    /// they collected (calibration points, a tuning proposal) belongs to a visit that has ended.
    /// </summary>
    public int Visit { get; set; }

    public double PhaseSince { get; set; }

    /// <summary>Averaged raw (uncalibrated) readings of a HoldPressure, MPa.</summary>
    public double RawOutletMpa { get; set; }
    public double RawBottleMpa { get; set; }
    public double RawSourceMpa { get; set; }

    /// <summary>LeakTest: pressure at the start and end of the measuring time, MPa.</summary>
    public double StartMpa { get; set; }
    public double EndMpa { get; set; }
    public double MeasuredS { get; set; }

    /// <summary>StepTest / ValvePulse: time at which the step or pulse began (loop clock, s).</summary>
    public double StepAt { get; set; }

    /// <summary>Why a Failed procedure failed.</summary>
    public ServiceFailure Failure { get; set; }

    /// <summary>Who holds the service session (the engineer tools' number for the engineer; 0 = nobody named).</summary>
    public int Owner { get; set; }

    /// <summary>How long the session lasts without a sign of its engineer, s (0 = no lease).</summary>
    public double LeaseS { get; set; }

    /// <summary>How much of the lease is left, s.</summary>
    public double LeaseLeftS { get; set; }

    /// <summary>The session is ending: the held pressure is being vented before the normal states take over.</summary>
    public bool Leaving { get; set; }

    /// <summary>Why the session ended or is ending (kept after it, for the engineer's tools to explain).</summary>
    public ServiceEnd End { get; set; }

    public readonly bool Finished => Phase is ServicePhase.Done or ServicePhase.Failed;
}

/// <summary>Why a service session ended.</summary>
public enum ServiceEnd : byte
{
    None = 0,

    /// <summary>Its engineer left (exit, or the command line interrupted).</summary>
    Exited,

    /// <summary>Nothing was heard from its engineer for the lease (a killed terminal, a closed page).</summary>
    LeaseExpired,
}

/// <summary>Why a procedure could not finish.</summary>
public enum ServiceFailure : byte
{
    None = 0,
    TimedOut,
    CouldNotReachPressure,
    Aborted,
    LeftService,
}
