using HydroOxygen.Controller.Core;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// DESIGN §2.5, routine use never alarms: changing to a program whose ceiling is below the manifold or
/// the bottle (the guide's eye step after an ordinary treatment) vents both down to it, the bottle
/// through the manifold, before the program's limits are judged; a pedal pressed meanwhile sprays
/// once the limit is reached. Issue 12, finding 1: these latched OverPressure (High) on P_bottle.
/// </summary>
public class ProgramChangeTests(ITestOutputHelper output)
{
    public static TheoryData<string, double?, string> Changes => new()
    {
        { "acne", null, "eye" },
        { "custom", 0.50, "eye" },
        { "custom", 0.60, "nourish" },
        { "acne", 0.35, "eye" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_lower_ceiling_vents_manifold_and_bottle_down_without_an_alarm_and_a_held_pedal_sprays_once_it_is_reached(
        string from, double? setpoint, string to)
    {
        var device = new Device(Device.Starting(from));
        var programs = device.Core.Programs;
        var target = programs[device.Core.ProgramIndex(to)];
        device.PowerOn();
        if (setpoint is { } raised && raised > programs[device.Core.ProgramIndex(from)].SetpointMpa)
        {
            device.Run(0.1).Command(ControlCommand.SetSetpoint(raised));
        }

        device.PowerOnAndCharge();
        if (setpoint is { } lowered && lowered < programs[device.Core.ProgramIndex(from)].SetpointMpa)
        {
            // Turning the setpoint down first does not touch the bottle's charge.
            device.Command(ControlCommand.SetSetpoint(lowered)).Run(2.0);
        }

        var bottleBefore = device.Last.PBottleTrueMpa;
        Assert.True(bottleBefore > target.CeilingMpa, $"the bottle must start above the new ceiling ({bottleBefore:F3} MPa)");

        var changed = device.Time;
        device.Command(ControlCommand.SelectProgram(device.Core.ProgramIndex(to))).Run(0.05);
        device.Pedal(true).Run(3.0);

        var after = device.Between(changed, device.Time).ToList();
        var firstSpray = after.FirstOrDefault(s => s.SprayOpen);
        output.WriteLine($"{from} → {to}: bottle {bottleBefore:F3} MPa; first spray {firstSpray.TimeS - changed:F3} s after the change with the bottle at {firstSpray.PBottleTrueMpa:F3} MPa; alarms {Device.Alarms(device.Last)}");
        Assert.Equal(0u, device.Last.Alarms);
        Assert.DoesNotContain(after, s => s.State == DeviceState.Fault);
        Assert.True(firstSpray.SprayOpen, "the held pedal never sprayed");
        Assert.True(after.Last().State == DeviceState.Spraying, $"ended {after.Last().State}, not spraying on the held pedal");

        // Vented down first: at the first spray both volumes are within the new ceiling, and the hose never goes above it.
        Assert.InRange(firstSpray.PBottleTrueMpa, 0.0, target.CeilingMpa + 0.005);
        Assert.InRange(firstSpray.POutTrueMpa, 0.0, target.CeilingMpa + 0.01);
        Assert.All(after, s => Assert.InRange(s.PHoseTrueMpa, 0.0, target.CeilingMpa + 0.01));
        Assert.InRange(device.Last.POutTrueMpa, target.SetpointMpa - 0.02, target.SetpointMpa + 0.02);
    }
}
