namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// An action at a moment of virtual time. A step at <c>t</c> happens between the tick at <c>t</c>
/// and the next one, so the first tick that can react to it is the one after <c>t</c>.
/// </summary>
public sealed record ScenarioStep(double AtS, ScenarioAction Action, SourceLocation Location)
{
    public override string ToString() => $"{DurationText.Format(AtS)} {Action.Describe()}";
}
