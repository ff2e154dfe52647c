using System.Globalization;
using HydroOxygen.Controller.Core;
using Microsoft.Extensions.Localization;

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// The daily routines in words (DESIGN §2.8): the prompt for the step the routine is at, and the
/// result with its reason and figures. The core gives codes and numbers; this edge puts them into
/// the language of the text given. Allocates; never called on the tick.
/// </summary>
public static class DayRoutineWords
{
    public static string Name(IStringLocalizer text, DayRoutineKind kind) => text["Day." + kind];

    /// <summary>What the screen asks of the technician now; empty when the routine asks nothing.</summary>
    public static string Prompt(IStringLocalizer text, DayRoutineStep step, bool waitingForPedal) => step switch
    {
        DayRoutineStep.Supply => text["Day.Step.Supply"],
        DayRoutineStep.Charge => text["Day.Step.Charge"],
        DayRoutineStep.Nozzle => text[waitingForPedal ? "Day.Step.Nozzle.Hold" : "Day.Step.Nozzle"],
        DayRoutineStep.Venting => text[waitingForPedal ? "Day.Step.Venting.Hold" : "Day.Step.Venting"],
        DayRoutineStep.CleanPen => text["Day.Step.CleanPen"],
        _ => "",
    };

    /// <summary>The result with its reason and figures; empty while the routine runs.</summary>
    public static string Reason(
        IStringLocalizer text, DayRoutineKind kind, DayRoutineResult result, double? figure, double? supplyMpa, double? chargeS, double? flowFraction,
        double pOutMpa, double pBottleMpa)
    {
        ArgumentNullException.ThrowIfNull(text);
        return result switch
        {
            DayRoutineResult.Running => "",
            DayRoutineResult.Passed when kind == DayRoutineKind.EndOfDayPurge =>
                text["Day.Result.Passed.Purge", Mpa(pOutMpa), Mpa(pBottleMpa)],
            DayRoutineResult.Passed when chargeS is 0.0 => text["Day.Result.Passed.CheckCharged",
                supplyMpa is { } charged ? Mpa(charged) : text["Day.Unmeasured"].Value, Percent(flowFraction)],
            DayRoutineResult.Passed => text["Day.Result.Passed.Check",
                supplyMpa is { } s ? Mpa(s) : text["Day.Unmeasured"].Value,
                chargeS is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) : text["Day.Unmeasured"].Value,
                Percent(flowFraction)],
            DayRoutineResult.SupplyLow => text["Day.Result.SupplyLow", figure is { } p ? Mpa(p) : "?"],
            DayRoutineResult.BottleNotCharging => text["Day.Result.BottleNotCharging",
                chargeS is { } t ? text["Day.Seconds", t.ToString("0.0", CultureInfo.InvariantCulture)].Value : figure is { } b ? Mpa(b) + " MPa" : "?"],
            DayRoutineResult.NozzleFlowLow => text["Day.Result.NozzleFlowLow", Percent(figure)],
            DayRoutineResult.PedalNotHeld => text["Day.Result.PedalNotHeld", (figure ?? 0.0).ToString("0", CultureInfo.InvariantCulture)],
            DayRoutineResult.NotVented => text["Day.Result.NotVented", Mpa(figure ?? pBottleMpa)],
            _ => text["Day.Result." + result],
        };
    }

    private static string Mpa(double mpa) => Math.Max(0.0, mpa).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Percent(double? fraction) => fraction is { } f ? Math.Round(100.0 * f).ToString("0", CultureInfo.InvariantCulture) : "?";
}
