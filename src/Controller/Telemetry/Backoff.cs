namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// Waits between reconnection attempts: doubling from the first to the longest wait, each drawn
/// between 80 % and 120 % of its nominal value, so that a fleet that lost its broker together does not
/// come back in lock-step. Reset by a successful connection.
/// </summary>
public sealed class Backoff(TimeSpan first, TimeSpan longest, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _failures;

    /// <summary>Failed attempts since the last success.</summary>
    public int Failures => _failures;

    /// <summary>The nominal wait after the current number of failures (before jitter).</summary>
    public TimeSpan Nominal
    {
        get
        {
            var factor = Math.Pow(2, Math.Min(Math.Max(_failures - 1, 0), 30));
            return TimeSpan.FromSeconds(Math.Min(longest.TotalSeconds, first.TotalSeconds * factor));
        }
    }

    /// <summary>Counts a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan Next()
    {
        _failures++;
        var nominal = Nominal.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Min(longest.TotalSeconds * 1.2, nominal * (0.8 + (0.4 * _random.NextDouble()))));
    }

    public void Reset() => _failures = 0;
}
