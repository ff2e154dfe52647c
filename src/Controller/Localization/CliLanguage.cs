namespace HydroOxygen.Controller.Localization;

/// <summary>
/// The language of the command line's messages for people and of the <c>simulate</c> plot: the
/// terminal's locale (<c>LC_ALL</c>, <c>LC_MESSAGES</c>, <c>LANG</c>, as POSIX orders them), so that
/// an engineer whose terminal is Chinese reads Chinese; English otherwise. Log lines stay English.
/// </summary>
public static class CliLanguage
{
    public static string FromEnvironment(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        foreach (var name in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            if (variable(name) is { Length: > 0 } value)
            {
                // The first one set decides, as in POSIX; "C" and "POSIX" mean English.
                return Languages.Normalize(value) ?? Languages.English;
            }
        }

        return Languages.English;
    }

    public static ResourceText Text() => ResourceText.For(FromEnvironment());
}
