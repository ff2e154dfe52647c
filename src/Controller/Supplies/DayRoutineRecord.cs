using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Supplies;

/// <summary>
/// One start-of-day check or end-of-day purge as it ended (DESIGN §2.8, "each run is logged"):
/// its result code and figures, kept in <c>supplies.json</c> with the counters; its words are the
/// reader's language's, made when it is shown.
/// </summary>
public sealed record DayRoutineRecord
{
    public DayRoutineKind Kind { get; init; }
    public DayRoutineResult Result { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset EndedAt { get; init; }
    public GasSource Source { get; init; }

    /// <summary>The figure behind the result (see <see cref="DayRoutineResult"/>); null when there is none.</summary>
    public double? Figure { get; init; }
    public double? SupplyMpa { get; init; }
    public double? ChargeS { get; init; }
    public double? FlowFraction { get; init; }
    public double POutMpa { get; init; }
    public double PBottleMpa { get; init; }

    /// <summary>The record of a routine that has just ended; <paramref name="endedAt"/> is the wall clock when it was seen ended.</summary>
    public static DayRoutineRecord Of(in DayRoutineProgress progress, DateTimeOffset endedAt) => new()
    {
        Kind = progress.Kind,
        Result = progress.Result,
        StartedAt = endedAt - TimeSpan.FromSeconds(Math.Max(0.0, progress.EndedAt - progress.StartedAt)),
        EndedAt = endedAt,
        Source = progress.Source,
        Figure = Finite(progress.Figure),
        SupplyMpa = Finite(progress.SupplyMpa),
        ChargeS = Finite(progress.ChargeS),
        FlowFraction = Finite(progress.FlowFraction),
        POutMpa = progress.POutMpa,
        PBottleMpa = progress.PBottleMpa,
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
