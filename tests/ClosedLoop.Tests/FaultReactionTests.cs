using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

public class FaultReactionTests(ITestOutputHelper output)
{
    [Fact]
    public void Inlet_stuck_open_ends_in_Fault_with_the_vent_open_and_never_above_the_relief_pressure()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        var injected = device.Time;
        device.Inject(FaultKind.InletStuckOpen);

        device.RunUntilState(DeviceState.Fault, 1.0).Run(2.0);

        var after = device.Between(injected, device.Time).ToList();
        output.WriteLine($"Fault {after.First(s => s.State == DeviceState.Fault).TimeS - injected:F3} s after the fault; peak true P_out {after.Max(s => s.POutTrueMpa):F3} MPa");
        Assert.True(device.Last.HasAlarm(AlarmCode.OverPressure));
        Assert.True(device.Last.VentOpen);
        Assert.False(device.Last.SourceOpen);
        Assert.False(device.Last.SprayOpen);
        Assert.True(after.All(s => s.POutTrueMpa <= 0.70), "the relief pressure is never reached");
        Assert.True(device.Last.POutTrueMpa < 0.05, "with the source shut the manifold vents");
    }

    /// <summary>
    /// The power-on fill opens the inlet with the source valve, so a spool that sticks open early in
    /// the fill looks like the fill itself; it is told by running ahead of the commanded opening's
    /// model (issue 18): tripped within 30 ms of sticking, far below the relief pressure.
    /// </summary>
    [Fact]
    public void An_inlet_sticking_open_early_in_the_power_on_fill_trips_within_30_ms()
    {
        var device = new Device(Device.Starting("acne")).PowerOn();
        device.RunUntilState(DeviceState.Pressurizing, limitS: 2.0).Run(0.05);
        var injected = device.Time;
        device.Inject(FaultKind.InletStuckOpen);

        device.RunUntilState(DeviceState.Fault, 0.5).Run(0.5);

        var after = device.Between(injected, device.Time).ToList();
        var tripped = after.First(s => s.State == DeviceState.Fault).TimeS - injected;
        var peak = after.Max(s => s.POutTrueMpa);
        output.WriteLine($"P_out {after[0].POutTrueMpa:F3} MPa when stuck; Fault {tripped * 1000:F0} ms after; peak true P_out {peak:F3} MPa");
        Assert.True(device.Last.HasAlarm(AlarmCode.OverPressure));
        Assert.InRange(tripped, 0.0, 0.03);
        Assert.InRange(peak, 0.0, 0.52);
    }

    /// <summary>
    /// The power-on fill opens the inlet with the source valve, so an inlet that sticks shut 50 ms in
    /// leaves gas trapped in the manifold, and the stalled fill looks like one feeding a leak. At the
    /// pressurize time-out every valve is shut for a moment: the manifold holds, so the inlet passes
    /// nothing — UnderPressure, and the device carries on (not UncommandedFlow, not Fault).
    /// </summary>
    [Fact]
    public void An_inlet_sticking_shut_early_in_the_power_on_fill_is_UnderPressure_not_a_leak()
    {
        var device = new Device(Device.Starting("acne")).PowerOn();
        device.RunUntilState(DeviceState.Pressurizing, limitS: 2.0).Run(0.05);
        var stuckAt = device.Last.POutTrueMpa;
        device.Inject(FaultKind.InletStuckClosed);

        device.Run(12.0);

        output.WriteLine($"P_out {stuckAt:F3} MPa when stuck; {device.Last.State}, alarms {Device.Alarms(device.Last)}");
        Assert.True(stuckAt > 0.1, "gas was trapped in the manifold when the inlet stuck");
        Assert.Equal(DeviceState.Pressurizing, device.Last.State);
        Assert.True(device.Last.HasAlarm(AlarmCode.UnderPressure));
        Assert.False(device.Last.HasAlarm(AlarmCode.UncommandedFlow));
    }

    /// <summary>A leak that stalls the fill (a burst hose) is still told by the same hold: UncommandedFlow, Fault.</summary>
    [Fact]
    public void A_burst_hose_that_stalls_the_fill_ends_in_Fault_with_UncommandedFlow()
    {
        var device = new Device(Device.Starting("acne")).PowerOn();
        device.RunUntilState(DeviceState.Pressurizing, limitS: 2.0).Run(0.05);
        device.Inject(FaultKind.Leak, FaultTarget.Manifold, 0.5);

        device.Run(12.0);

        output.WriteLine($"{device.Last.State}, alarms {Device.Alarms(device.Last)}, P_out {device.Last.POutTrueMpa:F3} MPa");
        Assert.Equal(DeviceState.Fault, device.Last.State);
        Assert.True(device.Last.HasAlarm(AlarmCode.UncommandedFlow));
    }

    [Fact]
    public void A_disconnected_outlet_sensor_reaches_the_safe_state_within_three_ticks()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        device.Pedal(true).RunUntilState(DeviceState.Spraying, 0.1).Run(0.3);
        var before = device.Trace.Count;

        device.Inject(FaultKind.SensorDisconnected, FaultTarget.POut);
        device.Tick().Tick().Tick();

        var ticks = device.Trace.Skip(before).ToList();
        output.WriteLine(string.Join(" | ", ticks.Select(s => $"{s.State} inlet {s.InletDuty:F2} vent {s.VentOpen} spray {s.SprayOpen}")));
        var safe = ticks.FindIndex(s => s.State == DeviceState.Fault);
        Assert.InRange(safe, 0, 2);
        var last = ticks[^1];
        Assert.True(last.HasAlarm(AlarmCode.SensorFault));
        Assert.True(last.VentOpen && !last.SourceOpen && !last.SprayOpen && !last.ChargeOpen && last.InletDuty == 0.0);
    }
}
