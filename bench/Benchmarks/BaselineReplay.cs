using HydroOxygen.Simulator;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The bang-bang baseline on the same plant: a fresh simulated board with the same parameters and
/// seed, stepped tick by tick as <c>SimulationRunner</c> does (advance the virtual clock one loop
/// period, begin the board's tick, read, write). Whenever our controller was regulating at that
/// tick, the baseline computes the inlet and vent from the measured outlet pressure; every other
/// output (source, charge and spray valves, compressor) and the setpoint are replayed from our
/// run, so both controllers face exactly the same sequence, demands and disturbances.
/// </summary>
internal static class BaselineReplay
{
    /// <summary>The plant's true outlet pressure at every tick of the replay.</summary>
    /// <param name="controller">The baseline; null replays our inlet and vent too.</param>
    /// <param name="followReference">Track our regulator's ramped reference instead of the raw setpoint.</param>
    /// <param name="fullEffortFrom">
    /// From this time on, while regulating, the inlet (or the vent) is driven fully towards the
    /// setpoint instead: with <see cref="RegulationMetrics.IseUntilReached"/>, the least ISE any
    /// controller can score on a step taken from the state the run had reached.
    /// </param>
    public static double[] Run(
        ScenarioRun scenario, BangBangController? controller, double tickSeconds, bool followReference, double fullEffortFrom = double.PositiveInfinity)
    {
        var fullEffort = new BangBangController(0.0);
        var clock = new VirtualClock();
        var board = SimulatedBoard.Create(scenario.Parameters, scenario.Seed, clock);
        var period = TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond * tickSeconds));
        var trace = scenario.Trace;
        var pressure = new double[trace.Count];
        for (var k = 0; k < trace.Count; k++)
        {
            clock.Advance(period);
            board.BeginTick(clock.GetTimestamp());
            var reading = board.OutletPressure.Read();
            var ours = trace.Outputs[k];
            var target = followReference ? trace.Reference[k] : trace.Setpoint[k];
            var (inlet, vent) = !trace.Regulating[k] || !reading.IsOk ? (ours.InletOpening, ours.VentOpen)
                : trace.Time[k] >= fullEffortFrom ? fullEffort.Update(reading.Pressure.Megapascals, trace.Setpoint[k])
                : controller is not null ? controller.Update(reading.Pressure.Megapascals, target)
                : (ours.InletOpening, ours.VentOpen);

            // In ControlCycle's order: close before open.
            board.SprayValve.SetOpen(ours.SprayOpen);
            board.OxygenSourceValve.SetOpen(ours.OxygenSourceOpen);
            board.CompressorSourceValve.SetOpen(ours.CompressorSourceOpen);
            board.InletValve.SetOpening(inlet);
            board.ChargeValve.SetOpen(ours.ChargeOpen);
            board.VentValve.SetOpen(vent);
            board.Compressor.Write(ours.CompressorOn);
            pressure[k] = board.Plant.POutMpa;
        }

        return pressure;
    }

    /// <summary>
    /// Our run replayed tick for tick (every output ours) until <paramref name="from"/>; from there the
    /// inlet fully open and the vent shut until the pressure, having dipped below <paramref name="target"/>,
    /// is back up to it. Returns the plant's true outlet pressure up to that tick (NaN after it).
    /// </summary>
    public static double[] FullInletFrom(ScenarioRun scenario, double tickSeconds, double from, double target)
    {
        var clock = new VirtualClock();
        var board = SimulatedBoard.Create(scenario.Parameters, scenario.Seed, clock);
        var period = TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond * tickSeconds));
        var trace = scenario.Trace;
        var pressure = new double[trace.Count];
        Array.Fill(pressure, double.NaN);
        var dipped = false;
        for (var k = 0; k < trace.Count; k++)
        {
            clock.Advance(period);
            board.BeginTick(clock.GetTimestamp());
            _ = board.OutletPressure.Read();
            var ours = trace.Outputs[k];
            var forced = trace.Time[k] >= from;
            board.SprayValve.SetOpen(ours.SprayOpen);
            board.OxygenSourceValve.SetOpen(ours.OxygenSourceOpen);
            board.CompressorSourceValve.SetOpen(ours.CompressorSourceOpen);
            board.InletValve.SetOpening(forced ? 1.0 : ours.InletOpening);
            board.ChargeValve.SetOpen(ours.ChargeOpen);
            board.VentValve.SetOpen(!forced && ours.VentOpen);
            board.Compressor.Write(ours.CompressorOn);
            pressure[k] = board.Plant.POutMpa;
            dipped |= forced && pressure[k] < target;
            if (dipped && pressure[k] >= target)
            {
                break;
            }
        }

        return pressure;
    }
}
