using HydroOxygen.Controller.Core;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// When a draw stops (the charge valve closes at the end of a charge, the spray valve on pedal
/// release), the inlet's gas still in flight arrives in the manifold. The regulator vents it as it
/// arrives: the manifold stays near the setpoint both ways.
/// </summary>
public class DrawStopTests(ITestOutputHelper output)
{
    /// <summary>Each way. Venting the excess before it had arrived dipped the manifold by 17 kPa.</summary>
    private const double BandMpa = 0.012;

    [Fact]
    public void The_end_of_a_charge_keeps_the_manifold_near_the_setpoint()
    {
        var device = new Device(Device.Starting("acne")).PowerOn();
        device.RunUntilState(DeviceState.Charging, limitS: 3.0).RunUntilState(DeviceState.Ready, limitS: 10.0);
        var end = device.Time;
        device.Run(0.5);

        AssertNearSetpoint(device, end, "charge end");
    }

    [Fact]
    public void A_pedal_release_keeps_the_manifold_near_the_setpoint()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge().Run(1.0);
        device.Pedal(true).RunUntilState(DeviceState.Spraying, 0.1).Run(2.0);
        device.Pedal(false).Tick();
        var release = device.Time;
        device.Run(0.5);

        AssertNearSetpoint(device, release, "pedal release");
    }

    private void AssertNearSetpoint(Device device, double from, string what)
    {
        var window = device.Between(from, from + 0.5).ToList();
        var low = window.Min(s => s.POutTrueMpa);
        var high = window.Max(s => s.POutTrueMpa);
        output.WriteLine($"{what}: true P_out {low:F4}–{high:F4} MPa over the next 0.5 s, {window[^1].POutTrueMpa:F4} at its end");
        Assert.True(window.All(s => s.State == DeviceState.Ready), "stays Ready");
        Assert.InRange(low, 0.45 - BandMpa, 0.45 + BandMpa);
        Assert.InRange(high, 0.45 - BandMpa, 0.45 + BandMpa);
        Assert.InRange(window[^1].POutTrueMpa, 0.45 - 0.005, 0.45 + 0.005);
    }
}
