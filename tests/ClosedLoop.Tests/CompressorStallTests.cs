using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// Issue 12, finding 4: a compressor that stalls while it runs under a spray was reported as a supply
/// problem (SupplyLow, then SupplyLost) and its motor stayed powered ~7 s. A healthy 20 L/min
/// compressor outruns the ~13 L/min nozzle, so a tank falling steadily with the motor on is the motor:
/// CompressorFault, first, and the motor off promptly.
/// </summary>
public class CompressorStallTests(ITestOutputHelper output)
{
    [Fact]
    public void A_compressor_that_stalls_under_a_spray_is_a_CompressorFault_first_and_its_motor_goes_off_promptly()
    {
        var device = new Device(Device.Starting("custom", GasSource.Compressor)).PowerOnAndCharge(limitS: 60.0);
        device.Pedal(true).RunUntilState(DeviceState.Spraying, 1.0);

        // The spray draws the tank down to cut-in; the motor starts, and stalls moments later.
        var deadline = device.Time + 60.0;
        while (!device.Last.CompressorOn && device.Time < deadline)
        {
            device.Tick();
        }

        Assert.True(device.Last.CompressorOn, "the motor never started under the spray");
        device.Run(1.0);
        var stalled = device.Time;
        device.Inject(FaultKind.CompressorFailed).Run(10.0);

        var events = device.DrainEvents().Where(e => e.Kind == ControlEventKind.AlarmRaised && e.Time >= stalled).ToList();
        var lastOn = device.Between(stalled, device.Time).LastOrDefault(s => s.CompressorOn);
        output.WriteLine($"alarms after the stall: {string.Join(", ", events.Select(e => $"{e.Alarm} at +{e.Time - stalled:F2} s"))}; motor last on at +{lastOn.TimeS - stalled:F2} s");
        Assert.NotEmpty(events);
        Assert.Equal(AlarmCode.CompressorFault, events[0].Alarm);
        Assert.InRange(events[0].Time - stalled, 0.0, 3.0);
        Assert.InRange(lastOn.TimeS - stalled, 0.0, 3.0);
        Assert.DoesNotContain(events, e => e.Alarm is AlarmCode.SupplyLow or AlarmCode.SupplyLost);
    }
}
