using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Supplies;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// The oxygen volume factor is applied once, where the core counts the gas delivered: the session's
/// oxygen, the plan's and the supplies' all follow from that count, so they agree by construction.
/// </summary>
public class OxygenVolumeFactorTests
{
    private static Device Treat(double factor)
    {
        var device = new Device(Device.Starting("acne") with { OxygenVolumeFactor = factor }).PowerOnAndCharge();
        device.Command(ControlCommand.StartPlan(device.Core.PlanIndex("acne")));
        device.Run(0.5).Pedal(true).Run(5.0).Pedal(false).Run(0.5);
        return device;
    }

    [Fact]
    public void The_factor_scales_the_counted_oxygen_once_and_the_session_the_plan_and_the_supplies_agree()
    {
        var air = Treat(1.0).Core.Status;
        var oxygen = Treat(0.951).Core.Status;

        Assert.True(air.Usage.OxygenLitres > 0.3, $"{air.Usage.OxygenLitres} L counted");
        Assert.Equal(0.951, oxygen.Usage.OxygenLitres / air.Usage.OxygenLitres, 9);
        Assert.Equal(0.951, oxygen.Session.OxygenLitres / air.Session.OxygenLitres, 9);
        Assert.Equal(0.951, oxygen.Plan.OxygenUsedL / air.Plan.OxygenUsedL, 9);

        // The supplies take the count as it is: no second factor at the edge.
        var ledger = new SupplyLedger(new SuppliesOptions { OxygenVolumeFactor = 0.951 });
        ledger.CylinderChanged(2.0, 15.0, DateTimeOffset.UnixEpoch);
        ledger.Observe(default(ControllerStatus));
        ledger.Observe(in oxygen);
        Assert.Equal(oxygen.Usage.OxygenLitres, ledger.Record().Totals.OxygenLitres, 9);
        Assert.Equal(SupplyLedger.CylinderLitres(2.0, 15.0) - oxygen.Usage.OxygenLitres, ledger.Record().Cylinder.LeftLitres!.Value, 9);
    }
}
