using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Localization;

/// <summary>The <c>Ui</c> section of appsettings.json: the screen.</summary>
public sealed record UiOptions : ISettingsSection
{
    public const string Section = "Ui";

    /// <summary>
    /// The device's language (DESIGN §3.5): <c>zh-CN</c> or <c>en</c>. A choice made on the screen
    /// is kept on the device and wins over this until it is changed again.
    /// </summary>
    public string Language { get; init; } = Languages.English;

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Languages.IsExact(Language))
        {
            errors.Add(nameof(Language), "OneOfWas", "must be one of {0}, was '{1}'", string.Join(", ", Languages.All), Language);
        }
    }
}
