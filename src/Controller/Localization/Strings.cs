[assembly: System.Resources.NeutralResourcesLanguage("en")]

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// The marker of the device's one string table, <c>Resources/Strings.resx</c> (English) and
/// <c>Resources/Strings.zh-CN.resx</c>: <c>IStringLocalizer&lt;Strings&gt;</c>.
/// </summary>
public sealed class Strings
{
    private Strings()
    {
    }
}
