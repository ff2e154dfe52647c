namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>A safety invariant broken at one tick; CsCheck shrinks the session that raised it.</summary>
internal sealed class InvariantViolation(string invariant, double timeS, string detail)
    : Exception($"{invariant} broken at t = {timeS:0.000} s: {detail}")
{
    public string Invariant { get; } = invariant;
}
