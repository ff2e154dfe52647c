using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

public class FootSwitchTests(ITestOutputHelper output)
{
    [Fact]
    public void Releasing_the_pedal_closes_the_spray_valve_on_the_next_tick()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        device.Pedal(true).RunUntilState(DeviceState.Spraying, 0.1).Run(0.5);

        device.Pedal(false).Tick();

        // The release is applied at the start of this tick; this tick already commands the valve shut.
        Assert.False(device.Last.Pedal);
        Assert.False(device.Last.SprayOpen);
        Assert.Equal(DeviceState.Ready, device.Last.State);
        device.Run(0.05);
        Assert.False(device.Last.SprayValveOpenTrue, "the valve itself has closed after its drop-out delay");
    }

    [Fact]
    public void A_press_is_debounced_but_a_blip_never_sprays()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();

        device.Pedal(true).Run(0.010).Pedal(false).Run(0.2);
        Assert.True(device.Between(device.Time - 0.21, device.Time).All(s => !s.SprayOpen), "a 10 ms blip is not a press");

        device.Pedal(true);
        var pressed = device.Time;
        device.RunUntilState(DeviceState.Spraying, 0.1);
        output.WriteLine($"spray valve commanded {(device.Time - pressed) * 1000:F0} ms after the press");
        Assert.InRange(device.Time - pressed, 0.019, 0.025);
    }

    [Fact]
    public void A_bouncing_pedal_sprays_once_and_stops_at_the_first_open_contact()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        device.Inject(FaultKind.PedalBounce);

        device.Pedal(true).RunUntilState(DeviceState.Spraying, 0.1).Run(0.3);
        var sprayStarts = device.Trace.Zip(device.Trace.Skip(1)).Count(p => !p.First.SprayOpen && p.Second.SprayOpen);
        Assert.Equal(1, sprayStarts);

        // The contact chatters for 8 ms after the release: the first open sample in it stops the spray.
        device.Pedal(false);
        var released = device.Time;
        device.Run(0.1);
        var stop = device.Trace.First(s => s.TimeS > released && !s.SprayOpen).TimeS;
        output.WriteLine($"spray stopped {(stop - released) * 1000:F0} ms after the release");
        Assert.InRange(stop - released, 0.0, 0.009);
        Assert.True(device.Between(stop, device.Time).All(s => !s.SprayOpen), "release bounce does not re-start the spray");
    }

    [Fact]
    public void A_pedal_held_at_power_on_never_sprays_until_released()
    {
        var device = new Device(Device.Starting("acne"));
        device.Pedal(true).PowerOn().Run(8.0);

        Assert.True(device.Trace.All(s => !s.SprayOpen), "no spray while the pedal has not been seen released");
        Assert.True(device.Last.HasAlarm(AlarmCode.PedalStuck));

        device.Pedal(false).Run(0.1).Pedal(true).RunUntilState(DeviceState.Spraying, 0.1);
        Assert.True(device.Last.SprayOpen);
    }

    [Fact]
    public void Spraying_longer_than_the_limit_stops_with_SprayTimeout_until_released()
    {
        var settings = Device.Starting("acne") with
        {
            Safety = Controller.Core.ControllerSettings.Default.Safety with { SprayTimeLimitS = 3.0 },
        };
        var device = new Device(settings).PowerOnAndCharge();
        device.Pedal(true).RunUntilState(DeviceState.Spraying, 0.1);
        var started = device.Time;

        device.RunUntilState(DeviceState.Ready, 4.0);

        Assert.InRange(device.Time - started, 2.99, 3.01);
        Assert.True(device.Last.HasAlarm(AlarmCode.SprayTimeout));
        device.Run(1.0);
        Assert.True(device.Between(device.Time - 1.0, device.Time).All(s => !s.SprayOpen), "still held: no spray");

        device.Pedal(false).Run(0.1).Pedal(true).RunUntilState(DeviceState.Spraying, 0.1);
    }
}
