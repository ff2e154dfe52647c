using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// The start-of-day check and the end-of-day purge (DESIGN §2.8, issue 16) on the simulated device:
/// the check passes on a healthy device and names the reason on a sick one; the purge leaves no
/// pressure and raises no alarm; neither lets gas out of the pen without the pedal.
/// </summary>
public class DayRoutineTests(ITestOutputHelper output)
{
    /// <summary>After the spray valve shuts, the hose beyond it empties through the nozzle within this time, s.</summary>
    private const double HoseBlowDownS = 0.5;

    /// <summary>Start of the day: powered on with no gas chosen, the bottle vented; the technician picks oxygen and starts the check.</summary>
    private static Device MorningDevice()
    {
        var device = new Device(Device.Starting("cleanse", GasSource.None)).PowerOn().RunUntilState(DeviceState.Idle, 5.0).Run(0.2);
        device.Command(ControlCommand.SelectSource(GasSource.Oxygen)).Command(ControlCommand.StartDayCheck()).Tick();
        Assert.True(device.Core.Status.DayRoutine.Running, "the check did not start");
        return device;
    }

    /// <summary>Runs until the routine asks for the pedal (or ends); then holds it until the routine ends.</summary>
    private static Device HoldPedalWhenAsked(Device device, double limitS)
    {
        var deadline = device.Time + limitS;
        while (device.Time < deadline && device.Core.Status.DayRoutine.Running)
        {
            device.Tick();
            var routine = device.Core.Status.DayRoutine;
            if (routine.WaitingForPedal && (routine.Step == DayRoutineStep.Nozzle || routine.Step == DayRoutineStep.Venting))
            {
                device.Pedal(true);
            }
        }

        device.Pedal(false).Run(0.3);
        return device;
    }

    private void Report(in DayRoutineProgress r) => output.WriteLine(
        $"{r.Kind}: {r.Result} (figure {r.Figure:F3}) supply {r.SupplyMpa:F3} MPa, charge {r.ChargeS:F2} s, flow {r.FlowFraction:F3}, " +
        $"took {r.EndedAt - r.StartedAt:F2} s, P_out {r.POutMpa:F3}, P_bottle {r.PBottleMpa:F3}");

    [Fact]
    public void The_check_passes_on_a_healthy_device_in_under_a_minute_with_each_figure_measured_and_no_alarm()
    {
        var device = HoldPedalWhenAsked(MorningDevice(), 60.0);
        var result = device.Core.Status.DayRoutine;
        Report(in result);

        Assert.Equal(DayRoutineResult.Passed, result.Result);
        Assert.Equal(1, result.Runs);
        Assert.InRange(result.EndedAt - result.StartedAt, 1.0, 60.0);
        Assert.InRange(result.SupplyMpa, 0.6, 0.8);
        Assert.InRange(result.ChargeS, 0.5, 8.0);
        Assert.InRange(result.FlowFraction, 0.85, 1.15);
        Assert.All(device.Trace, s => Assert.Equal(0u, s.Alarms));
    }

    [Fact]
    public void The_check_pauses_while_the_pedal_is_released_and_no_spray_valve_opens_without_it()
    {
        var device = MorningDevice();
        var deadline = device.Time + 20.0;
        while (device.Core.Status.DayRoutine.Step != DayRoutineStep.Nozzle && device.Time < deadline)
        {
            device.Tick();
        }

        Assert.Equal(DayRoutineStep.Nozzle, device.Core.Status.DayRoutine.Step);
        Assert.True(device.Core.Status.DayRoutine.WaitingForPedal);

        // A short press, released before the sample is taken: the check waits where it was.
        device.Pedal(true).Run(0.8).Pedal(false).Run(5.0);
        var paused = device.Core.Status.DayRoutine;
        Report(in paused);
        Assert.True(paused.Running);
        Assert.Equal(DayRoutineStep.Nozzle, paused.Step);
        Assert.True(paused.WaitingForPedal);

        HoldPedalWhenAsked(device, 30.0);
        Assert.Equal(DayRoutineResult.Passed, device.Core.Status.DayRoutine.Result);

        // The dead-man rule: the spray valve is open (and mist leaves) only on ticks where the pedal was down on the tick before.
        var trace = device.Trace;
        for (var i = 1; i < trace.Count; i++)
        {
            if (trace[i].SprayOpen)
            {
                Assert.True(trace[i - 1].Pedal, $"spray valve open at {trace[i].TimeS:F3} s without the pedal");
            }
        }
    }

    [Fact]
    public void The_check_fails_on_an_empty_cylinder_naming_the_supply()
    {
        var device = new Device(Device.Starting("cleanse", GasSource.None)).PowerOn().RunUntilState(DeviceState.Idle, 5.0);
        device.Inject(FaultKind.SupplyEmpty).Run(0.5);
        device.Command(ControlCommand.SelectSource(GasSource.Oxygen)).Command(ControlCommand.StartDayCheck()).Tick();
        HoldPedalWhenAsked(device, 60.0);
        var result = device.Core.Status.DayRoutine;
        Report(in result);
        Assert.Equal(DayRoutineResult.SupplyLow, result.Result);
        Assert.Equal(DayRoutineStep.Done, result.Step);
    }

