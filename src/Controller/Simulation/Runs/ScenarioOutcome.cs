using HydroOxygen.Controller.Simulation.Scenarios;

namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>How one scenario of a run ended.</summary>
public enum OutcomeKind
{
    /// <summary>Every expectation held.</summary>
    Passed,

    /// <summary>An expectation failed.</summary>
    Failed,

    /// <summary>The file is not a valid scenario (or cannot be read): nothing of it ran.</summary>
    Invalid,
}

/// <summary>One scenario's result in a run of several: its verdicts, or why it could not run, and the files it left.</summary>
public sealed record ScenarioOutcome
{
    public required ScenarioInput Input { get; init; }

    public required OutcomeKind Kind { get; init; }

    /// <summary>The run's report; null for an invalid scenario.</summary>
    public ScenarioReport? Report { get; init; }

    /// <summary>For an invalid scenario: every problem, as <c>file:line:column: reason</c>.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The per-file outputs written, by option (<c>trace</c>, <c>plot</c>, <c>events</c>).</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    /// <summary>The scenario's own name (its <c>name:</c>), or the file's name when it has none.</summary>
    public string Name => Report?.Scenario.Name ?? Input.Stem;

    /// <summary>The notes that go with the report: commands the controller refused, and a dropped-events warning.</summary>
    public IReadOnlyList<string> Notes => Report?.Refusals.Select(r => r.Trim()).ToList() ?? [];
}
