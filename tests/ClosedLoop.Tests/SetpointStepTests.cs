using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// Issue 18: a setpoint step is judged against the least ISE any controller can score with these
/// valves — the plant replayed from the same state with the inlet (going down: the vent) fully open
/// until the pressure first reaches the target, as the regulation benchmark computes it — and must
/// come within 1.15× of it without overshooting more than 5 kPa, held within ±5 kPa from 300 ms on,
/// also through the bottle's charge end on the way up ("The charge's end" in docs/DECISIONS.md: on
/// fcbc24a it left the manifold 9.4 kPa low), and on the way down ("The lowered setpoint's landing": on
/// 3451b78 the vent stopped the manifold 12 kPa high). The run is the benchmark's "Setpoint changes 0.3 ↔ 0.6 MPa" scenario.
/// </summary>
public class SetpointStepTests(ITestOutputHelper output)
{
    private const int Seed = 11;
    private const double UpWindowS = 2.0;
    private const double DownWindowS = 3.0;

    [Fact]
    public void Steps_between_0_3_and_0_6_MPa_come_within_1_15x_of_the_least_ISE_without_overshoot()
    {
        var run = StepRun.Record();
        var up = Judge(run, run.Up, UpWindowS, 0.30, 0.60);
        var down = Judge(run, run.Down, DownWindowS, 0.60, 0.30);
        output.WriteLine($"0.3 → 0.6: ISE {up.Ise * 1e6:F1} kPa²·s, least {up.Least * 1e6:F1} ({up.Ise / up.Least:F3}×), overshoot {up.Overshoot * 1000:F1} kPa, from 300 ms until the charge ends ({up.ChargedS:F3} s) within ±{up.Held * 1000:F1} kPa, after it (the valve's close) ±{up.AfterCharge * 1000:F1} kPa");
        output.WriteLine($"0.6 → 0.3: ISE {down.Ise * 1e6:F1} kPa²·s, least {down.Least * 1e6:F1} ({down.Ise / down.Least:F3}×), overshoot {down.Overshoot * 1000:F1} kPa, from 300 ms within ±{down.Held * 1000:F1} kPa");

        Assert.InRange(up.Ise / up.Least, 1.0, 1.15);
        Assert.InRange(up.Overshoot, 0.0, 0.005);
        Assert.InRange(up.Held, 0.0, 0.005);
        Assert.InRange(up.AfterCharge, 0.0, 0.005);
        Assert.InRange(down.Ise / down.Least, 1.0, 1.15);
        Assert.InRange(down.Overshoot, 0.0, 0.005);
        Assert.InRange(down.Held, 0.0, 0.005);
    }

    /// <summary>
    /// A setpoint change answered at full opening must not hide an inlet that sticks open: on a rise
    /// the fault shows only once the manifold passes the setpoint; on a fall the reference keeps its
    /// ramp, so the manifold runs away from it. Either way it ends in Fault before the relief valve lifts.
    /// </summary>
    [Theory]
    [InlineData(0.30, 0.60, 0.002)]
    [InlineData(0.30, 0.60, 0.03)]
    [InlineData(0.30, 0.60, 0.06)]
    [InlineData(0.60, 0.30, 0.002)]
    [InlineData(0.60, 0.30, 0.05)]
    [InlineData(0.60, 0.30, 0.15)]
    public void An_inlet_that_sticks_open_during_a_setpoint_change_ends_in_Fault_below_the_relief_pressure(double fromMpa, double toMpa, double stuckAfterS)
    {
        var device = new Device(Device.Starting("custom")).PowerOnAndCharge();
        device.Command(ControlCommand.SetSetpoint(fromMpa)).Run(4.0);
        var changed = device.Time;
        device.Command(ControlCommand.SetSetpoint(toMpa)).Run(stuckAfterS).Inject(FaultKind.InletStuckOpen);
        device.RunUntilState(DeviceState.Fault, 1.0).Run(1.0);

        var after = device.Between(changed, device.Time).ToList();
        var fault = after.First(s => s.State == DeviceState.Fault);
        var before = after[after.IndexOf(fault) - 1];
        output.WriteLine($"{fromMpa:F2} → {toMpa:F2} MPa, stuck {stuckAfterS * 1000:F0} ms in: Fault {fault.TimeS - changed:F3} s after the change ({Device.Alarms(fault)}; P_out {before.POutMpa:F3}, reference {before.ReferenceMpa:F3} MPa the tick before), peak true P_out {after.Max(s => s.POutTrueMpa):F3} MPa");
        Assert.True(device.Last.HasAlarm(AlarmCode.OverPressure));
        Assert.True(device.Last.VentOpen && !device.Last.SourceOpen);
        Assert.True(after.All(s => s.POutTrueMpa < 0.70), "the relief pressure is never reached");
    }

