using HydroOxygen.Controller.Simulation.Traces;
namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// What an expectation asks of one trace column. Conditions judge the column's value as
/// <see cref="TraceColumn.Read"/> gives it, so they need no knowledge of the sample's layout.
/// </summary>
public abstract record Condition(TraceColumn Column)
{
    public abstract bool IsMetBy(double value);

    /// <summary>
    /// How far a value is from meeting the condition (0 when it does). A failed <c>sometime</c> uses
    /// it to name the nearest miss; for names rather than numbers any miss is as far as another.
    /// </summary>
    public virtual double Shortfall(double value) => IsMetBy(value) ? 0.0 : 1.0;

    /// <summary>The condition in words, e.g. <c>p_out_mpa in [0.44, 0.46]</c>.</summary>
    public abstract string Describe();

    public sealed override string ToString() => Describe();
}
