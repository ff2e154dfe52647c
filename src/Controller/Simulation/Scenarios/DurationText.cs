using System.Globalization;
using System.Text.RegularExpressions;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Durations as scenario files write them (DESIGN §3.1): a non-negative decimal number and a unit,
/// <c>ms</c>, <c>s</c> or <c>min</c> — <c>250ms</c>, <c>30.1s</c>, <c>1.5min</c>.
/// </summary>
/// <remarks>
/// A bare number is refused rather than guessed: <c>at: 30</c> could mean seconds or milliseconds,
/// and a scenario that silently runs a thousand times too long or too short is worse than an error.
/// </remarks>
public static partial class DurationText
{
    public const string Units = "ms, s or min";

    /// <summary>Reads a duration in seconds; on failure <paramref name="problem"/> says what is wrong with the text.</summary>
    public static bool TryParse(string? text, out double seconds, out string problem)
    {
        seconds = 0;
        var trimmed = (text ?? "").Trim();
        var match = Syntax().Match(trimmed);
        if (!match.Success)
        {
            problem = trimmed.StartsWith('-')
                ? $"'{trimmed}' is negative; durations and times are zero or more"
                : $"'{trimmed}' is not a duration (a number and a unit: {Units}, e.g. 250ms, 30.1s, 1.5min)";
            return false;
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value;
        decimal? factor = unit switch
        {
            "ms" => 0.001m,
            "s" => 1m,
            "min" => 60m,
            _ => null,
        };

        if (unit.Length == 0)
        {
            problem = $"'{trimmed}' has no unit; write {trimmed}s, {trimmed}ms or {trimmed}min";
            return false;
        }

        if (factor is null)
        {
            problem = $"'{trimmed}' has an unknown unit '{unit}' (use {Units})";
            return false;
        }

        // Decimal arithmetic so that 30.1s is the same double as the sample time 30.1, not 30.099999….
        seconds = (double)(number * factor.Value);
        problem = "";
        return true;
    }

    /// <summary>Seconds written back in the shortest unit that reads well: 0.25 → 250ms, 30.1 → 30.1s, 90 → 90s.</summary>
    public static string Format(double seconds) =>
        seconds != 0 && Math.Abs(seconds) < 1
            ? (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture) + "ms"
            : seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?|\.[0-9]+)\s*(?<unit>[A-Za-zµ]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
