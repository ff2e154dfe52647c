using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// Leaving Service (issue 15, finding 1): whatever the engineer's work left held is vented first, and
/// the device goes back to its normal states with no alarm — by exit, or when the engineer's lease runs out.
/// </summary>
public sealed class ServiceLeavingTests(ITestOutputHelper output)
{
    /// <summary>After the exit, the hose may go on misting this long as it empties (measured ~0.38 s from 0.60 MPa).</summary>
    private const double HoseBlowDownS = 0.5;

    private static Device HoldingAt(double targetMpa, int owner = 0, double leaseS = 0.0)
    {
        var device = new Device().PowerOnAndCharge();
        device.Command(owner == 0 ? ControlCommand.EnterService() : ControlCommand.EnterServiceFor(owner, leaseS)).RunUntilState(DeviceState.Service, 1.0);
        device.Command(ControlCommand.StartService(ServiceRequest.HoldPressure(targetMpa)));
        var deadline = device.Time + 60.0;
        while (device.Time < deadline && !(device.Core.Status.Service.Kind == ServiceProcedureKind.HoldPressure && device.Core.Status.Service.Finished))
        {
            device.Tick();
        }

        Assert.Equal(ServicePhase.Done, device.Core.Status.Service.Phase);
        Assert.True(device.Last.POutTrueMpa > targetMpa - 0.02, $"held {device.Last.POutTrueMpa:F3} MPa");
        return device;
    }

    private static void AssertBackWithoutAlarm(Device device, double from)
    {
        device.RunUntilState(DeviceState.Ready, 20.0).Run(2.0);
        var after = device.Between(from, device.Time).ToList();
        Assert.DoesNotContain(after, s => s.State == DeviceState.Fault);
        Assert.All(after, s => Assert.True(Device.Alarms(s).Length == 0, $"alarm {Device.Alarms(s)} at {s.TimeS:F3} s"));
        Assert.True(after.Max(s => s.POutTrueMpa) < 0.62, $"P_out reached {after.Max(s => s.POutTrueMpa):F3} MPa on the way out");
    }

    [Fact]
    public void Exit_from_a_060_MPa_calibration_hold_vents_first_and_raises_no_alarm()
    {
        var device = HoldingAt(0.60);
        var from = device.Time;
        device.Command(ControlCommand.ExitService()).Run(0.2);

        // Still in Service while it vents: the held pressure goes out before Idle.
        Assert.Equal(DeviceState.Service, device.Last.State);
        Assert.True(device.Core.Status.Service.Leaving);
        AssertBackWithoutAlarm(device, from);
        var idleAt = device.Trace.First(s => s.TimeS > from && s.State == DeviceState.Idle);
        Assert.True(idleAt.POutTrueMpa < 0.1, $"entered Idle at {idleAt.POutTrueMpa:F3} MPa");
    }

    /// <summary>
    /// The refill after the exit opens the inlet while the source line primes (issue 18): the gas its
    /// spool lets in as the line comes up to pressure must be in the fill's model, or the manifold runs
    /// ahead of it and is taken for an inlet stuck open (OverPressure after a 0.30 MPa hold).
    /// </summary>
    [Fact]
    public void The_refill_after_leaving_a_030_MPa_hold_reaches_Ready_without_alarm()
    {
        var device = HoldingAt(0.30);
        var from = device.Time;
        device.Command(ControlCommand.ExitService());
        AssertBackWithoutAlarm(device, from);
    }

    /// <summary>
    /// The dead-man rule on the way out of Service: a spray valve that sticks open during a 0.60 MPa
    /// hold must not let the bottle's gas mist from the pen while the device vents. The exit holds the
    /// manifold first (as a vent-down does), finds the outlet open and leaves the bottle sealed.
    /// </summary>
    [Fact]
    public void Exit_with_a_spray_valve_stuck_open_keeps_the_bottle_sealed_and_nothing_mists()
    {
        var device = HoldingAt(0.60);
        device.Inject(FaultKind.SprayStuckOpen).Run(0.02);
        var exitAt = device.Time;
        device.Command(ControlCommand.ExitService());
        var deadline = device.Time + 20.0;
        while (device.Time < deadline && device.Last.State == DeviceState.Service)
        {
            device.Tick();
        }

        Assert.NotEqual(DeviceState.Service, device.Last.State);
        var leaving = device.Between(exitAt + 0.05, device.Time).ToList();
        var lateMist = leaving.Where(s => s.Mist && !s.Pedal && s.TimeS > exitAt + HoseBlowDownS).ToList();
        Assert.Empty(lateMist);
        Assert.True(leaving.All(s => !s.ChargeOpen), "the bottle is never joined to a manifold whose spray valve is stuck open");
        Assert.True(device.Last.PBottleTrueMpa > 0.4, $"the bottle keeps its charge ({device.Last.PBottleTrueMpa:F3} MPa)");
    }

    /// <summary>What an engineer's visit typically leaves before the exit: nothing run, a calibration hold, a step, a leak test, a valve pulse, an aborted hold.</summary>
    public static TheoryData<string, double, string> Visits => new()
    {
        { "eye", 0.30, "nothing" },
        { "eye", 0.30, "hold 0.60" },
        { "eye", 0.30, "step" },
        { "eye", 0.30, "leak test" },
        { "custom", 0.30, "hold 0.30" },
        { "custom", 0.30, "inlet pulse" },
        { "custom", 0.40, "hold 0.60" },
        { "custom", 0.40, "aborted hold" },
        { "custom", 0.45, "inlet pulse" },
        { "custom", 0.60, "step" },
    };

