using HydroOxygen.Controller.Core;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// DESIGN §2.5: a routine choice made during a passing state (Pressurizing, Charging) is carried out —
/// at once or when that state ends — never refused for its timing. Issue 12, finding 8: choosing the
/// gas right after power-on, the guide's second step, was refused while the bottle charged.
/// </summary>
public class PassingStateChoiceTests(ITestOutputHelper output)
{
    [Fact]
    public void The_gas_chosen_while_the_bottle_charges_after_power_on_is_carried_out()
    {
        var device = new Device(Device.Starting("cleanse")).PowerOn().RunUntilState(DeviceState.Charging, 5.0);
        device.Command(ControlCommand.SelectSource(GasSource.Compressor)).Run(0.1);

        var events = device.DrainEvents().ToList();
        Assert.DoesNotContain(events, e => e.Kind == ControlEventKind.CommandRejected);
        Assert.Equal(GasSource.Compressor, device.Last.GasSource);

        // The new gas pressurizes the manifold (a cold compressor tank first), then the charge resumes.
        device.RunUntilState(DeviceState.Ready, 60.0);
        device.PowerOnAndCharge(limitS: 60.0);
        output.WriteLine($"ready on compressed air at {device.Time:F1} s, bottle {device.Last.PBottleTrueMpa:F3} MPa, source line {device.Last.PSrcTrueMpa:F3} MPa, alarms {Device.Alarms(device.Last)}");
        Assert.True(device.Last.CompressorOn || device.Last.PSrcTrueMpa > 0.6, "running on the compressor's tank");
        Assert.Equal(0u, device.Last.Alarms);
    }

    [Fact]
    public void The_gas_chosen_while_the_bottle_tops_up_after_a_burst_is_carried_out()
    {
        var device = new Device(Device.Starting("cleanse")).PowerOnAndCharge();
        device.Pedal(true).Run(3.0).Pedal(false);
        device.Run(0.05);
        device.Command(ControlCommand.SetSetpoint(0.50)).Run(0.01);
        Assert.Equal(DeviceState.Charging, device.Last.State);
        device.Command(ControlCommand.SelectSource(GasSource.Compressor)).Command(ControlCommand.SelectProgram(device.Core.ProgramIndex("nourish"))).Run(0.1);

        Assert.DoesNotContain(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected);
        Assert.Equal(GasSource.Compressor, device.Last.GasSource);
        Assert.Equal(device.Core.ProgramIndex("nourish"), device.Last.ProgramIndex);
    }
}
