namespace HydroOxygen.Reliability.Soak;

public sealed record SoakOptions
{
    public double Hours { get; init; } = 10.0;
    public int Seed { get; init; } = 1;
}
