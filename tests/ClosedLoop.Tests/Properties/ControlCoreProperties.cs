using System.Collections.Concurrent;
using System.Globalization;
using CsCheck;
using HydroOxygen.Controller.Core;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// Property-based tests of the control core: random operator sessions with faults and sensor
/// noise, played against the simulated plant; every tick must keep the safety invariants and every
/// session must power down to Off, vented. A failure prints the shrunk session as a numbered list
/// of actions and the seed to replay it (<c>CsCheck_Seed=…</c>).
/// </summary>
public sealed class ControlCoreProperties(ITestOutputHelper output)
{
    /// <summary>Cases in CI: ~20 virtual seconds each, a few seconds of wall time per hundred on two threads.</summary>
    private const long CiIterations = 200;

    [Fact]
    public void Every_tick_keeps_the_safety_invariants_and_every_session_shuts_down_vented()
    {
        var outcomes = new ConcurrentBag<SessionOutcome>();
        var iterations = PropertyRuns.Iterations(CiIterations);

        SessionGenerators.Session.Sample(
            session => outcomes.Add(SessionPlayer.Play(session)),
            iter: iterations,
            threads: PropertyRuns.Threads,
            print: s => s.ToString());

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"{outcomes.Count} sessions, {outcomes.Sum(o => o.Ticks)} ticks; longest power-down {outcomes.Max(o => o.ShutdownS):0.00} s " +
            $"(bound {SessionPlayer.ShutdownBoundS(ControllerSettings.Default):0.0} s); peak true pressure {outcomes.Max(o => o.PeakTrueMpa):0.000} MPa"));

        Assert.True(outcomes.Count >= iterations, $"only {outcomes.Count} of {iterations} sessions ran");
    }

    /// <summary>
    /// Sessions the property once failed on, replayed by their seed. bSc8EmNsjWz1: a bottle transducer
    /// drifting 0.14 MPa high at a spray's start; the bottle is left sealed and said to be under pressure
    /// with its figure in doubt (the drifted 0.533 MPa of a bottle truly at 0.392), which the check took for a wrong report.
    /// cPHTeypVV9r1: a shutdown from Fault (inlet stuck open, spray valve stuck open) with P_out stuck at zero;
    /// the hold's fill kept the source open until the manifold reached the source line's 0.735 MPa.
    /// </summary>
    [Theory]
    [InlineData("bSc8EmNsjWz1")]
    [InlineData("cPHTeypVV9r1")]
    public void A_session_once_found_failing_keeps_the_invariants(string seed) =>
        SessionGenerators.Session.Sample(session => SessionPlayer.Play(session), seed: seed, iter: 1, threads: 1, print: s => s.ToString());

    /// <summary>
    /// The invariant checker itself must be able to fail: a session whose setpoint is forced outside
    /// the range by a fake status would be caught. Here: a session is replayed and a spray command
    /// without the pedal is looked for in a hand-made sample.
    /// </summary>
    [Fact]
    public void The_checker_rejects_a_spray_valve_open_without_the_pedal()
    {
        var runner = new Controller.Simulation.SimulationRunner(ControllerSettings.Default, Simulator.Plant.PlantParameters.Default);
        var invariants = new TickInvariants(runner);
        var sample = runner.Tick() with { SprayOpen = true, PedalSeen = false, State = DeviceState.Ready };

        var violation = Assert.Throws<InvariantViolation>(() => invariants.Check(in sample));
        Assert.Contains("pedal", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checker_rejects_a_setpoint_outside_the_range()
    {
        var runner = new Controller.Simulation.SimulationRunner(ControllerSettings.Default, Simulator.Plant.PlantParameters.Default);
        var invariants = new TickInvariants(runner);
        var sample = runner.Tick() with { SetpointMpa = 0.61 };

        Assert.Throws<InvariantViolation>(() => invariants.Check(in sample));
    }
}
