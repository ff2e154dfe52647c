using HydroOxygen.Controller.Simulation.Traces;
namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// A set column (<c>alarms</c>) containing a member (<c>alarms: OverPressure</c>), or — the
/// <c>{ excludes: Code }</c> extension — not containing it.
/// </summary>
/// <param name="Member">The member's bit in the column's mask.</param>
public sealed record MembershipCondition(TraceColumn Column, uint Member, bool Excludes = false) : Condition(Column)
{
    public override bool IsMetBy(double value) => (((uint)value & Member) != 0) != Excludes;

    public override string Describe() => $"{Column.Name} {(Excludes ? "excludes" : "contains")} {Column.Format(Member)}";
}