    /// <summary>
    /// The fall holds the vent open for at most <see cref="SetpointFall.GiveUpS"/>; a vent stuck shut
    /// leaves the manifold above the ramped reference and is judged by it as before (OverPressure once
    /// held above it for AboveReferenceAfterS: 2.036 s after the lowering, as on 3451b78).
    /// </summary>
    [Fact]
    public void A_vent_stuck_shut_at_a_lowered_setpoint_ends_in_Fault()
    {
        var device = new Device(Device.Starting("custom")).PowerOnAndCharge();
        device.Command(ControlCommand.SetSetpoint(0.60)).Run(4.0).Inject(FaultKind.VentStuckClosed);
        var lowered = device.Time;
        device.Command(ControlCommand.SetSetpoint(0.30));
        device.RunUntilState(DeviceState.Fault, 4.0);

        var after = device.Between(lowered, device.Time).ToList();
        var fault = after.First(s => s.State == DeviceState.Fault);
        output.WriteLine($"vent stuck shut at the lowering: Fault {fault.TimeS - lowered:F3} s after it ({Device.Alarms(fault)}), P_out {fault.POutMpa:F3} MPa");
        Assert.True(fault.HasAlarm(AlarmCode.OverPressure));
        Assert.InRange(fault.TimeS - lowered, 2.0, 2.5);
    }

    /// <summary>
    /// A lower setpoint (a program change, a tap on the minus button) arriving while a rise has the
    /// inlet open: the spool's tail still arrives, and routine use must not take it for a runaway.
    /// </summary>
    [Theory]
    [InlineData(0.40, 0.46, 0.018, 0.45)]
    [InlineData(0.30, 0.45, 0.028, 0.30)]
    [InlineData(0.30, 0.60, 0.010, 0.50)]
    [InlineData(0.30, 0.60, 0.040, 0.35)]
    public void A_setpoint_lowered_during_a_rise_settles_on_it_without_an_alarm(double from, double raisedTo, double afterS, double loweredTo)
    {
        var device = new Device(Device.Starting("custom")).PowerOnAndCharge();
        device.Command(ControlCommand.SetSetpoint(from)).Run(4.0);
        var raised = device.Time;
        device.Command(ControlCommand.SetSetpoint(raisedTo)).Run(afterS).Command(ControlCommand.SetSetpoint(loweredTo)).Run(3.0);

        var after = device.Between(raised, device.Time).ToList();
        output.WriteLine($"{from:F2} → {raisedTo:F2}, lowered to {loweredTo:F2} after {afterS * 1000:F0} ms: peak true P_out {after.Max(s => s.POutTrueMpa):F3} MPa, states {string.Join(", ", after.Select(s => s.State).Distinct())}, end {device.Last.POutTrueMpa:F3} MPa ({Device.Alarms(device.Last)})");
        Assert.DoesNotContain(after, s => s.State == DeviceState.Fault);
        Assert.False(device.Last.HasAlarm(AlarmCode.OverPressure));
        Assert.InRange(device.Last.POutTrueMpa, loweredTo - 0.01, loweredTo + 0.01);
    }

    private static StepFigures Judge(StepRun run, double start, double window, double initial, double target)
    {
        var least = run.LeastFrom(start, target);
        var direction = Math.Sign(target - initial);
        double ise = 0.0, leastIse = 0.0, overshoot = 0.0, held = 0.0, afterCharge = 0.0;
        var reached = false;
        var charged = double.NaN;
        for (var k = 1; k < run.Time.Count; k++)
        {
            var t = run.Time[k];
            if (t <= start || t > start + window)
            {
                continue;
            }

            var dt = t - run.Time[k - 1];
            var error = run.POut[k] - target;
            ise += error * error * dt;
            overshoot = Math.Max(overshoot, direction * error);
            if (double.IsNaN(charged) && run.Charging[k - 1] && !run.Charging[k])
            {
                charged = t - start;
            }

            if (t >= start + 0.3)
            {
                if (double.IsNaN(charged))
                {
                    held = Math.Max(held, Math.Abs(error));
                }
                else
                {
                    afterCharge = Math.Max(afterCharge, Math.Abs(error));
                }
            }

            reached |= double.IsNaN(least[k]) || Math.Sign(target - least[k]) != direction;
            if (!reached)
            {
                leastIse += (target - least[k]) * (target - least[k]) * dt;
            }
        }

        return new StepFigures(ise, leastIse, overshoot, held, charged, afterCharge);
    }

