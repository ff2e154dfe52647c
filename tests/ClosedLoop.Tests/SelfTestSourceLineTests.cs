using HydroOxygen.Controller.Core;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// A shutdown shuts the source valve at once, so the source line keeps ~0.75 MPa of oxygen up to the
/// inlet. The next self-test blows it back through the manifold; with the bottle joined from the start
/// that gas charged the vented bottle (to 0.023 MPa), and a switch-off during the self-test with no gas
/// to fill the manifold for the outlet hold (compressor just selected) then sealed it there, just over
/// the 0.02 MPa limit (reliability routine cTZr4ztYx4-S1c1T2).
/// </summary>
public sealed class SelfTestSourceLineTests(ITestOutputHelper output)
{
    /// <summary>Off after a shutdown on oxygen, the source line still charged, the switch on again.</summary>
    private static Device SwitchedOnAgainAfterAShutdown()
    {
        var device = new Device(Device.Starting("cleanse")).PowerOnAndCharge();
        device.Runner.PowerSwitch(false);
        device.RunUntilState(DeviceState.Off, 20.0);
        Assert.True(device.Last.PSrcTrueMpa > 0.5, $"source line {device.Last.PSrcTrueMpa:F3} MPa");
        Assert.True(device.Last.PBottleTrueMpa < 0.005, $"bottle {device.Last.PBottleTrueMpa:F4} MPa");
        device.Runner.PowerSwitch(true);
        device.RunUntilState(DeviceState.SelfTest, 1.0);
        return device;
    }

    [Fact]
    public void The_self_test_vents_the_source_line_without_charging_the_vented_bottle()
    {
        var device = SwitchedOnAgainAfterAShutdown();
        var from = device.Time;

        device.RunUntilState(DeviceState.Idle, 5.0);

        var peak = device.Between(from, device.Time).Max(s => s.PBottleTrueMpa);
        output.WriteLine($"self-test {device.Time - from:F3} s; bottle peak {peak:F4} MPa");
        Assert.True(peak < 0.005, $"the bottle rose to {peak:F4} MPa");
    }

    [Fact]
    public void Switched_off_during_the_self_test_on_an_empty_compressor_it_ends_Off_with_the_bottle_vented()
    {
        // Switched off once the source line's gas has passed through the manifold: too little left in it
        // for the outlet hold, and (before the fix) the bottle at the most that gas had given it.
        var device = SwitchedOnAgainAfterAShutdown();
        var peak = 0.0;
        while (!(peak > 0.1 && device.Last.POutMpa < 0.03))
        {
            peak = Math.Max(peak, device.Tick().Last.POutMpa);
            Assert.Equal(DeviceState.SelfTest, device.Last.State);
        }

        output.WriteLine($"switched off {device.Last.TimeS:F3} s: P_out {device.Last.POutTrueMpa:F4}, bottle {device.Last.PBottleTrueMpa:F4} MPa");

        device.Command(ControlCommand.SelectSource(GasSource.Compressor));
        device.Runner.PowerSwitch(false);
        device.RunUntilState(DeviceState.Off, 20.0);

        output.WriteLine($"Off: P_out {device.Last.POutTrueMpa:F4}, bottle {device.Last.PBottleTrueMpa:F4} MPa, reported {device.Core.Status.BottleUnderPressure}");
        Assert.True(device.Last.POutTrueMpa < 0.02);
        Assert.True(device.Last.PBottleTrueMpa < 0.02, $"bottle {device.Last.PBottleTrueMpa:F4} MPa");
    }
}
