using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

public class ChargingTests(ITestOutputHelper output)
{
    [Fact]
    public void Bottle_charges_to_the_setpoint_and_the_device_returns_to_Ready()
    {
        var device = new Device(Device.Starting("acne")).PowerOn();
        device.RunUntilState(DeviceState.Charging, 2.0);
        var started = device.Time;

        device.RunUntilState(DeviceState.Ready, 12.0);

        output.WriteLine($"charged in {device.Time - started:F2} s to {device.Last.PBottleTrueMpa:F3} MPa (P_out {device.Last.POutTrueMpa:F3})");
        Assert.InRange(device.Last.PBottleTrueMpa, 0.45 - 0.035, 0.45);
        Assert.InRange(device.Time - started, 1.0, 6.0);

        // Topped off in Ready until the bottle is within ChargeTopOffWithinMpa, held open a moment while
        // the inlet's spool closes (ChargeCloseHoldS), then shut.
        var sequence = device.Core.Settings.Sequence;
        var ready = device.Time;
        device.Run(sequence.ChargeTopOffMaxS + 0.05);
        var open = device.Between(ready, device.Time).TakeWhile(s => s.ChargeOpen).ToList();
        var shut = open.Count > 0 ? open[^1].TimeS - ready : 0.0;
        output.WriteLine($"charge valve shut {shut * 1000:F0} ms after Ready, the bottle then {device.Last.PBottleTrueMpa:F4} MPa");
        Assert.False(device.Last.ChargeOpen);
        Assert.True(device.Between(ready, device.Time).All(s => s.State == DeviceState.Ready));
        Assert.InRange(device.Last.PBottleTrueMpa, 0.45 - sequence.ChargeTopOffWithinMpa - 0.002, 0.45);
        Assert.Equal(0u, device.Last.Alarms);
        Assert.True(device.Between(started, device.Time).All(s => !s.SprayOpen), "charging never sprays");
    }

    [Fact]
    public void A_leaking_bottle_times_out_with_BottleNotCharging_and_blocks_spraying()
    {
        var device = new Device(Device.Starting("acne")).PowerOn();
        device.Inject(FaultKind.Leak, FaultTarget.Bottle, 0.1);
        device.RunUntilState(DeviceState.Charging, 2.0);
        var started = device.Time;

        device.RunUntilState(DeviceState.Ready, 20.0);

        output.WriteLine($"gave up after {device.Time - started:F2} s with the bottle at {device.Last.PBottleTrueMpa:F3} MPa");
        Assert.True(device.Last.HasAlarm(AlarmCode.BottleNotCharging));
        Assert.InRange(device.Time - started, 11.9, 12.2);
        Assert.False(device.Run(0.03).Last.ChargeOpen);

        // With the alarm latched, the pedal does not spray gas without liquid pressure behind it.
        device.Pedal(true).Run(1.0);
        Assert.True(device.Between(device.Time - 1.0, device.Time).All(s => !s.SprayOpen && s.State == DeviceState.Ready));
    }
}
