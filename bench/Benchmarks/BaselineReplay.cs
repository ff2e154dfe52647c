using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;

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
        var (clock, board, period) = FreshBoard(scenario, tickSeconds);
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

            Write(board, ours, inlet, vent);
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
        var (clock, board, period) = FreshBoard(scenario, tickSeconds);
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
            Write(board, ours, forced ? 1.0 : ours.InletOpening, !forced && ours.VentOpen);
            pressure[k] = board.Plant.POutMpa;
            dipped |= forced && pressure[k] < target;
            if (dipped && pressure[k] >= target)
            {
                break;
            }
        }

        return pressure;
    }

    /// <summary>
    /// Our run replayed tick for tick, except from <see cref="InletPlan.From"/> on: the inlet held at
    /// <see cref="InletPlan.Before"/> until <see cref="InletPlan.SwitchAt"/>, then at <see cref="InletPlan.After"/>,
    /// and the vent shut but for an optional pulse. Stops after <see cref="InletPlan.Until"/>; returns
    /// the plant's true outlet pressure up to it (NaN after). <paramref name="observe"/> sees the plant after each tick.
    /// </summary>
    public static double[] Planned(ScenarioRun scenario, double tickSeconds, InletPlan plan, Action<int, SprayPlant>? observe = null)
    {
        var (clock, board, period) = FreshBoard(scenario, tickSeconds);
        var trace = scenario.Trace;
        var pressure = new double[trace.Count];
        Array.Fill(pressure, double.NaN);
        for (var k = 0; k < trace.Count && k <= plan.Until; k++)
        {
            clock.Advance(period);
            board.BeginTick(clock.GetTimestamp());
            _ = board.OutletPressure.Read();
            var ours = trace.Outputs[k];
            var planned = k >= plan.From;
            var inlet = !planned ? ours.InletOpening
                : k < plan.SwitchAt ? Math.Clamp(plan.Before + (plan.BeforeSlope * (k - plan.From)), 0.0, 1.0)
                : k == plan.SwitchAt && !double.IsNaN(plan.Mid) ? plan.Mid
                : plan.After;
            var vent = planned ? k >= plan.VentFrom && k < plan.VentFrom + plan.VentTicks : ours.VentOpen;
            Write(board, ours, inlet, vent);
            pressure[k] = board.Plant.POutMpa;
            observe?.Invoke(k, board.Plant);
        }

        return pressure;
    }

    /// <summary>A board as our run's started (same parameters and seed) on its own virtual clock, and the loop's period.</summary>
    private static (VirtualClock Clock, SimulatedBoard Board, TimeSpan Period) FreshBoard(ScenarioRun scenario, double tickSeconds)
    {
        var clock = new VirtualClock();
        return (clock, SimulatedBoard.Create(scenario.Parameters, scenario.Seed, clock), TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond * tickSeconds)));
    }

    /// <summary>Our outputs of one tick, but the inlet and vent given, in ControlCycle's order: close before open.</summary>
    private static void Write(SimulatedBoard board, ControlOutputs ours, double inlet, bool vent)
    {
        board.SprayValve.SetOpen(ours.SprayOpen);
        board.OxygenSourceValve.SetOpen(ours.OxygenSourceOpen);
        board.CompressorSourceValve.SetOpen(ours.CompressorSourceOpen);
        board.InletValve.SetOpening(inlet);
        board.ChargeValve.SetOpen(ours.ChargeOpen);
        board.VentValve.SetOpen(vent);
        board.Compressor.Write(ours.CompressorOn);
    }
}

/// <summary>What <see cref="BaselineReplay.Planned"/> commands instead of ours, by tick index.</summary>
/// <param name="From">First tick the plan replaces our inlet and vent.</param>
/// <param name="SwitchAt">First tick the inlet is at <paramref name="After"/>.</param>
/// <param name="Until">Last tick replayed.</param>
/// <param name="VentFrom">First tick of a vent pulse (none if before <paramref name="From"/>).</param>
/// <param name="Before">The opening from <paramref name="From"/>, changing by <paramref name="BeforeSlope"/> a tick until the switch.</param>
/// <param name="VentTicks">How many ticks the vent is commanded open.</param>
/// <param name="Mid">If set, the opening on the switch tick itself (a switch between two ticks).</param>
internal sealed record InletPlan(
    int From, int SwitchAt, int Until, double Before, double After, double BeforeSlope = 0.0, int VentFrom = -1, int VentTicks = 0, double Mid = double.NaN);
