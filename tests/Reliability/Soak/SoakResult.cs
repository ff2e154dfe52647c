namespace HydroOxygen.Reliability.Soak;

public sealed record SoakResult
{
    public IReadOnlyList<string> Failures { get; init; } = [];
    public bool Passed => Failures.Count == 0;
    public string Summary() => "";
}
