using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

public class PowerOnAndRegulationTests(ITestOutputHelper output)
{
    [Fact]
    public void Power_on_reaches_Ready_at_the_acne_setpoint()
    {
        var device = new Device(Device.Starting("acne")).PowerOn().Run(2.0);

        // Ready may last a single tick before the bottle starts charging: look at the state changes.
        var changes = device.DrainEvents().Where(e => e.Kind == ControlEventKind.StateChanged).ToList();
        output.WriteLine(string.Join("; ", changes.Select(e => $"{e.Time:F3} s {e.From}→{e.To}")));
        Assert.Equal(
            [DeviceState.SelfTest, DeviceState.Idle, DeviceState.Pressurizing, DeviceState.Ready, DeviceState.Charging],
            changes.Select(e => e.To).Take(5));
        var ready = changes.First(e => e.To == DeviceState.Ready);
        var atReady = device.Trace.First(s => s.TimeS >= ready.Time);
        output.WriteLine($"Ready at {ready.Time:F3} s with P_out {atReady.POutTrueMpa:F4} MPa");
        Assert.InRange(ready.Time, 0.5, 1.5);
        Assert.Equal(0.45, atReady.SetpointMpa, 6);
        Assert.InRange(atReady.POutTrueMpa, 0.44, 0.46);
        Assert.Equal(0u, device.Last.Alarms);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fill_from_zero_to_0_45_meets_the_regulation_targets(int seed)
    {
        var device = new Device(Device.Starting("acne"), seed: seed).PowerOn();
        device.RunUntilState(DeviceState.Pressurizing, limitS: 2.0);
        var start = device.Time;
        var meter = new StepResponseMeter(start, 0.0, 0.45, band: 0.01, window: 1.5);
        device.Run(1.6);
        foreach (var sample in device.Between(start, start + 1.6))
        {
            meter.Add(sample.TimeS, sample.POutTrueMpa);
        }

        var step = meter.Result();
        output.WriteLine($"seed {seed}: rise {step.RiseTimeS * 1000:F0} ms, settle ±0.01 in {step.SettlingTimeS * 1000:F0} ms, " +
            $"overshoot {step.OvershootMpa * 1000:F1} kPa, steady-state {step.SteadyStateErrorMpa * 1000:F1} kPa");

        // DESIGN §2.3: settle within 300 ms to ±0.01 MPa, overshoot ≤ 0.01 MPa, steady state within ±0.005 MPa.
        // The window includes the bottle charging that starts at Ready: the targets hold through it.
        Assert.InRange(step.SettlingTimeS, 0.0, 0.300);
        Assert.InRange(step.OvershootMpa, 0.0, 0.010);
        Assert.InRange(step.SteadyStateErrorMpa, 0.0, 0.005);
    }

    /// <summary>
    /// Issue 18's step target: the power-on fill near time-optimal. The inlet opens with the source
    /// valve, so its spool's lag passes while the source line primes (held shut for a fixed 40 ms
    /// before, the fill scored ~17 800 kPa²·s over its first 0.3 s; the least any controller can
    /// score with these valves, the inlet fully open from the step, is ~8 900).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_power_on_fill_opens_the_inlet_while_the_source_line_primes_and_lands_without_overshoot(int seed)
    {
        var device = new Device(Device.Starting("acne"), seed: seed).PowerOn();
        device.RunUntilState(DeviceState.Pressurizing, limitS: 2.0);
        var start = device.Time;
        device.Run(0.4);

        var fill = device.Between(start, start + 0.3).ToList();
        var ise = 0.0;
        for (var k = 1; k < fill.Count; k++)
        {
            var error = fill[k].POutTrueMpa - 0.45;
            ise += error * error * (fill[k].TimeS - fill[k - 1].TimeS);
        }

        var at60 = fill.First(s => s.TimeS >= start + 0.06).POutTrueMpa;
        var within = fill.First(s => Math.Abs(s.POutTrueMpa - 0.45) <= 0.01).TimeS - start;
        var peak = device.Between(start, start + 0.4).Max(s => s.POutTrueMpa);
        output.WriteLine($"seed {seed}: P_out {at60:F3} MPa at 60 ms, within ±10 kPa after {within * 1000:F0} ms, peak {peak:F4} MPa, ISE over 0.3 s {ise * 1e6:F0} kPa²·s");

        Assert.InRange(at60, 0.15, 0.45);
        Assert.InRange(within, 0.0, 0.17);
        Assert.InRange(peak, 0.45, 0.455);
        Assert.InRange(ise * 1e6, 0.0, 11_000.0);
    }

    [Fact]
    public void Spray_start_dip_is_recovered_within_200_ms()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge().Run(1.0);

        device.Pedal(true).RunUntilState(DeviceState.Spraying, 0.1);
        var sprayStart = device.Time;
        device.Run(1.0);

        var window = device.Between(sprayStart, sprayStart + 1.0).ToList();
        var dip = window.Min(s => s.POutTrueMpa);
        var lastOutside = window.LastOrDefault(s => Math.Abs(s.POutTrueMpa - 0.45) > 0.01).TimeS;
        var recovered = lastOutside - sprayStart;
        output.WriteLine($"dip to {dip:F4} MPa ({(0.45 - dip) * 1000:F0} kPa), back within ±0.01 MPa {recovered * 1000:F0} ms after the spray valve command");
        Assert.True(window.All(s => s.State == DeviceState.Spraying));
        Assert.InRange(recovered, 0.0, 0.200);
        Assert.True(window.Skip(window.Count / 2).All(s => s.Mist), "mist once the hose has filled");
    }

