using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Service;

/// <summary>
/// Issue 5's tuning must-show over every corner of the ±30 % box (docs/TUNING.md): volumes, inlet
/// (with the charge valve) and vent conductances each ×0.7 or ×1.3; the default gains and the
/// auto-tuned ones measured against the DESIGN §2.3 targets on the true plant. Prints the table
/// that docs/TUNING.md quotes.
/// </summary>
public class TuningCornerTests(ITestOutputHelper output)
{
    public static TheoryData<double, double, double> Corners
    {
        get
        {
            var corners = new TheoryData<double, double, double>();
            foreach (var volumes in new[] { 0.7, 1.3 })
            {
                foreach (var inlet in new[] { 0.7, 1.3 })
                {
                    foreach (var vent in new[] { 0.7, 1.3 })
                    {
                        corners.Add(volumes, inlet, vent);
                    }
                }
            }

            return corners;
        }
    }

    [Theory]
    [MemberData(nameof(Corners))]
    public async Task Each_corner_of_the_plus_minus_30_percent_box_default_and_tuned_gains(double volumes, double inlet, double vent)
    {
        var plant = TuningTests.Variant(volumes, inlet, vent);
        var defaults = RegulationCheck.Measure(ControllerSettings.Default, plant);
        var bench = new ServiceBench(plant);
        var tuning = await bench.Procedures.AutoTuneAsync(null, CancellationToken.None);
        var tuned = RegulationCheck.Measure(ControllerSettings.Default with { Regulator = tuning.Proposed }, plant);

        var row = new StringBuilder();
        row.Append(CultureInfo.InvariantCulture, $"| ×{volumes:0.0} | ×{inlet:0.0} | ×{vent:0.0} | ");
        row.Append(Cells(defaults)).Append(" | ");
        row.Append(CultureInfo.InvariantCulture, $"{tuning.Proposed.ProportionalGain:0} / {tuning.Proposed.IntegralGain:0} / {tuning.Proposed.IntegratorErrorLimitMpa:0.00} | ");
        row.Append(Cells(tuned)).Append(" |");
        output.WriteLine("| volumes | inlet+charge | vent | default: settle ms / overshoot kPa / steady kPa / dip recovery ms | meets | tuned Kp / Ki / limit | tuned: settle / overshoot / steady / recovery | meets |");
        output.WriteLine(row.ToString());
        output.WriteLine($"identified: inlet × {tuning.Inlet.ConductanceRatio:F3} (lag {tuning.Inlet.TimeConstantS * 1000:F1} ms, rms {tuning.Inlet.RmsErrorMpa * 1000:F2} kPa), vent × {tuning.Vent.ConductanceRatio:F3}, charge × {tuning.Charge.ConductanceRatio:F3}; predicted on the model: {tuning.PredictedWithProposed.Nominal} ({tuning.PredictedWithProposed.ModelsMeetingTargets} models), settings in use {tuning.PredictedWithCurrent.Nominal} ({tuning.PredictedWithCurrent.ModelsMeetingTargets})");
        output.WriteLine($"default misses: {string.Join("; ", defaults.Misses)}; tuned misses: {string.Join("; ", tuned.Misses)}");

        // Tuning must never make a corner worse than the defaults, and where the defaults meet the
        // targets so must the proposal. Corners where both miss are documented, not hidden.
        if (defaults.MeetsTargets)
        {
            Assert.True(tuned.MeetsTargets, "tuned gains miss where the defaults meet the targets: " + string.Join("; ", tuned.Misses));
        }

        Assert.True(tuned.Misses.Count <= defaults.Misses.Count, $"tuned misses {string.Join("; ", tuned.Misses)}; defaults {string.Join("; ", defaults.Misses)}");

        // Outside the fast corners (small volumes behind a strong inlet, docs/TUNING.md) the tuned
        // gains meet the targets everywhere: the last misses were the post-dip sag the hose model's
        // filling at the steered pressure caused.
        var fast = volumes < 1.0 && inlet > 1.0;
        if (!fast)
        {
            Assert.True(tuned.MeetsTargets, "tuned gains miss outside the fast corners: " + string.Join("; ", tuned.Misses));
        }
    }

    private static string Cells(RegulationFigures f) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Ms(f.SettlingTimeS)} / {f.OvershootMpa * 1000:0.0} / {f.SteadyStateErrorMpa * 1000:0.0} / {Ms(f.SprayRecoveryS)} | {(f.MeetsTargets ? "yes" : "**no**")}");

    private static string Ms(double s) => double.IsFinite(s) ? (s * 1000).ToString("0", CultureInfo.InvariantCulture) : "never";
}
