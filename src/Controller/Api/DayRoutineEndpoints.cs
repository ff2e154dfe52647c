using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Supplies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// A start-of-day check or an end-of-day purge (DESIGN §2.8): running, or as it ended.
/// </summary>
/// <param name="Kind"><c>startOfDayCheck</c> or <c>endOfDayPurge</c>.</param>
/// <param name="Step"><c>supply</c>, <c>charge</c>, <c>nozzle</c>, <c>venting</c>, <c>cleanPen</c> or <c>done</c>.</param>
/// <param name="Result"><c>running</c>, <c>passed</c>, or the reason it failed or stopped (a stable code).</param>
/// <param name="WaitingForPedal">The routine waits for the foot switch to be held (or is paused because it was released).</param>
/// <param name="Prompt">What the screen asks of the technician now, in the request's language.</param>
/// <param name="Reason">The result with its reason and figures, in the request's language (empty while running).</param>
/// <param name="SupplyMpa">The source pressure the check saw hold, MPa.</param>
/// <param name="ChargeS">The bottle's charge time, s (0: found charged).</param>
/// <param name="FlowFraction">The pen's measured flow against its model's.</param>
/// <param name="POutMpa">Output pressure when it ended, MPa.</param>
/// <param name="PBottleMpa">Bottle pressure when it ended, MPa.</param>
public sealed record DayRoutineResponse(
    string Kind, string Step, string Result, bool Running, bool WaitingForPedal, string Prompt, string Reason,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string GasSource,
    double? SupplyMpa, double? ChargeS, double? FlowFraction, double? POutMpa, double? PBottleMpa);

/// <summary>The daily routine running (or the last since power-on) and those recorded, newest first.</summary>
public sealed record DayRoutinesResponse(DayRoutineResponse? Current, IReadOnlyList<DayRoutineResponse> Runs);

/// <summary>
/// The daily routines of DESIGN §2.8 through the normal command path: each is a command the control
/// step judges (refused with the reason where the state does not allow it), and each run's ending is
/// kept with the supplies (<c>supplies.json</c>).
/// </summary>
public static class DayRoutineEndpoints
{
    public static RouteGroupBuilder MapDayRoutineEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/day-routines", Routines)
            .WithSummary("The start-of-day check or end-of-day purge running (or the last since power-on) and the runs recorded, newest first");
        api.MapCommandWithoutBody(
            "/day-routines/check",
            ControlCommand.StartDayCheck(),
            "Starts the start-of-day check on the gas chosen: supply, bottle charge, then the pen's spray while the technician holds the foot switch");
        api.MapCommandWithoutBody(
            "/day-routines/purge",
            ControlCommand.StartDayPurge(),
            "Starts the end-of-day purge: the source is closed; the lines vent through the pen only while the foot switch is held");
        api.MapCommandWithoutBody(
            "/day-routines/stop",
            ControlCommand.StopDayRoutine(),
            "Stops the running check or purge, or confirms the pen was cleaned after a purge");
        return api;
    }

    private static Ok<DayRoutinesResponse> Routines(ControllerRuntime runtime, LoopClock clock, SuppliesService supplies)
    {
        var status = runtime.Status.Read();
        var text = ResourceText.Current;
        var runs = supplies.Ledger.DayRoutines().Select(r => Describe(r, text)).ToArray();
        return TypedResults.Ok(new DayRoutinesResponse(Describe(status.DayRoutine, clock, text), runs));
    }

    /// <summary>The routine in the status snapshot; null when none has run since power-on.</summary>
    internal static DayRoutineResponse? Describe(in DayRoutineProgress progress, LoopClock clock, ResourceText text)
    {
        if (progress.Kind == DayRoutineKind.None)
        {
            return null;
        }

        var ended = !progress.Running;
        return new DayRoutineResponse(
            Code(progress.Kind.ToString()),
            Code(progress.Step.ToString()),
            Code(progress.Result.ToString()),
            progress.Running,
            progress.WaitingForPedal,
            DayRoutineWords.Prompt(text, progress.Step, progress.WaitingForPedal),
            DayRoutineWords.Reason(
                text, progress.Kind, progress.Result, Finite(progress.Figure), Finite(progress.SupplyMpa), Finite(progress.ChargeS),
                Finite(progress.FlowFraction), progress.POutMpa, progress.PBottleMpa),
            clock.ToWall(progress.StartedAt),
            ended ? clock.ToWall(progress.EndedAt) : null,
            DeviceNames.Source(progress.Source),
            Round(Finite(progress.SupplyMpa), 3),
            Round(Finite(progress.ChargeS), 2),
            Round(Finite(progress.FlowFraction), 3),
            ended ? Math.Round(progress.POutMpa, 3) : null,
            ended ? Math.Round(progress.PBottleMpa, 3) : null);
    }

    internal static DayRoutineResponse Describe(DayRoutineRecord record, ResourceText text) => new(
        Code(record.Kind.ToString()),
        Code(nameof(DayRoutineStep.Done)),
        Code(record.Result.ToString()),
        false,
        false,
        "",
        DayRoutineWords.Reason(text, record.Kind, record.Result, record.Figure, record.SupplyMpa, record.ChargeS, record.FlowFraction, record.POutMpa, record.PBottleMpa),
        record.StartedAt,
        record.EndedAt,
        DeviceNames.Source(record.Source),
        Round(record.SupplyMpa, 3),
        Round(record.ChargeS, 2),
        Round(record.FlowFraction, 3),
        Math.Round(record.POutMpa, 3),
        Math.Round(record.PBottleMpa, 3));

    private static string Code(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
