using System.Globalization;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// A sentence for the engineer, kept as a key of the string table (<c>Service.…</c>) and its
/// arguments, so that each edge says it in its own language: the API in the request's, the command
/// line in the terminal's, the logs in English. Arguments that are sentences are said in the same
/// language; numbers are formatted by the text's culture, with the format the table gives.
/// </summary>
public sealed class ServiceText
{
    /// <summary>The key of a sentence that came from elsewhere, already in words (a file system's error, say).</summary>
    public const string VerbatimKey = "Service.Verbatim";

    private readonly object?[] _arguments;

    public ServiceText(string key, params object?[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        _arguments = arguments ?? [];
    }

    public string Key { get; }

    public IReadOnlyList<object?> Arguments => _arguments;

    /// <summary>Text that is not in the table (another component's words): shown as it is in every language.</summary>
    public static ServiceText Verbatim(string text) => new(VerbatimKey, text);

    /// <summary>Words another part of the controller puts together for a language (the control core's refusals).</summary>
    public static ServiceText Said(Func<ResourceText, string> words) => new(VerbatimKey, words);

    /// <summary>The sentence in the language of <paramref name="text"/>.</summary>
    public string In(ResourceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var culture = text.Culture;
        var template = text.Find(Key) ?? Key;
        var arguments = _arguments.Select(a => a switch
        {
            ServiceText sentence => sentence.In(text),
            Func<ResourceText, string> words => words(text),
            SettingProblem problem => Describe(problem, text),
            IEnumerable<SettingProblem> problems => string.Join(text.Language == Languages.Chinese ? "；" : "; ", problems.Select(p => Describe(p, text))),
            IEnumerable<ServiceText> items => string.Join(text.Language == Languages.Chinese ? "、" : ", ", items.Select(s => s.In(text))),
            _ => a,
        }).ToArray();
        return string.Format(culture, template, arguments);
    }

    /// <summary>A setting's problem (a leak test's conditions): its key, and the sentence of its id (<c>Cli.Config.&lt;id&gt;</c>) with its figures.</summary>
    private static string Describe(SettingProblem problem, ResourceText text) =>
        text.Find("Cli.Config." + problem.Id) is { } template
            ? $"{problem.Key}: {string.Format(text.Culture, template, [.. problem.Arguments])}"
            : problem.ToString();

    /// <summary>English: the logs and the exception's message.</summary>
    public override string ToString() => In(ResourceText.English);
}
