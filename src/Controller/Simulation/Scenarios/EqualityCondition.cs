using HydroOxygen.Controller.Simulation.Traces;
namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// A flag or choice column equal to a value (<c>state: Off</c>, <c>spray_open: 0</c>), or — the
/// <c>{ not: value }</c> extension — different from it.
/// </summary>
public sealed record EqualityCondition(TraceColumn Column, double Value, bool Negated = false) : Condition(Column)
{
    public override bool IsMetBy(double value) => (value == Value) != Negated;

    public override string Describe() => $"{Column.Name} {(Negated ? "!=" : "=")} {Column.Format(Value)}";
}
