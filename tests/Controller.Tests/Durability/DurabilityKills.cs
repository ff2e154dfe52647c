using HydroOxygen.Tests.Shared;

namespace HydroOxygen.Controller.Tests.Durability;

/// <summary>
/// How many times the kill tests kill their process. CI runs the modest count each test names;
/// <c>DURABILITY_KILLS=500</c> (any positive number) runs the long campaign with that many kills
/// per test instead. See docs/RELIABILITY.md (Durability).
/// </summary>
internal static class DurabilityKills
{
    public const string Variable = "DURABILITY_KILLS";

    public static int Count(int ciDefault) => checked((int)LongRunCount.FromEnvironment(Variable, ciDefault));
}
