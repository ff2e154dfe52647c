using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// A long run of the routine-use property for the report: <c>sequences</c> cases, each generated from
/// its own CsCheck seed drawn from the run's seed, so that the run is the same on every machine and a
/// failing case can be replayed (with shrinking) by the CI property: <c>CsCheck_Seed=…</c>.
/// </summary>
public static class RoutineRun
{
    public static RoutineRunResult Run(int sequences, ulong seed, SimulatedBackend backend, int threads, Action<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequences);
        var wall = Stopwatch.StartNew();
        var master = new PCG(1, seed);
        var seeds = Enumerable.Range(0, sequences).Select(_ => new PCG(master.Next(), master.Next64()).ToString()).ToArray();
        var outcomes = new ConcurrentBag<RoutineOutcome>();
        var failures = new ConcurrentBag<RoutineFailure>();
        var done = 0;
        Parallel.For(0, sequences, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var sequence = RoutineGenerators.Sequence.Generate(PCG.Parse(seeds[i]), null, out _);
            try
            {
                outcomes.Add(RoutinePlayer.Play(sequence, backend));
            }
            catch (RoutineViolationException violation)
            {
                failures.Add(new RoutineFailure(seeds[i], violation.Message, sequence.ToString()));
            }

            progress?.Invoke(Interlocked.Increment(ref done));
        });

        return new RoutineRunResult(sequences, seed, backend, [.. outcomes], [.. failures.OrderBy(f => f.Seed, StringComparer.Ordinal)], wall.Elapsed);
    }
}

/// <summary>A sequence that broke a rule: its seed (<c>CsCheck_Seed</c>), the rule, and the sequence in words.</summary>
public sealed record RoutineFailure(string Seed, string Message, string Sequence);

/// <summary>What a long routine-use run found.</summary>
public sealed record RoutineRunResult(
    int Sequences,
    ulong Seed,
    SimulatedBackend Backend,
    IReadOnlyList<RoutineOutcome> Outcomes,
    IReadOnlyList<RoutineFailure> Failures,
    TimeSpan Wall)
{
    public bool Passed => Failures.Count == 0 && Outcomes.Count == Sequences;
    public long Ticks => Outcomes.Sum(o => o.Ticks);
    public double SimulatedS => Outcomes.Sum(o => o.SimulatedS);
    public int Sprays => Outcomes.Sum(o => o.Sprays);
    public int Refusals => Outcomes.Sum(o => o.Refusals);
    public AlarmPriority? WorstAlarm => Outcomes.Max(o => o.WorstAlarm);
    /// <summary>How many sequences raised each alarm code (only Low ones may appear).</summary>
    public IReadOnlyDictionary<AlarmCode, int> RaisedBy =>
        Outcomes.SelectMany(o => o.Raised).GroupBy(c => c).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
    public double PeakPOutTrueMpa => Outcomes.Count == 0 ? 0.0 : Outcomes.Max(o => o.PeakPOutTrueMpa);
    public double PeakPBottleTrueMpa => Outcomes.Count == 0 ? 0.0 : Outcomes.Max(o => o.PeakPBottleTrueMpa);
    public double PeakPHoseTrueMpa => Outcomes.Count == 0 ? 0.0 : Outcomes.Max(o => o.PeakPHoseTrueMpa);
    public double LongestShutdownS => Outcomes.Count == 0 ? 0.0 : Outcomes.Max(o => o.LongestShutdownS);
}
