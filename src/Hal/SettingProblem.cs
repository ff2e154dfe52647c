using System.Globalization;

namespace HydroOxygen.Hal;

/// <summary>
/// One invalid setting: its full configuration key (<c>Controller:Safety:LoopStallS</c>), a stable
/// id of what is wrong, and the figures. <see cref="Message"/> is the English text (logs, exceptions);
/// a program with a string table shows the id's text in its own language, with the same figures.
/// </summary>
public sealed record SettingProblem(string Key, string Id, string English, IReadOnlyList<object?> Arguments)
{
    public string Message => string.Format(CultureInfo.InvariantCulture, English, [.. Arguments]);

    public override string ToString() => Key.Length == 0 ? Message : $"{Key}: {Message}";
}
