using System.Diagnostics;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// Treatment plans (DESIGN §2.7, issue 16) on the simulated device: the guide's acne procedure run
/// step by step, each step's program and setpoint reached, the eye step entered from 0.45 MPa by
/// venting down without an alarm, and the spray time of each step kept and summing to the session's.
/// </summary>
public class PlanTests(ITestOutputHelper output)
{
    private const double SprayPerPassS = 1.5;

    [Fact]
    public void The_default_acne_plan_runs_end_to_end_every_setpoint_reached_the_eye_step_vented_down_to_and_each_steps_spray_time_kept()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        var plans = device.Core.Plans;
        var acne = plans.PlanIndex("acne");
        var programs = device.Core.Programs;
        Assert.Equal(9, plans.StepCount(acne));

        device.Command(ControlCommand.StartPlan(acne));
        var expected = new double[plans.StepCount(acne)];
        for (var step = 0; step < plans.StepCount(acne); step++)
        {
            var definition = plans.Step(acne, step);
            var region = plans.RegionName(definition.RegionIndex);
            var changedAt = device.Time;
            if (step > 0)
            {
                device.Command(ControlCommand.NextPlanStep());
            }

            var reachedAfter = RunUntilReady(device, definition.SetpointMpa, limitS: 8.0) - changedAt;
            var status = device.Core.Status;
            Assert.True(status.Plan.Running);
            Assert.Equal(step, status.Plan.Step);
            Assert.Equal(step + 1, device.Last.PlanStep);
            Assert.Equal(definition.RegionIndex, device.Last.RegionIndex);
            Assert.Equal(definition.ProgramIndex, status.ProgramIndex);
            Assert.Equal(definition.SetpointMpa, status.SetpointMpa, 9);
            Assert.Equal(0u, device.Last.Alarms);

            // The technician sprays each pass, then releases the pedal.
            var sprayFrom = device.Time;
            device.Pedal(true).Run(SprayPerPassS * definition.Passes).Pedal(false).Run(0.3);
            expected[step] = device.Between(sprayFrom, device.Time).Count(s => s.State == DeviceState.Spraying) * device.Runner.TickSeconds;
            output.WriteLine(
                $"step {step + 1} {region,-10} {programs[definition.ProgramIndex].Name,-6} {definition.SetpointMpa:F2} MPa ×{definition.Passes}: " +
                $"reached in {reachedAfter:F2} s, sprayed {device.Core.Status.Plan.StepSprayS(step):F3} s");

            if (region == "nose")
            {
                // Adjusted to the client's skin: back up to the acne pressure, so the eye step starts from 0.45 MPa.
                device.Command(ControlCommand.SetSetpoint(0.45));
                RunUntilReady(device, 0.45, limitS: 5.0);
                device.Run(2.0);
                Assert.InRange(device.Last.POutTrueMpa, 0.44, 0.46);
                Assert.InRange(device.Last.PBottleTrueMpa, 0.42, 0.47);
                output.WriteLine($"before the eye step: P_out {device.Last.POutTrueMpa:F3}, P_bottle {device.Last.PBottleTrueMpa:F3} MPa");
            }
        }

        // The eye step was entered from 0.45 MPa: vented down, never tripped, and sprayed within its ceiling.
        var eye = programs[device.Core.ProgramIndex("eye")];
        Assert.Equal(device.Core.ProgramIndex("eye"), device.Core.Status.ProgramIndex);
        Assert.DoesNotContain(device.Trace, s => s.State == DeviceState.Fault);
        Assert.All(device.Trace, s => Assert.Equal(0u, s.Alarms));
        Assert.All(device.Trace.Where(s => s.PlanStep == 9 && s.SprayOpen), s => Assert.InRange(s.PHoseTrueMpa, 0.0, eye.CeilingMpa + 0.01));

        device.Command(ControlCommand.EndPlan()).Run(0.1);
        var plan = device.Core.Status.Plan;
        var session = device.Core.Status.Session;
        Assert.False(plan.Running);
        Assert.Equal(0, device.Last.PlanStep);
        var total = 0.0;
        for (var step = 0; step < plan.StepCount; step++)
        {
            Assert.Equal(expected[step], plan.StepSprayS(step), 6);
            Assert.True(plan.StepSprayS(step) >= (SprayPerPassS * plans.Step(acne, step).Passes) - 0.5, $"step {step + 1} sprayed only {plan.StepSprayS(step):F3} s");
            total += plan.StepSprayS(step);
        }

