namespace HydroOxygen.Controller.Api;

/// <summary>
/// What a request body may contain, in words: each field's name and what it must be. Used to
/// answer a wrong body with the field and its allowed values.
/// </summary>
/// <param name="Example">A valid body, shown when the body is missing or not an object.</param>
/// <param name="Fields">Field name → what it must be (for example "a number of MPa within 0.30–0.60").</param>
/// <param name="BodyRequired">False for commands that take no body (then nothing, or <c>{}</c>, is fine).</param>
public sealed record RequestShape(string Example, IReadOnlyDictionary<string, string> Fields, bool BodyRequired = true)
{
    public static RequestShape None { get; } = new("{}", new Dictionary<string, string>(), BodyRequired: false);

    public string Expected(string field) => Fields.TryGetValue(field, out var what) ? what : "absent";

    public string Allowed => Fields.Count == 0 ? "none" : string.Join(", ", Fields.Keys);
}