    [Fact]
    public void The_inlet_opens_with_the_spray_valve_command_so_the_spray_start_dip_stays_under_25_kPa_and_is_refilled_within_50_ms()
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge().Run(1.0);

        device.Pedal(true).RunUntilState(DeviceState.Spraying, 0.1);
        var sprayStart = device.Time;
        device.Run(0.3);

        var window = device.Between(sprayStart, sprayStart + 0.3).ToList();
        var dip = 0.45 - window.Min(s => s.POutTrueMpa);
        var lastOutside = window.LastOrDefault(s => Math.Abs(s.POutTrueMpa - 0.45) > 0.01).TimeS;
        output.WriteLine($"dip {dip * 1000:F1} kPa, back within ±10 kPa {(lastOutside - sprayStart) * 1000:F0} ms after the spray valve command");

        // The spray valve opens 10 ms after its command, the inlet's spool lags 30 ms: fed forward
        // from the command, the spool has a head start on the hose's filling burst, and the dip that
        // remains is refilled rather than left to the PI (before: 40 kPa, back in 58 ms).
        Assert.InRange(dip, 0.0, 0.025);
        Assert.InRange(lastOutside - sprayStart, 0.0, 0.050);
    }

    /// <summary>
    /// After a pedal release the spool's tail is vented by one pulse, sized when it is commanded from what
    /// has arrived above the setpoint and what the spool model still brings ("The release excess" in
    /// docs/DECISIONS.md): sized at the release (fcbc24a) it missed ~20 % of the tail, the manifold sat
    /// 3.7–4.3 kPa above the setpoint until the next press, and once a series an excess-vent pulse took it 16 kPa below.
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    public void After_each_release_of_a_burst_series_the_manifold_settles_within_3_5_kPa_of_the_setpoint(int seed)
    {
        var device = new Device(Device.Starting("acne"), seed: seed).PowerOnAndCharge().Run(1.0);
        var worst = 0.0;
        for (var burst = 0; burst < 5; burst++)
        {
            device.Pedal(true).Run(1.0).Pedal(false);
            var released = device.Time;
            device.Run(1.0);
            var settled = device.Between(released + 0.3, released + 1.0).Max(s => Math.Abs(s.POutTrueMpa - 0.45));
            output.WriteLine($"release at {released:F3} s: from 0.3 s on within ±{settled * 1000:F1} kPa");
            worst = Math.Max(worst, settled);
        }

        Assert.InRange(worst, 0.0, 0.0035);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    public void Every_spray_start_of_a_burst_series_is_back_within_10_kPa_40_ms_after_the_spray_valve_command(int seed)
    {
        var device = new Device(Device.Starting("acne"), seed: seed).PowerOnAndCharge().Run(1.0);
        var worst = 0.0;
        for (var burst = 0; burst < 5; burst++)
        {
            device.Pedal(true).Run(1.0).Pedal(false).Run(1.0);
        }

        var trace = device.Trace;
        for (var k = 1; k < trace.Count; k++)
        {
            if (!trace[k].SprayOpen || trace[k - 1].SprayOpen)
            {
                continue;
            }

            var command = trace[k].TimeS;
            var lastOutside = device.Between(command, command + 0.3).LastOrDefault(s => Math.Abs(s.POutTrueMpa - 0.45) > 0.01).TimeS;
            var back = Math.Max(0.0, lastOutside - command);
            output.WriteLine($"spray command at {command:F3} s: back within ±10 kPa after {back * 1000:F0} ms");
            worst = Math.Max(worst, back);
        }

        // The inlet fully open from the command until the pressure is back (the least possible) takes
        // 32–34 ms here: the refill shares the draw's lag inversion, so the spool stays open through the dip.
        Assert.InRange(worst, 0.0, 0.040);
    }

    [Fact]
    public void Raising_the_setpoint_from_0_3_to_0_6_MPa_overshoots_by_at_most_5_kPa_also_when_the_bottle_charge_ends()
    {
        var device = new Device(Device.Starting("custom"), seed: 11).PowerOnAndCharge().Run(1.0);
        device.Command(ControlCommand.SetSetpoint(0.30)).Run(4.0);
        device.Command(ControlCommand.SetSetpoint(0.60)).Tick();
        var start = device.Time;
        device.Run(2.0);

        var window = device.Between(start, start + 2.0).ToList();
        var chargeEnd = window.Skip(1).First(s => !s.ChargeOpen).TimeS;
        var overshoot = window.Max(s => s.POutTrueMpa) - 0.60;
        var afterCharge = window.Where(s => s.TimeS > chargeEnd).ToList();
        output.WriteLine($"charge valve closed {(chargeEnd - start) * 1000:F0} ms after the step; overshoot {overshoot * 1000:F1} kPa, " +
            $"after the charge {afterCharge.Min(s => s.POutTrueMpa):F4}–{afterCharge.Max(s => s.POutTrueMpa):F4} MPa");

        // The bottle's charge ends while the manifold is already at the new setpoint: the inlet's spool
        // closes on its 30 ms lag, and the gas it still passes went into the manifold (8 kPa above).
        Assert.InRange(overshoot, 0.0, 0.005);
        Assert.All(afterCharge, s => Assert.InRange(s.POutTrueMpa, 0.59, 0.605));
    }

    [Fact]
    public void Setpoint_changes_follow_both_ways_without_overshoot()
    {
        var device = new Device(Device.Starting("custom")).PowerOnAndCharge();

        foreach (var (target, from) in new[] { (0.60, 0.45), (0.30, 0.60), (0.45, 0.30) })
        {
            device.Command(ControlCommand.SetSetpoint(target)).Tick();
            var start = device.Time;
            device.Run(2.5);
            var meter = new StepResponseMeter(start, from, target, 0.01, 2.5);
            foreach (var sample in device.Between(start, start + 2.5))
            {
                meter.Add(sample.TimeS, sample.POutTrueMpa);
            }

            var step = meter.Result();
            output.WriteLine($"{from:F2} → {target:F2}: settle {step.SettlingTimeS * 1000:F0} ms, overshoot {step.OvershootMpa * 1000:F1} kPa, steady {step.SteadyStateErrorMpa * 1000:F1} kPa, states {string.Join(",", device.Between(start, start + 2.5).Select(s => s.State).Distinct())}");
            Assert.InRange(step.OvershootMpa, 0.0, 0.010);
            Assert.InRange(step.SteadyStateErrorMpa, 0.0, 0.005);
            Assert.InRange(step.SettlingTimeS, 0.0, 1.5);
        }
    }
}
