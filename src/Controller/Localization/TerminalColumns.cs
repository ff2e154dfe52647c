namespace HydroOxygen.Controller.Localization;

/// <summary>Text laid out in a terminal's columns, where a CJK (wide) character takes two.</summary>
public static class TerminalColumns
{
    /// <summary>The columns <paramref name="text"/> takes on a terminal.</summary>
    public static int Width(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var width = 0;
        foreach (var c in text)
        {
            width += IsWide(c) ? 2 : 1;
        }

        return width;
    }

    /// <summary><paramref name="text"/> padded with spaces to <paramref name="columns"/>, on the left when <paramref name="right"/>.</summary>
    public static string Pad(string text, int columns, bool right = false)
    {
        var padding = new string(' ', Math.Max(0, columns - Width(text)));
        return right ? padding + text : text + padding;
    }

    // The East Asian wide and fullwidth ranges of the Basic Multilingual Plane.
    private static bool IsWide(char c) => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';
}
