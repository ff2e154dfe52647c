namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// One entry of a scenario's <c>expect</c> list: a window of time and the conditions its samples
/// must meet. Several conditions in one entry must hold on the same sample.
/// </summary>
public sealed record Expectation(ExpectationWindow Window, IReadOnlyList<Condition> Conditions, SourceLocation Location)
{
    public string Describe() => $"{Window}: {string.Join(", ", Conditions.Select(c => c.Describe()))}";

    public override string ToString() => Describe();
}