    [Fact]
    public void The_check_fails_on_a_blocked_nozzle_naming_the_nozzle()
    {
        var device = MorningDevice();
        device.Inject(FaultKind.NozzleClogged);
        HoldPedalWhenAsked(device, 60.0);
        var result = device.Core.Status.DayRoutine;
        Report(in result);
        Assert.Contains(result.Result, new[] { DayRoutineResult.NozzleBlocked, DayRoutineResult.NozzleFlowLow });
        Assert.True(result.SupplyMpa > 0.6 && result.ChargeS > 0.0, "supply and charge passed before the nozzle failed");
    }

    [Fact]
    public void The_check_fails_when_the_bottle_does_not_charge_naming_the_bottle()
    {
        var device = MorningDevice();
        device.Inject(FaultKind.Leak, FaultTarget.Bottle, 0.05);
        HoldPedalWhenAsked(device, 60.0);
        var result = device.Core.Status.DayRoutine;
        Report(in result);
        Assert.Equal(DayRoutineResult.BottleNotCharging, result.Result);
        Assert.False(device.Trace.Any(s => s.SprayOpen), "the check sprayed with a bottle that did not charge");
    }

    [Fact]
    public void The_check_is_refused_while_spraying_or_off_and_when_no_gas_is_chosen()
    {
        var off = new Device(Device.Starting("cleanse", GasSource.None));
        Assert.Equal(CommandOutcome.NotAllowedInState, off.Core.Check(ControlCommand.StartDayCheck()));
        off.PowerOn().RunUntilState(DeviceState.Idle, 5.0).Run(0.1);
        Assert.Equal(CommandOutcome.NoSourceChosen, off.Core.Check(ControlCommand.StartDayCheck()));

        var spraying = new Device(Device.Starting("cleanse")).PowerOnAndCharge();
        spraying.Pedal(true).RunUntilState(DeviceState.Spraying, 2.0);
        Assert.Equal(CommandOutcome.NotAllowedInState, spraying.Core.Check(ControlCommand.StartDayCheck()));
        Assert.Equal(CommandOutcome.NotAllowedInState, spraying.Core.Check(ControlCommand.StartDayPurge()));

        var busy = MorningDevice();
        Assert.Equal(CommandOutcome.DayRoutineRunning, busy.Core.Check(ControlCommand.StartDayPurge()));
    }

    [Fact]
    public void The_purge_closes_the_source_vents_through_the_pen_only_while_the_pedal_is_held_and_leaves_no_pressure_and_no_alarm()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge().Run(1.0);
        Assert.InRange(device.Last.PBottleTrueMpa, 0.40, 0.50);
        device.Command(ControlCommand.StartDayPurge()).Run(2.0);

        var waiting = device.Core.Status.DayRoutine;
        Assert.Equal(DayRoutineKind.EndOfDayPurge, waiting.Kind);
        Assert.True(waiting.WaitingForPedal);
        Assert.Equal(DeviceState.Idle, device.Last.State);
        Assert.False(device.Last.SourceOpen);
        Assert.True(device.Last.PBottleTrueMpa > 0.3, "the bottle keeps its gas until the pedal is held");

        // Held a moment, then released: the purge pauses with the bottle sealed.
        device.Pedal(true).Run(0.5).Pedal(false).Run(2.0);
        var paused = device.Core.Status.DayRoutine;
        Assert.True(paused.Running && paused.WaitingForPedal);
        var sealedAt = device.Last.PBottleTrueMpa;
        device.Run(1.0);
        Assert.InRange(device.Last.PBottleTrueMpa, sealedAt - 0.01, sealedAt + 0.01);

        HoldPedalWhenAsked(device, 40.0);
        var result = device.Core.Status.DayRoutine;
        Report(in result);
        Assert.Equal(DayRoutineResult.Passed, result.Result);
        Assert.True(result.CleanPenPrompt);
        Assert.InRange(device.Last.POutTrueMpa, -0.005, 0.02);
        Assert.InRange(device.Last.PBottleTrueMpa, -0.005, 0.02);
        Assert.All(device.Trace, s => Assert.Equal(0u, s.Alarms));
        Assert.DoesNotContain(device.Trace, s => s.State == DeviceState.Fault);

        // The valve is commanded shut on the tick after the release; the hose beyond it may go on misting
        // while it empties (DeadManVentingTests: ~0.38 s from 0.60 MPa), never longer.
        var trace = device.Trace;
        var pedalSeen = double.NegativeInfinity;
        for (var i = 1; i < trace.Count; i++)
        {
            if (trace[i - 1].Pedal)
            {
                pedalSeen = trace[i - 1].TimeS;
            }

            Assert.False(trace[i].SprayOpen && !trace[i - 1].Pedal, $"spray valve open at {trace[i].TimeS:F3} s without the pedal");
            Assert.False(trace[i].Mist && trace[i].TimeS - pedalSeen > HoseBlowDownS, $"mist at {trace[i].TimeS:F3} s without the pedal");
        }

        // It stays vented (the source is closed) and the prompt goes when the technician confirms.
        device.Run(3.0);
        Assert.Equal(DeviceState.Idle, device.Last.State);
        Assert.InRange(device.Last.PBottleTrueMpa, -0.005, 0.02);
        device.Command(ControlCommand.StopDayRoutine()).Tick();
        Assert.False(device.Core.Status.DayRoutine.CleanPenPrompt);
        Assert.Equal(1, device.Core.Status.DayRoutine.Runs);
    }
}
