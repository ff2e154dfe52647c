using System.Globalization;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Startup;

/// <summary>
/// A configuration problem in the terminal's language: the key as it is, the sentence from the
/// string table (<c>Cli.Config.&lt;id&gt;</c>) with the problem's own figures. A problem whose id
/// has no entry (the binder's and the JSON parser's own words) is shown in English.
/// </summary>
internal static class ConfigurationProblemText
{
    public static string Describe(SettingProblem problem, ResourceText text)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Find("Cli.Config." + problem.Id) is not { } template)
        {
            return problem.ToString();
        }

        var message = string.Format(CultureInfo.InvariantCulture, template, [.. problem.Arguments]);
        return problem.Key.Length == 0 ? message : $"{problem.Key}: {message}";
    }
}
