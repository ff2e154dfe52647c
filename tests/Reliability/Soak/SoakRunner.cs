namespace HydroOxygen.Reliability.Soak;

public static class SoakRunner
{
    public static SoakResult Run(SoakOptions options, Action<object>? onPeriod = null) => new();
}