    private readonly record struct StepFigures(double Ise, double Least, double Overshoot, double Held, double ChargedS, double AfterCharge);

    /// <summary>The benchmark's setpoint-change scenario, every tick's outputs and true outlet pressure kept.</summary>
    private sealed class StepRun
    {
        public List<double> Time { get; } = [];
        public List<double> POut { get; } = [];
        public List<ControlOutputs> Outputs { get; } = [];
        public List<bool> Charging { get; } = [];
        public double Up { get; private set; }
        public double Down { get; private set; }
        private double _tick;

        public static StepRun Record()
        {
            var settings = ControllerSettings.Default with { StartupProgram = "custom", StartupGasSource = GasSource.Oxygen };
            var runner = new SimulationRunner(settings, PlantParameters.Default, Seed);
            var run = new StepRun { _tick = runner.TickSeconds };
            runner.PowerSwitch(true);
            var deadline = runner.Time + 30.0;
            while (runner.Time < deadline)
            {
                var sample = run.Tick(runner);
                if (sample.State == DeviceState.Ready && sample.PBottleTrueMpa >= sample.SetpointMpa - 0.05)
                {
                    break;
                }
            }

            run.RunFor(runner, 1.0);
            run.Command(runner, 0.30);
            run.RunFor(runner, 4.0);
            run.Up = run.Command(runner, 0.60);
            run.RunFor(runner, 3.0);
            run.Down = run.Command(runner, 0.30);
            run.RunFor(runner, 4.0);
            return run;
        }

        /// <summary>
        /// The run replayed on a fresh plant (same parameters and seed), every output ours until
        /// <paramref name="from"/>; from there the inlet (or, going down, the vent) fully open until the
        /// pressure first reaches <paramref name="target"/>. NaN after that.
        /// </summary>
        public double[] LeastFrom(double from, double target)
        {
            var clock = new VirtualClock();
            var board = SimulatedBoard.Create(PlantParameters.Default, Seed, clock);
            var period = TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond * _tick));
            var pressure = new double[Time.Count];
            Array.Fill(pressure, double.NaN);
            var rising = double.NaN;
            for (var k = 0; k < Time.Count; k++)
            {
                clock.Advance(period);
                board.BeginTick(clock.GetTimestamp());
                _ = board.OutletPressure.Read();
                var ours = Outputs[k];
                var forced = Time[k] >= from;
                if (forced && double.IsNaN(rising))
                {
                    rising = board.Plant.POutMpa < target ? 1.0 : -1.0;
                }

                board.SprayValve.SetOpen(ours.SprayOpen);
                board.OxygenSourceValve.SetOpen(ours.OxygenSourceOpen);
                board.CompressorSourceValve.SetOpen(ours.CompressorSourceOpen);
                board.InletValve.SetOpening(forced ? (rising > 0 ? 1.0 : 0.0) : ours.InletOpening);
                board.ChargeValve.SetOpen(ours.ChargeOpen);
                board.VentValve.SetOpen(forced ? rising < 0 : ours.VentOpen);
                board.Compressor.Write(ours.CompressorOn);
                pressure[k] = board.Plant.POutMpa;
                if (forced && Math.Sign(target - pressure[k]) != (int)rising)
                {
                    break;
                }
            }

            return pressure;
        }

        private double Command(SimulationRunner runner, double setpoint)
        {
            Assert.True(runner.Command(ControlCommand.SetSetpoint(setpoint)));
            Tick(runner);
            Assert.Equal(setpoint, runner.Core.Status.SetpointMpa, 9);
            return runner.Time;
        }

        private void RunFor(SimulationRunner runner, double seconds)
        {
            var end = runner.Time + seconds;
            while (runner.Time + (runner.TickSeconds / 2) < end)
            {
                Tick(runner);
            }
        }

        private TraceSample Tick(SimulationRunner runner)
        {
            var sample = runner.Tick();
            Time.Add(sample.TimeS);
            POut.Add(sample.POutTrueMpa);
            Outputs.Add(runner.LastOutputs);
            Charging.Add(sample.State == DeviceState.Charging);
            return sample;
        }
    }
}
