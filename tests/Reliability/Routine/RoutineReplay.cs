using System.Globalization;
using CsCheck;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation.Traces;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// Replays one sequence of a routine run by its seed, writing the trace (DESIGN §3.2 columns) and the
/// controller's events, for a tester looking into a failure the run listed.
/// </summary>
public sealed class RoutineReplay : IRoutineWatcher, IDisposable
{
    private readonly TraceCsvWriter? _trace;
    private readonly StreamWriter? _traceFile;
    private readonly TextWriter _events;

    private RoutineReplay(string? tracePath, TextWriter events)
    {
        _events = events;
        if (tracePath is not null)
        {
            _traceFile = new StreamWriter(tracePath);
            _trace = new TraceCsvWriter(_traceFile, TraceColumns.Default);
        }
    }

    /// <summary>Plays the sequence of <paramref name="seed"/>; returns the rule it broke, or null if it kept them all.</summary>
    public static string? Run(string seed, SimulatedBackend backend, string? tracePath, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sequence = RoutineGenerators.Sequence.Generate(PCG.Parse(seed), null, out _);
        output.WriteLine(sequence.ToString());
        using var replay = new RoutineReplay(tracePath, output);
        try
        {
            var outcome = RoutinePlayer.Play(sequence, backend, replay);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kept every rule: {outcome.Ticks} ticks, worst alarm {outcome.WorstAlarm?.ToString() ?? "none"}"));
            return null;
        }
        catch (RoutineViolationException violation)
        {
            output.WriteLine(violation.Message);
            return violation.Message;
        }
    }

    public void Tick(in TraceSample sample) => _trace?.Observe(in sample);

    public void Event(in ControlEvent controlEvent) =>
        _events.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{controlEvent.Time,10:F3} s  {controlEvent.Kind} {controlEvent.From}->{controlEvent.To} {(controlEvent.Kind is ControlEventKind.AlarmRaised or ControlEventKind.AlarmCleared ? controlEvent.Alarm.ToString() : "")} {(controlEvent.Kind is ControlEventKind.CommandAccepted or ControlEventKind.CommandRejected ? $"{controlEvent.Command.Kind} {controlEvent.Outcome}" : "")} {controlEvent.Value:0.####}"));

    public void Dispose()
    {
        _trace?.Complete();
        _traceFile?.Dispose();
    }
}
