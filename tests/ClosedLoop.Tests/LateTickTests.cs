using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// A tick that comes late but inside the stall limit (the safety settings' <c>LoopStallS</c>): the
/// plant carried on with the outputs as last written. What it did on a held open inlet is the loop's
/// doing, not a fault of the plant; what it did on a held shut inlet is still a fault.
/// </summary>
public class LateTickTests(ITestOutputHelper output)
{
    private const double Hiccup = 0.016;

    [Fact]
    public void A_late_tick_while_the_inlet_fills_to_a_new_setpoint_overshoots_and_recovers_without_an_alarm()
    {
        // The clean-clone CI run that found this: a loaded machine held the loop 16 ms just after the
        // technician raised the setpoint 0.40 → 0.45, the wide-open inlet carried the manifold to
        // 0.48 MPa, and the runaway rule latched OverPressure on a healthy device.
        var device = new Device().PowerOnAndCharge().Run(0.5);
        Assert.Equal(0.40, device.Last.SetpointMpa, 3);
        device.Command(ControlCommand.SetSetpoint(0.45));
        var stepped = device.Time;
        while (device.Last.InletDuty < 0.9 && device.Time < stepped + 0.2)
        {
            device.Tick();
        }

        Assert.True(device.Last.InletDuty >= 0.9, $"the inlet opens wide to fill (duty {device.Last.InletDuty:F2})");
        var stalled = device.Time;
        device.Runner.Stall(Hiccup);
        device.Run(1.0);

        var after = device.Between(stalled, device.Time).ToList();
        var peakAt = after.IndexOf(after.MaxBy(s => s.POutTrueMpa)!);
        var peak = after[peakAt].POutTrueMpa;
        var back = after.FindIndex(peakAt, s => Math.Abs(s.POutTrueMpa - 0.45) <= 0.01);
        Assert.True(back > 0, "the manifold comes back to its setpoint");
        var backAfter = after[back].TimeS - stalled;
        var worstSince = after.Skip(back).Max(s => Math.Abs(s.POutTrueMpa - 0.45));
        output.WriteLine($"held {Hiccup * 1000:F0} ms at inlet duty {after[0].InletDuty:F2}: peak true P_out {peak:F4} MPa, within ±0.01 of 0.45 again {backAfter * 1000:F0} ms after the late tick, at most {worstSince * 1000:F1} kPa off after that");

        Assert.True(peak > 0.475, $"the held inlet really overshot the runaway margin (peak {peak:F4})");
        Assert.All(after, s => Assert.Equal(string.Empty, Device.Alarms(s)));
        Assert.DoesNotContain(after, s => s.State == DeviceState.Fault);
        Assert.InRange(backAfter, 0.0, 0.2);
        Assert.InRange(worstSince, 0.0, 0.015);
    }

    [Fact]
    public void A_late_tick_with_the_inlet_held_shut_does_not_excuse_a_stuck_inlet()
    {
        var device = new Device().PowerOnAndCharge().Run(0.5);
        Assert.Equal(0.0, device.Last.InletDuty);
        var injected = device.Time;
        device.Inject(FaultKind.InletStuckOpen);
        device.Runner.Stall(Hiccup);

        device.RunUntilState(DeviceState.Fault, 0.2).Run(1.0);

        var after = device.Between(injected, device.Time).ToList();
        var fault = after.First(s => s.State == DeviceState.Fault).TimeS - injected;
        output.WriteLine($"Fault {fault * 1000:F0} ms after the stuck inlet; peak true P_out {after.Max(s => s.POutTrueMpa):F4} MPa");
        Assert.True(device.Last.HasAlarm(AlarmCode.OverPressure));
        Assert.True(after.All(s => s.POutTrueMpa <= 0.70), "the relief pressure is never reached");
        Assert.True(device.Last.VentOpen && !device.Last.SourceOpen);
    }
}
