namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// A scenario file that cannot be run. Carries every problem found, not just the first, so that a
/// tester fixes the file in one pass.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
        : this([])
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(errors.Count == 0 ? "Invalid scenario." : string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ScenarioError> Errors { get; }
}
