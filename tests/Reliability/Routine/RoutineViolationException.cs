namespace HydroOxygen.Reliability.Routine;

/// <summary>A property of routine use broken at one tick; CsCheck shrinks the sequence that broke it.</summary>
public sealed class RoutineViolationException(string property, double timeS, string detail)
    : Exception(FormattableString.Invariant($"{property} broken at t = {timeS:0.000} s: {detail}"))
{
    public string Property { get; } = property;
}
