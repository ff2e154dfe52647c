using System.Globalization;

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// The device's two languages (DESIGN §3.5): Simplified Chinese and English. Cultures are made by
/// name (<c>PredefinedCulturesOnly=false</c>), so that they work on the Pi without ICU, in
/// globalisation-invariant mode: resources are found by the culture's name, and the formats a
/// person reads come from the resources, not from ICU's culture data.
/// </summary>
public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    /// <summary>Every language, the device's first.</summary>
    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(Normalize(language) ?? English);

    /// <summary>
    /// The device language a tag or locale names: any Chinese (<c>zh</c>, <c>zh-CN</c>,
    /// <c>zh-Hans</c>, <c>zh_CN.UTF-8</c>) is <c>zh-CN</c>, any English is <c>en</c>; others are null.
    /// </summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_', '.', '@')[0];
        return primary.ToUpperInvariant() switch
        {
            "ZH" => Chinese,
            "EN" => English,
            _ => null,
        };
    }

    /// <summary>The exact tags the configuration and the API accept.</summary>
    public static bool IsExact(string? tag) => tag is not null && All.Contains(tag, StringComparer.Ordinal);
}
