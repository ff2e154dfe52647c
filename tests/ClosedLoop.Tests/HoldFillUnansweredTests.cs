using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// A shutdown from Fault fills the empty manifold from the source for the outlet hold. With the inlet
/// stuck fully open and the P_out transducer stuck at zero, the fill used to keep the source open while
/// P_out read nothing: the true manifold ran to the source line's 0.735 MPa (0.70 in 0.22 s) until the
/// transducer was called faulty ~0.5 s later (property seed cPHTeypVV9r1). A fill P_out does not answer
/// now proves nothing: the bottle stays sealed and reported, and the manifold is vented.
/// </summary>
public sealed class HoldFillUnansweredTests(ITestOutputHelper output)
{
    [Fact]
    public void A_shutdown_whose_hold_fill_P_out_does_not_answer_keeps_the_manifold_well_below_the_source_line()
    {
        var device = new Device().PowerOnAndCharge();
        device.Inject(FaultKind.InletStuckOpen).RunUntilState(DeviceState.Fault, 5.0).Run(1.0);
        Assert.True(device.Last.POutTrueMpa < 0.02, $"the Fault vented the manifold ({device.Last.POutTrueMpa:F3} MPa)");
        Assert.True(device.Last.PBottleTrueMpa > 0.3, $"the faulted device keeps its bottle's charge ({device.Last.PBottleTrueMpa:F3} MPa)");
        device.Inject(FaultKind.SprayStuckOpen).Run(0.5);
        device.Inject(FaultKind.SensorStuck, FaultTarget.POut);
        var shutdownAt = device.Time;
        device.Command(ControlCommand.Shutdown()).Run(3.0);

        var during = device.Between(shutdownAt, device.Time).ToList();
        var peak = during.MaxBy(s => s.POutTrueMpa)!;
        output.WriteLine($"peak true P_out {peak.POutTrueMpa:F4} MPa at +{(peak.TimeS - shutdownAt) * 1000:F0} ms; "
            + $"bottle {device.Last.PBottleTrueMpa:F3} MPa, reported {device.Core.Status.BottleUnderPressure}; {device.Last.State}, alarms {Device.Alarms(device.Last)}");
        Assert.True(peak.POutTrueMpa < 0.5, $"true manifold peaked at {peak.POutTrueMpa:F3} MPa (source line 0.735, the invariant 0.70)");
        Assert.True(during.All(s => !s.ChargeOpen), "the bottle is never joined: nothing proved the spray valve shut");
        Assert.True(device.Core.Status.BottleUnderPressure, "the status says: bottle under pressure, do not open");
    }
}
