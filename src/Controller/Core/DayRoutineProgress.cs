namespace HydroOxygen.Controller.Core;

/// <summary>
/// The daily routine running, or the last one since power-on, as the status publishes it. Its
/// <see cref="Runs"/> grows by one each time a routine ends, so that a reader of snapshots records
/// each ending once.
/// </summary>
public record struct DayRoutineProgress
{
    public DayRoutineKind Kind { get; set; }
    public DayRoutineStep Step { get; set; }
    public DayRoutineResult Result { get; set; }

    /// <summary>The routine waits for the foot switch (or is paused because it was released).</summary>
    public bool WaitingForPedal { get; set; }

    public double StartedAt { get; set; }
    public double EndedAt { get; set; }

    /// <summary>The figure behind the result (see <see cref="DayRoutineResult"/>), NaN when there is none.</summary>
    public double Figure { get; set; }

    /// <summary>The source pressure the check saw hold, MPa (NaN until measured).</summary>
    public double SupplyMpa { get; set; }

    /// <summary>The charge's time from a vented or low bottle, s; 0 when the bottle was found charged; NaN until measured.</summary>
    public double ChargeS { get; set; }

    /// <summary>The nozzle's measured flow against its model's (NaN until measured).</summary>
    public double FlowFraction { get; set; }

    /// <summary>Manifold and bottle pressure when the routine ended, MPa.</summary>
    public double POutMpa { get; set; }
    public double PBottleMpa { get; set; }

    /// <summary>The gas the check ran on.</summary>
    public GasSource Source { get; set; }

    /// <summary>Routines ended since power-on.</summary>
    public long Runs { get; set; }

    public readonly bool Running => Kind != DayRoutineKind.None && Result == DayRoutineResult.Running;

    /// <summary>The purge vented the lines and asks for the pen to be cleaned until the technician confirms.</summary>
    public readonly bool CleanPenPrompt => Kind == DayRoutineKind.EndOfDayPurge && Step == DayRoutineStep.CleanPen;
}
