using System.Globalization;

namespace HydroOxygen.Controller.Tests.Durability;

/// <summary>
/// How many times the kill tests kill their process. CI runs the modest count each test names;
/// <c>DURABILITY_KILLS=500</c> (any positive number) runs the long campaign with that many kills
/// per test instead. See docs/RELIABILITY.md (Durability).
/// </summary>
internal static class DurabilityKills
{
    public const string Variable = "DURABILITY_KILLS";

    public static int Count(int ciDefault)
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ciDefault;
        }

        // A typo must not silently shrink the campaign back to the CI count.
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new InvalidOperationException($"{Variable} must be a positive whole number of kills, was '{text}'");
    }
}
