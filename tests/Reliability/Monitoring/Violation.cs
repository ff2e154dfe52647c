namespace HydroOxygen.Reliability.Monitoring;

/// <summary>One breach of an invariant, with the sample that showed it.</summary>
public readonly record struct Violation(double TimeS, InvariantKind Kind, string Detail)
{
    public override string ToString() => $"{TimeS:F3} s {Kind}: {Detail}";
}
