namespace HydroOxygen.Controller.Supplies;

/// <summary>What wears and has a service interval (DESIGN §2.8). The names are the API's.</summary>
public enum WearItem
{
    SprayHours,
    CompressorHours,
    SprayValveCycles,
    ChargeValveCycles,
    SourceValveCycles,
    VentValveCycles,
}

/// <summary>Names and limits of the wear items.</summary>
public static class WearItems
{
    public const double MinInterval = 1.0;
    public const double MaxInterval = 1e9;

    /// <summary>The configuration key's tail: <c>SprayHours</c>.</summary>
    public static string Key(WearItem item) => item.ToString();

    /// <summary>The API's name: <c>sprayHours</c>.</summary>
    public static string Name(WearItem item) => char.ToLowerInvariant(item.ToString()[0]) + item.ToString()[1..];

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<WearItem>().Select(Name)];

    public static bool TryParse(string name, out WearItem item)
    {
        foreach (var candidate in Enum.GetValues<WearItem>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                item = candidate;
                return true;
            }
        }

        item = default;
        return false;
    }
}
