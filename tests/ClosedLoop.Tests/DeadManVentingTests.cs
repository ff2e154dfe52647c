using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// DESIGN §2.5, the dead-man rule has no exceptions: no mist with the pedal up, also not while the
/// controller itself vents with a spray valve that may be stuck open — the bottle is then left sealed
/// and reported. Issue 12, finding 2: a shutdown after UncommandedFlow vented the bottle through the
/// stuck valve, ~3 s of mist at up to ~6 L/min with nobody on the pedal.
/// </summary>
public class DeadManVentingTests(ITestOutputHelper output)
{
    /// <summary>After a spray valve is last seen open legitimately, the hose may go on misting this long as it empties (measured ~0.38 s from 0.60 MPa).</summary>
    private const double HoseBlowDownS = 0.5;

    [Fact]
    public void A_shutdown_after_UncommandedFlow_leaves_the_bottle_sealed_and_reported_and_nothing_mists()
    {
        var device = new Device(Device.Starting("cleanse")).PowerOnAndCharge();
        device.Inject(FaultKind.SprayStuckOpen).RunUntilState(DeviceState.Fault, 2.0);
        Assert.True(device.Last.HasAlarm(AlarmCode.UncommandedFlow));
        device.Run(2.0);

        var switchedOff = device.Time;
        device.Runner.PowerSwitch(false);
        device.RunUntilState(DeviceState.Off, 35.0).Run(1.0);

        var ending = device.Between(switchedOff, device.Time).ToList();
        var mist = ending.Where(s => s.Mist && !s.Pedal).ToList();
        output.WriteLine($"switched off at {switchedOff:F2} s; {mist.Count} ticks of mist with the pedal up; Off with P_out {device.Last.POutTrueMpa:F3}, bottle {device.Last.PBottleTrueMpa:F3} MPa");
        Assert.Empty(mist);
        Assert.True(ending.All(s => !s.ChargeOpen), "the bottle is never joined to a manifold whose spray valve is stuck open");
        Assert.InRange(device.Last.POutTrueMpa, 0.0, 0.02);
        Assert.True(device.Last.PBottleTrueMpa > 0.3, "the bottle keeps its charge");
        Assert.True(device.Core.Status.BottleUnderPressure, "the status says: bottle under pressure, do not open");
        Assert.InRange(device.Core.Status.PBottleMpa, device.Last.PBottleTrueMpa - 0.01, device.Last.PBottleTrueMpa + 0.01);
    }

    /// <summary>
    /// The technician sees the pen go on spraying after letting go of the pedal and switches off at once,
    /// before the leak check could judge it: the shutdown's hold finds the manifold losing gas with
    /// every valve shut, and the bottle is not vented through the stuck valve.
    /// </summary>
    [Fact]
    public void A_spray_valve_sticking_open_just_before_the_switch_goes_off_does_not_mist_the_bottle_out()
    {
        var device = new Device(Device.Starting("cleanse")).PowerOnAndCharge();
        device.Pedal(true).RunUntilState(DeviceState.Spraying, 1.0).Run(1.0);
        device.Inject(FaultKind.SprayStuckOpen).Run(0.5).Pedal(false).Run(0.1);
        var switchedOff = device.Time;
        device.Runner.PowerSwitch(false);
        device.RunUntilState(DeviceState.Off, 35.0).Run(1.0);

        var ending = device.Between(switchedOff, device.Time).ToList();
        var late = ending.Where(s => s.Mist && !s.Pedal && s.TimeS > switchedOff + HoseBlowDownS).ToList();
        output.WriteLine($"mist with the pedal up after the blow-down: {late.Count} ticks; bottle {device.Last.PBottleTrueMpa:F3} MPa, reported {device.Core.Status.BottleUnderPressure}");
        Assert.Empty(late);
        Assert.True(device.Core.Status.BottleUnderPressure);
    }
}
