using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Runs a checked scenario: the unmodified controller against the plant in virtual time, the
/// scenario's steps applied at their exact instants, every sample streamed to the expectations and
/// to the other observers, the controller's events drained as they happen.
/// </summary>
public sealed class ScenarioExecutor
{
    // Times are exact decimals made doubles; this only absorbs rounding in the last bits.
    private const double TimeToleranceS = 1e-9;

    // Cancellation and progress are looked at every this many ticks (half a simulated second at 500 Hz).
    private const int PollTicks = 250;

    private readonly ControllerSettings _settings;

    public ScenarioExecutor(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    public static ScenarioExecutor Default { get; } = new(ControllerSettings.Default);

    /// <summary>Each program's ceiling, MPa, by program index (what the plot draws).</summary>
    public IReadOnlyList<double> Ceilings => [.. _settings.EffectivePrograms.Select(p => p.CeilingMpa)];

    public ScenarioReport Run(Scenario scenario, ScenarioRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new ScenarioRunOptions();

        var runner = new SimulationRunner(_settings, scenario.Plant, scenario.Seed, backend: options.Backend);
        var expectations = new ExpectationEvaluator(scenario.Expectations);
        ITraceObserver[] observers = [expectations, .. options.Observers];
        var events = new ScenarioEventLog(options.EventLog, runner.Core.Programs, runner.Core.Plans);
        var pacer = new ScenarioPacer(options.Clock, options.Realtime, options.Cancellation);
        var steps = scenario.Steps;
        var nextStep = 0;

        pacer.Start();
        Observe(observers, runner.Sample());
        while (true)
        {
            // A step at t happens between the tick at t and the next one: apply every step due
            // before the next tick. After a loop stall that is every step the stall skipped over.
            while (nextStep < steps.Count && steps[nextStep].AtS < runner.Time + runner.TickSeconds - TimeToleranceS)
            {
                var step = steps[nextStep++];
                events.RecordStep(step, runner.Time);
                step.Action.ApplyTo(runner);
            }

            if (runner.Time + (runner.TickSeconds / 2) >= scenario.DurationS)
            {
                break;
            }

            var sample = runner.Tick();
            Drain(runner, events);
            Observe(observers, in sample);
            pacer.WaitFor(runner.Time);
            if (runner.Ticks % PollTicks == 0)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                options.Progress?.Invoke(runner.Time, sample.State);
            }
        }

        foreach (var observer in observers)
        {
            observer.Complete();
        }

        return new ScenarioReport
        {
            Scenario = scenario,
            Results = expectations.Results(),
            SimulatedSeconds = runner.Time,
            WallSeconds = pacer.Elapsed.TotalSeconds,
            Ticks = runner.Ticks,
            Refusals = events.Refusals,
            EventsDropped = runner.Events.Dropped,
        };
    }

    private static void Observe(ITraceObserver[] observers, in TraceSample sample)
    {
        foreach (var observer in observers)
        {
            observer.Observe(in sample);
        }
    }

    /// <summary>
    /// Empties the controller's event ring after every tick. It holds thousands of events and a tick
    /// writes a handful, so it cannot overflow; if it ever did, the report's dropped count says so.
    /// </summary>
    private static void Drain(SimulationRunner runner, ScenarioEventLog events)
    {
        var program = runner.Core.Status.ProgramIndex;
        while (runner.Events.TryRead(out var controlEvent))
        {
            events.Record(in controlEvent, program);
        }
    }
}
