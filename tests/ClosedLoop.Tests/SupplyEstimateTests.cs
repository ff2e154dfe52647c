using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Supplies;
using HydroOxygen.Reliability.Supplies;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>DESIGN §2.8: the bottle's and the cylinder's estimates stay within 5 % of the simulator's truth over a 90-minute session.</summary>
public class SupplyEstimateTests(ITestOutputHelper output)
{
    [Fact]
    public void Over_a_90_minute_session_the_liquid_and_oxygen_estimates_stay_within_5_percent_of_the_truth()
    {
        var row = SupplyAccuracy.Run(SupplyAccuracy.DefaultSessions[0]);
        output.WriteLine($"liquid left {row.LiquidLeftEstimateMl:F1} / true {row.LiquidLeftTrueMl:F1} mL ({row.LiquidErrorPercent:F2} %, worst {row.WorstLiquidErrorPercent:F2} %); " +
            $"oxygen left {row.OxygenLeftEstimateLitres:F1} / true {row.OxygenLeftTrueLitres:F1} L ({row.OxygenErrorPercent:F2} %, worst {row.WorstOxygenErrorPercent:F2} %); spray {row.SprayMinutes:F1} min");

        // Not vacuous: the session did use a good part of both.
        Assert.InRange(row.LiquidUsedTrueMl, 20, row.LiquidFullMl);
        Assert.InRange(row.OxygenUsedTrueLitres, 100, row.OxygenFullLitres);
        Assert.InRange(row.WorstLiquidErrorPercent, -5.0, 5.0);
        Assert.InRange(row.WorstOxygenErrorPercent, -5.0, 5.0);
        Assert.InRange(row.LiquidUsedErrorPercent, -5.0, 5.0);
        Assert.InRange(row.OxygenUsedErrorPercent, -5.0, 5.0);
    }

    [Fact]
    public void The_level_switch_pulls_the_liquid_estimate_to_its_mark()
    {
        var ledger = new SupplyLedger(new SuppliesOptions { LevelSwitchMarkMl = 10, LevelSwitchSettleS = 2 });
        ledger.BottleRefilled(100, DateTimeOffset.UnixEpoch);

        // The bottle reads dry while the estimate says 100 mL (a refill recorded but not made).
        ledger.Observe(new ControllerStatus { Time = 1.0, LiquidPresent = false });
        Assert.Equal(100, ledger.View().Bottle.LeftMl);
        ledger.Observe(new ControllerStatus { Time = 3.5, LiquidPresent = false });
        Assert.Equal(10, ledger.View().Bottle.LeftMl);
        Assert.Contains(SupplyNoticeCode.LiquidLow, ledger.View().Notices);

        // Wet again (refilled without a record): at least the mark, never less.
        ledger.Observe(new ControllerStatus { Time = 4.0, LiquidPresent = true, Usage = new UsageCounters { LiquidFedMl = 3 } });
        ledger.Observe(new ControllerStatus { Time = 7.0, LiquidPresent = true, Usage = new UsageCounters { LiquidFedMl = 3 } });
        Assert.Equal(10, ledger.View().Bottle.LeftMl);
    }

    [Fact]
    public void Oxygen_that_would_not_last_the_treatment_is_a_notice()
    {
        var ledger = new SupplyLedger(new SuppliesOptions { TreatmentMinutes = 60, UseWindowMinutes = 5, OxygenVolumeFactor = 1.0 });
        ledger.CylinderChanged(1.0, 10.0, DateTimeOffset.UnixEpoch); // 100 L
        Assert.Equal(100, ledger.View().Cylinder.LeftLitres);

        // 5 L/min for two minutes: 90 L left, 18 min at that use, less than the hour a treatment takes.
        for (var t = 0; t <= 120; t += 5)
        {
            ledger.Observe(new ControllerStatus { Time = t, GasSource = GasSource.Oxygen, LiquidPresent = true, Usage = new UsageCounters { OxygenLitres = t / 60.0 * 5.0 } });
        }

        var view = ledger.View();
        Assert.Equal(90, view.Cylinder.LeftLitres!.Value, 6);
        Assert.Equal(5.0, view.OxygenUseLpm!.Value, 6);
        Assert.Equal(18.0, view.OxygenMinutesLeft!.Value, 6);
        Assert.Contains(SupplyNoticeCode.OxygenWillNotLast, view.Notices);
    }
}
