using System.Globalization;
using System.Text;

namespace HydroOxygen.Reliability.Supplies;

/// <summary>docs/SUPPLIES.md: the consumables estimates against the simulator's truth, written whole by its command.</summary>
public static class SupplyReport
{
    public const double TargetPercent = 5.0;

    public static string Markdown(IReadOnlyList<SupplyAccuracyRow> rows, string command)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        md.Append("""
            # Consumables: the estimates against the simulator's truth

            The device has no flow meter and no scale: the liquid left in the bottle and the oxygen left in the
            cylinder are estimates (DESIGN §2.8). The liquid falls with the core's feed estimate while spraying
            (`LiquidFeedSettings`: feed per MPa of bottle pressure above a threshold, up to a limit) and the level
            switch corrects it (dry: at most its mark; wet: at least its mark). The oxygen falls with the gas the
            inlet valve let through by the regulator's own model of it (the commanded opening through the valve's
            lag × the ISO 6358 capacity at the measured P_src and P_out), counted while the oxygen source is open
            (`UsageMeter` on the tick; `SupplyLedger` off it). `UsageMeter` is also the one place where the oxygen
            volume factor is applied, so the cylinder's estimate, the session records and the plan summary count
            the same litres.

            Each row is a 90-minute session of a technician (sprays of 3–12 s, 15–60 s between them) on the
            unmodified core against the simulated plant in virtual time; the bottle and the cylinder are recorded
            at the start as a technician records a refill and a cylinder change; the truth is the plant's liquid
            and its cylinder's contents. The error of what is left is given as a share of the contents at the
            start (the target: within 5 %), the worst over the session (sampled every 0.2 s) beside the end's,
            and the error of what was used as a share of what truly was.

            The simulated plant models oxygen as air (its conductances and litres are air's), so the measurement
            runs with `Supplies:OxygenVolumeFactor` = 1 (the core's count unscaled). A device on real oxygen keeps the default 0.951
            (√(R_O2/R_air), DESIGN §1.3): the same conductance passes about 5 % fewer litres of oxygen than of air,
            an error this table cannot show.


            """.Replace("\r", "", StringComparison.Ordinal));
        Line($"Written by `{command}`.");
        md.Append('\n');
        md.Append("| session | spray min | liquid: start → left, estimate / true (mL) | used, estimate / true (mL) | error of left, end / worst (% of bottle) | used error (%) | oxygen: start → left, estimate / true (L) | used, estimate / true (L) | error of left, end / worst (% of cylinder) | used error (%) | wall (s) |\n");
        md.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            Line($"| {r.Session.Program}, seed {r.Session.Seed}, {r.Session.Minutes:0} min | {r.SprayMinutes:F1} | {r.LiquidFullMl:F0} → {r.LiquidLeftEstimateMl:F1} / {r.LiquidLeftTrueMl:F1} | {r.LiquidUsedEstimateMl:F1} / {r.LiquidUsedTrueMl:F1} | {r.LiquidErrorPercent:+0.00;-0.00;0.00} / {r.WorstLiquidErrorPercent:+0.00;-0.00;0.00} | {r.LiquidUsedErrorPercent:+0.0;-0.0;0.0} | {r.OxygenFullLitres:F0} → {r.OxygenLeftEstimateLitres:F1} / {r.OxygenLeftTrueLitres:F1} | {r.OxygenUsedEstimateLitres:F1} / {r.OxygenUsedTrueLitres:F1} | {r.OxygenErrorPercent:+0.00;-0.00;0.00} / {r.WorstOxygenErrorPercent:+0.00;-0.00;0.00} | {r.OxygenUsedErrorPercent:+0.0;-0.0;0.0} | {r.Wall.TotalSeconds:F0} |");
        }

        md.Append('\n');
        var pass = rows.All(Passes);
        Line($"Within {TargetPercent:0} % of the contents throughout every session: {(pass ? "yes" : "NO")}.");
        md.Append('\n');
        md.Append("CI: `tests/ClosedLoop.Tests/SupplyEstimateTests.cs` runs the first session and asserts the 5 %.\n");
        return md.ToString();
    }

    public static bool Passes(SupplyAccuracyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Math.Abs(row.WorstLiquidErrorPercent) <= TargetPercent && Math.Abs(row.WorstOxygenErrorPercent) <= TargetPercent
            && Math.Abs(row.LiquidErrorPercent) <= TargetPercent && Math.Abs(row.OxygenErrorPercent) <= TargetPercent;
    }
}