        // All the session's spraying was on the plan's steps.
        Assert.Equal(session.SpraySeconds, total, 6);
        Assert.Equal(session.SpraySeconds, plan.SpraySeconds, 6);
        Assert.True(plan.OxygenUsedL > 0.0 && plan.LiquidUsedMl > 0.0, $"oxygen {plan.OxygenUsedL:F2} L, liquid {plan.LiquidUsedMl:F2} mL");
        Assert.Equal(0u, plan.Alarms);
        output.WriteLine($"session spray {session.SpraySeconds:F3} s = steps {total:F3} s; oxygen {plan.OxygenUsedL:F2} L, liquid {plan.LiquidUsedMl:F2} mL");
    }

    [Fact]
    public void A_plan_step_on_the_wrong_gas_is_refused_with_the_reason_and_nothing_changes()
    {
        var device = new Device(Device.Starting("cleanse", GasSource.Compressor)).PowerOn().Run(1.0);
        var before = device.Core.Status;
        var start = ControlCommand.StartPlan(device.Core.PlanIndex("acne"));

        Assert.Equal(CommandOutcome.ProgramRequiresOxygen, device.Core.Check(start));
        device.DrainEvents();
        device.Command(start).Run(0.1);

        var refusal = Assert.Single(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected);
        Assert.Equal(CommandOutcome.ProgramRequiresOxygen, refusal.Outcome);
        var english = CommandRefusals.Describe(ResourceText.English, refusal.Outcome, refusal.Command, refusal.From, before.ProgramIndex, device.Core.Programs, device.Core.Plans).ToString();
        var chinese = CommandRefusals.Describe(ResourceText.For("zh-CN"), refusal.Outcome, refusal.Command, refusal.From, before.ProgramIndex, device.Core.Programs, device.Core.Plans).ToString();
        output.WriteLine(english);
        output.WriteLine(chinese);
        Assert.Equal("step 1 (Jaw) uses program 'Acne', which requires oxygen (acne bacteria are anaerobic): select the oxygen source first", english);
        Assert.Equal("第 1 步（下颌）使用“祛痘”程序，必须使用氧气（痤疮杆菌为厌氧菌）：请先将气源切换为氧气", chinese);
        Assert.False(device.Core.Status.Plan.Started);
        Assert.Equal(before.ProgramIndex, device.Core.Status.ProgramIndex);
        Assert.Equal(before.SetpointMpa, device.Core.Status.SetpointMpa);
    }

    [Fact]
    public void A_next_step_that_needs_oxygen_is_refused_on_compressed_air_and_the_plan_stays_on_its_step()
    {
        var settings = Device.Starting("cleanse", GasSource.Compressor) with
        {
            Plans =
            [
                new PlanDefinition
                {
                    Name = "mixed",
                    Steps =
                    [
                        new PlanStepDefinition { Region = "cheek", Program = "cleanse" },
                        new PlanStepDefinition { Region = "forehead", Program = "acne", SetpointMpa = 0.42 },
                    ],
                },
            ],
        };
        var device = new Device(settings).PowerOn().Run(0.5);
        device.Command(ControlCommand.StartPlan(0)).Run(0.1);
        Assert.True(device.Core.Status.Plan.Running);
        device.DrainEvents();

        device.Command(ControlCommand.NextPlanStep()).Run(0.1);

        var refusal = Assert.Single(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected);
        Assert.Equal(CommandOutcome.ProgramRequiresOxygen, refusal.Outcome);
        var english = CommandRefusals.Describe(ResourceText.English, refusal.Outcome, refusal.Command, refusal.From, 0, device.Core.Programs, device.Core.Plans).ToString();
        Assert.Equal("step 2 (Forehead) uses program 'Acne', which requires oxygen (acne bacteria are anaerobic): select the oxygen source first", english);
        Assert.Equal(0, device.Core.Status.Plan.Step);
        Assert.Equal(device.Core.ProgramIndex("cleanse"), device.Core.Status.ProgramIndex);

        // On oxygen the same step is carried out, with its own setpoint.
        device.Command(ControlCommand.SelectSource(GasSource.Oxygen)).Run(0.1).Command(ControlCommand.NextPlanStep()).Run(0.1);
        Assert.Equal(1, device.Core.Status.Plan.Step);
        Assert.Equal(device.Core.ProgramIndex("acne"), device.Core.Status.ProgramIndex);
        Assert.Equal(0.42, device.Core.Status.SetpointMpa, 9);

        // Past the last step there is nothing: refused, and said so.
        device.DrainEvents();
        device.Command(ControlCommand.NextPlanStep()).Run(0.05);
        Assert.Contains(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected && e.Outcome == CommandOutcome.PlanAtLastStep);
    }

    public static TheoryData<string[], string> BadPlans => new()
    {
        { ["--Controller:Plans:0:Name=peel", "--Controller:Plans:0:Steps:0:Region=jaw", "--Controller:Plans:0:Steps:0:Program=peeling"], "Controller:Plans:0:Steps:0:Program" },
        { ["--Controller:Plans:0:Name=soft", "--Controller:Plans:0:Steps:0:Region=eye", "--Controller:Plans:0:Steps:0:Program=eye", "--Controller:Plans:0:Steps:0:SetpointMpa=0.45"], "Controller:Plans:0:Steps:0:SetpointMpa" },
        { ["--Controller:Plans:0:Name=nothing"], "Controller:Plans:0:Steps" },
        {
            [
                "--Controller:Plans:0:Name=acne", "--Controller:Plans:0:Steps:0:Region=jaw", "--Controller:Plans:0:Steps:0:Program=acne",
                "--Controller:Plans:1:Name=ACNE", "--Controller:Plans:1:Steps:0:Region=nose", "--Controller:Plans:1:Steps:0:Program=acne",
            ],
            "Controller:Plans:1:Name"
        },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public async Task An_invalid_plan_configuration_stops_the_controller_with_exit_code_3_naming_the_key(string[] args, string key)
    {
        var controller = Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(controller);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);
        var errors = await stderr;
        output.WriteLine(errors);
        Assert.Equal(3, process.ExitCode);
        Assert.Contains(key, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", await stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs until the device is Ready at the setpoint (venting down first where it must); returns when.</summary>
    private static double RunUntilReady(Device device, double setpointMpa, double limitS)
    {
        var deadline = device.Time + limitS;
        while (device.Time < deadline)
        {
            device.Tick();
            var last = device.Last;
            if (last.State == DeviceState.Ready && Math.Abs(last.SetpointMpa - setpointMpa) < 1e-9 && Math.Abs(last.POutMpa - setpointMpa) <= 0.01
                && last.PBottleMpa <= setpointMpa + 0.06)
            {
                return device.Time;
            }
        }

        Assert.Fail($"not Ready at {setpointMpa:F2} MPa within {limitS} s: {device.Last.State}, P_out {device.Last.POutMpa:F3}, P_bottle {device.Last.PBottleMpa:F3}, alarms {Device.Alarms(device.Last)}");
        return device.Time;
    }
}
