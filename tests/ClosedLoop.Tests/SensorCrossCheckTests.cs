using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// Issue 12, finding 6: while spraying, the charge valve joins bottle and manifold, so a P_bottle reading
/// that runs above P_out must be coming down — gas only leaves the bottle into the manifold. One that is
/// not says a transducer is wrong. Unquestioned, a P_out reading drifting low let the eye program run the
/// hose to ~0.39 MPa for more than a second, until the bottle's own reading crossed the trip.
/// </summary>
public class SensorCrossCheckTests(ITestOutputHelper output)
{
    private const double EyeCeilingMpa = 0.35;

    [Fact]
    public void A_P_out_drifting_low_is_caught_as_the_joined_bottle_rises_above_it_and_the_eye_ceiling_holds_but_for_the_detection()
    {
        var device = new Device(Device.Starting("eye")).PowerOnAndCharge();

        // Small steps, each slower than any slew check can see: the regulator follows the reading and
        // drives the sealed manifold up with it; nothing joined to it can tell while the pedal is up.
        for (var drift = 0.01; drift <= 0.1201; drift += 0.01)
        {
            device.Inject(FaultKind.SensorDrift, FaultTarget.POut, -drift).Run(0.3);
        }

        var pressed = device.Time;
        device.Pedal(true).Run(3.0);
        var after = device.Between(pressed, device.Time).ToList();
        var overCeiling = after.Count(s => s.PHoseTrueMpa > EyeCeilingMpa + 0.01) * device.Runner.TickSeconds;
        var fault = after.FirstOrDefault(s => s.State == DeviceState.Fault);
        output.WriteLine($"true manifold {after[0].POutTrueMpa:F3} MPa at the press; hose above {EyeCeilingMpa + 0.01:F2} MPa for {overCeiling:F3} s; Fault {(fault.State == DeviceState.Fault ? $"{fault.TimeS - pressed:F3} s after the press with {Device.Alarms(fault)}" : "never")}");
        Assert.Equal(DeviceState.Fault, fault.State);
        Assert.True(fault.HasAlarm(AlarmCode.SensorFault), $"alarms {Device.Alarms(fault)}");
        Assert.InRange(fault.TimeS - pressed, 0.0, 0.5);
        Assert.InRange(overCeiling, 0.0, 0.3);
    }

    [Fact]
    public void A_P_bottle_reading_climbing_above_P_out_while_spraying_is_a_SensorFault()
    {
        var device = new Device(Device.Starting("eye")).PowerOnAndCharge();
        device.Pedal(true).RunUntilState(DeviceState.Spraying, 1.0).Run(1.0);
        var from = device.Time;
        for (var drift = 0.01; drift <= 0.1201; drift += 0.01)
        {
            device.Inject(FaultKind.SensorDrift, FaultTarget.PBottle, drift).Run(0.1);
        }

        device.Run(0.5);
        var raised = device.DrainEvents().Where(e => e.Kind == ControlEventKind.AlarmRaised && e.Time >= from).ToList();
        output.WriteLine($"alarms: {string.Join(", ", raised.Select(e => $"{e.Alarm} at +{e.Time - from:F2} s"))}; hose peak {device.Between(from, device.Time).Max(s => s.PHoseTrueMpa):F3} MPa");
        Assert.NotEmpty(raised);
        Assert.Equal(AlarmCode.SensorFault, raised[0].Alarm);
        Assert.All(device.Between(from, device.Time), s => Assert.InRange(s.PHoseTrueMpa, 0.0, EyeCeilingMpa + 0.01));
    }
}
