using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// The string table as an <see cref="IStringLocalizer"/>: in the current UI culture (set per
/// request by the request localisation middleware), or in a fixed one (logs stay English; the
/// command line and the plot choose theirs). Formatting is culture-neutral: numbers are formatted
/// by the callers, with the precision a person needs.
/// </summary>
public sealed class ResourceText(CultureInfo? culture = null) : IStringLocalizer<Strings>
{
    public static readonly ResourceManager Resources = new("HydroOxygen.Controller.Resources.Strings", typeof(Strings).Assembly);

    /// <summary>Follows <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public static ResourceText Current { get; } = new();

    /// <summary>English: for logs, session records' details and scripts' defaults.</summary>
    public static ResourceText English { get; } = new(Languages.Culture(Languages.English));

    public static ResourceText For(string language) => new(Languages.Culture(language));

    public CultureInfo Culture => culture ?? CultureInfo.CurrentUICulture;

    /// <summary>The device language this text is in.</summary>
    public string Language => Languages.Normalize(Culture.Name) ?? Languages.English;

    public LocalizedString this[string name]
    {
        get
        {
            var value = Resources.GetString(name, Culture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var value = Resources.GetString(name, Culture);
            return new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, value ?? name, arguments), resourceNotFound: value is null);
        }
    }

    /// <summary>The text of a key, or null where there is none (a configured program with no entry, say).</summary>
    public string? Find(string name) => Resources.GetString(name, Culture);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        if (includeParentCultures)
        {
            Add(table, Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));
        }

        Add(table, Resources.GetResourceSet(Culture, createIfNotExists: true, tryParents: false));
        return table.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new LocalizedString(e.Key, e.Value, resourceNotFound: false));
    }

    /// <summary>The keys one language's own file holds (no fallback): what the missing-key test compares.</summary>
    public static IReadOnlySet<string> KeysOf(string language)
    {
        var culture = language == Languages.English ? CultureInfo.InvariantCulture : Languages.Culture(language);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is { } set)
        {
            foreach (DictionaryEntry entry in set)
            {
                keys.Add((string)entry.Key);
            }
        }

        return keys;
    }

    private static void Add(Dictionary<string, string> table, ResourceSet? set)
    {
        if (set is null)
        {
            return;
        }

        foreach (DictionaryEntry entry in set)
        {
            if (entry.Value is string value)
            {
                table[(string)entry.Key] = value;
            }
        }
    }
}
