namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>Suggests the name a tester probably meant (<c>pedal_dwn</c> → <c>pedal_down</c>).</summary>
internal static class Spelling
{
    /// <summary>"did you mean x? " when a known name is close to the typed one, otherwise empty.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> known)
    {
        var close = Close(typed, known);
        return close.Count == 0 ? "" : $"did you mean {string.Join(" or ", close)}? ";
    }

    /// <summary>The known names close to the typed one (none when nothing is close).</summary>
    public static IReadOnlyList<string> Close(string typed, IEnumerable<string> known) => [.. known.Where(name => IsClose(name, typed))];

    /// <summary>Two edits apart at most, or one name inside the other (liquid → liquid_ml).</summary>
    private static bool IsClose(string known, string typed) =>
        typed.Length >= 3
        && (known.Contains(typed, StringComparison.OrdinalIgnoreCase)
            || typed.Contains(known, StringComparison.OrdinalIgnoreCase)
            || EditDistance(known.ToUpperInvariant(), typed.ToUpperInvariant()) <= 2);

    /// <summary>Levenshtein distance with two rows.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
