namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>The outcome of one run: the verdict on every expectation and what the run cost.</summary>
public sealed record ScenarioReport
{
    public required Scenario Scenario { get; init; }
    public required IReadOnlyList<ExpectationResult> Results { get; init; }
    public required double SimulatedSeconds { get; init; }
    public required double WallSeconds { get; init; }
    public required long Ticks { get; init; }

    /// <summary>Commands the controller refused during the run, with its reasons.</summary>
    public IReadOnlyList<string> Refusals { get; init; } = [];

    /// <summary>Events the controller's ring dropped; anything but 0 means the event log is incomplete.</summary>
    public long EventsDropped { get; init; }

    public int Passed => Results.Count(r => r.Passed);

    public int Failed => Results.Count(r => !r.Passed);

    public bool AllPassed => Failed == 0;
}
