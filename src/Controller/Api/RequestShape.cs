using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Api;

/// <summary>What a field must be, in words: a string-table key and its arguments, put into the request's language when shown.</summary>
public sealed class Expectation(string key, params object[] args)
{
    private readonly string? _fixed;

    private Expectation(string text)
        : this("", [])
    {
        _fixed = text;
    }

    /// <summary>A description that is already text (the engineer endpoints' English).</summary>
    public static Expectation Fixed(string text) => new(text);

    public string Text => In(ResourceText.Current);

    public string In(ResourceText text) => _fixed ?? text[key, args];
}

/// <summary>
/// What a request body may contain, in words: each field's name and what it must be. Used to
/// answer a wrong body with the field and its allowed values.
/// </summary>
/// <param name="Example">A valid body, shown when the body is missing or not an object.</param>
/// <param name="Fields">Field name → what it must be (for example "a number of MPa within 0.30–0.60").</param>
/// <param name="BodyRequired">False for commands that take no body (then nothing, or <c>{}</c>, is fine).</param>
public sealed record RequestShape(string Example, IReadOnlyDictionary<string, Expectation> Fields, bool BodyRequired = true)
{
    public RequestShape(string Example, IReadOnlyDictionary<string, string> Fields, bool BodyRequired = true)
        : this(Example, Fields.ToDictionary(f => f.Key, f => Expectation.Fixed(f.Value), StringComparer.Ordinal), BodyRequired)
    {
    }

    public static RequestShape None { get; } = new("{}", new Dictionary<string, Expectation>(), BodyRequired: false);

    public string Expected(string field) => Expected(field, ResourceText.Current);

    public string Expected(string field, ResourceText text) => Fields.TryGetValue(field, out var what) ? what.In(text) : text["Expect.Absent"];

    public string Allowed => Fields.Count == 0 ? ResourceText.Current["Expect.None"] : string.Join(", ", Fields.Keys);
}
