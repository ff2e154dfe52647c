using HydroOxygen.Controller.Core;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

public class ShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public void Power_switch_off_vents_manifold_and_bottle_below_0_02_and_ends_Off()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        device.Pedal(true).Run(1.0).Pedal(false).Run(0.5);
        var off = device.Time;

        device.Runner.PowerSwitch(false);
        device.RunUntilState(DeviceState.Off, 20.0).Run(0.5);

        output.WriteLine($"Off {device.Time - 0.5 - off:F2} s after the switch; P_out {device.Last.POutTrueMpa:F4}, bottle {device.Last.PBottleTrueMpa:F4} MPa");
        Assert.True(device.Last.POutTrueMpa < 0.02);
        Assert.True(device.Last.PBottleTrueMpa < 0.02);
        Assert.True(device.Between(off + 0.001, device.Time).All(s => !s.SprayOpen && !s.SourceOpen), "nothing sprays or feeds while shutting down");
        Assert.True(device.Last.VentOpen && !device.Last.ChargeOpen && device.Last.InletDuty == 0.0);
        Assert.Contains(device.DrainEvents(), e => e.Kind == ControlEventKind.SessionEnded);
    }

    [Fact]
    public void The_pedal_does_nothing_while_shutting_down()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        device.Command(ControlCommand.Shutdown()).Tick();
        Assert.Equal(DeviceState.ShuttingDown, device.Last.State);

        device.Pedal(true).RunUntilState(DeviceState.Off, 20.0);

        Assert.True(device.Trace.Where(s => s.State == DeviceState.ShuttingDown).All(s => !s.SprayOpen));
    }

    [Fact]
    public void A_vent_that_will_not_open_ends_the_shutdown_in_Fault_not_Off()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        device.Inject(Simulator.Plant.FaultKind.VentStuckClosed);
        device.Command(ControlCommand.Shutdown());

        device.RunUntilState(DeviceState.Fault, 40.0);

        Assert.True(device.Last.HasAlarm(AlarmCode.VentFailure));
        Assert.True(device.Last.VentOpen, "still commanded open");
    }
}
