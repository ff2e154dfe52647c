using HydroOxygen.Tests.Shared;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// How many generated cases a property runs. CI keeps it modest; a long campaign sets
/// <c>PROPERTY_ITERATIONS</c> (e.g. 5000). CsCheck's own <c>CsCheck_Seed</c> variable replays the
/// seed a failure prints.
/// </summary>
internal static class PropertyRuns
{
    public const string IterationsVariable = "PROPERTY_ITERATIONS";

    public static long Iterations(long ciDefault) => LongRunCount.FromEnvironment(IterationsVariable, ciDefault);

    public static int Threads => LongRunCount.Threads;
}