    /// <summary>
    /// The refill after an exit is a fill from an empty manifold like the power-on's, and lands as well (DESIGN §2.3's
    /// overshoot target): the exit vents through the open inlet, and the refill's source valve met its spool still
    /// open (~30 kPa over at 0.30 MPa, 18 at 0.40). The eye program's hose never goes above its ceiling.
    /// </summary>
    [Theory]
    [MemberData(nameof(Visits))]
    public void The_refill_after_leaving_Service_overshoots_no_more_than_the_targets_allow(string program, double setpointMpa, string visit)
    {
        var device = new Device(Device.Starting(program)).PowerOnAndCharge();
        if (setpointMpa != device.Last.SetpointMpa)
        {
            device.Command(ControlCommand.SetSetpoint(setpointMpa)).Run(2.0);
        }

        device.Command(ControlCommand.EnterService()).RunUntilState(DeviceState.Service, 1.0);
        if (Visit(visit) is { } request)
        {
            device.Command(ControlCommand.StartService(request));
            if (visit == "aborted hold")
            {
                device.Run(1.0).Command(ControlCommand.AbortService());
            }

            var deadline = device.Time + 30.0;
            while (device.Time < deadline && !device.Core.Status.Service.Finished)
            {
                device.Tick();
            }
        }

        var exitAt = device.Run(0.5).Time;
        device.Command(ControlCommand.ExitService()).RunUntilState(DeviceState.Ready, 20.0).Run(2.0);
        var ceiling = device.Core.Programs[device.Core.ProgramIndex(program)].CeilingMpa;
        var sprayFrom = device.Time;
        device.Pedal(true).Run(1.0).Pedal(false).Run(0.5);

        var after = device.Between(exitAt, device.Time).ToList();
        var refill = after.SkipWhile(s => s.State != DeviceState.Pressurizing).TakeWhile(s => s.TimeS < sprayFrom).ToList();
        var overshoot = refill.Max(s => s.POutTrueMpa) - setpointMpa;
        output.WriteLine($"{program} {setpointMpa:F2} MPa after {visit}: refill overshoot {overshoot * 1000:F1} kPa; hose at most {after.Max(s => s.PHoseTrueMpa):F3} MPa");
        Assert.True(overshoot <= RegulationFigures.OvershootLimitMpa, $"the refill overshot by {overshoot * 1000:F1} kPa");
        Assert.DoesNotContain(after, s => s.State == DeviceState.Fault);
        Assert.All(after, s => Assert.True(Device.Alarms(s).Length == 0, $"alarm {Device.Alarms(s)} at {s.TimeS:F3} s"));
        Assert.Contains(after, s => s.Mist);
        Assert.All(after, s => Assert.True(s.PHoseTrueMpa <= ceiling, $"hose at {s.PHoseTrueMpa:F3} MPa above the {ceiling:F2} MPa ceiling at {s.TimeS:F3} s"));
    }

    private static ServiceRequest? Visit(string visit) => visit switch
    {
        "hold 0.60" or "aborted hold" => ServiceRequest.HoldPressure(0.60),
        "hold 0.30" => ServiceRequest.HoldPressure(0.30),
        "step" => ServiceRequest.StepTest(0.3, 0.5, 1.0),
        "leak test" => ServiceRequest.LeakTest(0.5, 1.0, 2.0),
        "inlet pulse" => ServiceRequest.ValvePulse(TestValve.Inlet, 0.3, 0.5, 0.5),
        _ => null,
    };

    [Fact]
    public void A_silent_engineer_loses_the_session_after_the_lease_and_the_device_comes_back_without_alarm()
    {
        var device = HoldingAt(0.60, owner: 7, leaseS: 5.0);
        var from = device.Time;
        device.Run(2.0);
        Assert.Equal(DeviceState.Service, device.Last.State);
        device.Command(ControlCommand.RenewServiceLease(7)).Run(4.0);
        Assert.Equal(DeviceState.Service, device.Last.State);
        AssertBackWithoutAlarm(device, from);
        Assert.Equal(ServiceEnd.LeaseExpired, device.Core.Status.Service.End);
        Assert.True(device.Trace.First(s => s.TimeS > from && s.State != DeviceState.Service).TimeS > from + 6.0, "the renewal was not counted");
    }

    [Fact]
    public void Another_engineer_cannot_start_a_procedure_nor_end_the_session()
    {
        var device = HoldingAt(0.30, owner: 1, leaseS: 60.0);
        device.DrainEvents();
        device.Command(ControlCommand.ExitServiceFor(owner: 2))
            .Command(ControlCommand.StartService(ServiceRequest.StepTest(0.3, 0.5, 1.0) with { Owner = 2 }))
            .Run(0.5);
        var refused = device.DrainEvents().Where(e => e.Kind == ControlEventKind.CommandRejected).Select(e => e.Outcome).ToList();
        Assert.Equal([CommandOutcome.ServiceHeldByOther, CommandOutcome.ServiceHeldByOther], refused);
        Assert.Equal(DeviceState.Service, device.Last.State);
        Assert.False(device.Core.Status.Service.Leaving);
    }
}
