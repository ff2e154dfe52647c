using System.Collections.Concurrent;
using System.Globalization;
using CsCheck;
using HydroOxygen.Reliability.Routine;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// DESIGN §2.5's rules of routine use, as a property: generated sequences of a technician's routine
/// actions on a healthy device (any order, any moment) never raise a High or Medium alarm, never
/// enter Fault, never have a choice refused for a passing state, never mist without the pedal, and
/// always end Off with manifold and bottle vented. A failure prints the shrunk sequence and the seed
/// (<c>CsCheck_Seed=…</c> replays it); <c>ROUTINE_SEQUENCES</c> sets a longer run.
/// </summary>
public sealed class RoutineUseProperties(ITestOutputHelper output)
{
    public const string SequencesVariable = "ROUTINE_SEQUENCES";

    /// <summary>Sequences in CI: ~40 virtual seconds each, about a minute of wall time on two threads.</summary>
    private const long CiSequences = 150;

    [Fact]
    public void Routine_use_never_alarms_never_faults_never_mists_without_the_pedal_and_ends_vented()
    {
        var outcomes = new ConcurrentBag<RoutineOutcome>();
        var sequences = LongRunCount.FromEnvironment(SequencesVariable, CiSequences);

        RoutineGenerators.Sequence.Sample(
            sequence => outcomes.Add(RoutinePlayer.Play(sequence)),
            iter: sequences,
            threads: PropertyRuns.Threads,
            print: s => s.ToString());

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"{outcomes.Count} sequences, {outcomes.Sum(o => o.Ticks)} ticks, {outcomes.Sum(o => o.SimulatedS) / 60:0.0} simulated minutes, {outcomes.Sum(o => o.Sprays)} sprays; " +
            $"worst alarm {outcomes.Max(o => o.WorstAlarm)?.ToString() ?? "none"}; peak true P_out {outcomes.Max(o => o.PeakPOutTrueMpa):0.000}, " +
            $"P_bottle {outcomes.Max(o => o.PeakPBottleTrueMpa):0.000}, hose {outcomes.Max(o => o.PeakPHoseTrueMpa):0.000} MPa; longest power-down {outcomes.Max(o => o.LongestShutdownS):0.00} s"));
        Assert.True(outcomes.Count >= sequences, $"only {outcomes.Count} of {sequences} sequences ran");
    }
}
