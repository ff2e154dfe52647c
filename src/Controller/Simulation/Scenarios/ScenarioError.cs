namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>One thing wrong with a scenario file: where, and why.</summary>
public sealed record ScenarioError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
