using System.Globalization;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// How many generated cases a property runs. CI keeps it modest; a long campaign sets
/// <c>PROPERTY_ITERATIONS</c> (e.g. 5000). CsCheck's own <c>CsCheck_Seed</c> variable replays the
/// seed a failure prints.
/// </summary>
internal static class PropertyRuns
{
    public const string IterationsVariable = "PROPERTY_ITERATIONS";

    public static long Iterations(long ciDefault)
    {
        var text = Environment.GetEnvironmentVariable(IterationsVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ciDefault;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidOperationException($"{IterationsVariable} must be a positive whole number, not '{text}'");
    }

    /// <summary>Two threads at most: the machines running CI are shared.</summary>
    public static int Threads => Math.Min(2, Environment.ProcessorCount);
}
