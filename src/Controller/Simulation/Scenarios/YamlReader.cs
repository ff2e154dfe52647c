using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Reads typed values out of YAML nodes for the scenario parser. Every problem is recorded with the
/// node's line and column and reading goes on, so one pass finds every mistake in a file; a method
/// that cannot produce a value returns null after recording why.
/// </summary>
internal sealed class YamlReader(string sourcePath)
{
    private readonly List<ScenarioError> _errors = [];

    public string SourcePath => sourcePath;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The problems found so far, in the order they appear in the file.</summary>
    public IReadOnlyList<ScenarioError> Errors =>
        [.. _errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column)];

    public SourceLocation LocationOf(YamlNode node) => Location((int)node.Start.Line, (int)node.Start.Column);

    public SourceLocation Location(int line, int column) => new(sourcePath, line, column);

    public void Report(YamlNode node, string message) => _errors.Add(new ScenarioError(LocationOf(node), message));

    public void Report(SourceLocation location, string message) => _errors.Add(new ScenarioError(location, message));

    /// <summary>
    /// The keys of a mapping with their values, after checking that every key is a plain name from
    /// <paramref name="allowed"/>. Unknown keys are errors: a misspelt key silently ignored is a
    /// scenario that does not test what its author thinks.
    /// </summary>
    public YamlFields? Fields(YamlNode node, string what, IReadOnlyList<string> allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Report(node, $"{what} must be a mapping of keys to values");
            return null;
        }

        var fields = new Dictionary<string, YamlField>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Report(keyNode, $"the keys of {what} must be plain names");
                continue;
            }

            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Report(keyNode, $"unknown key '{key}' in {what} ({Spelling.DidYouMean(key, allowed)}expected {OneOf(allowed)})");
                continue;
            }

            fields[key] = new YamlField(key, keyNode, value);
        }

        return new YamlFields(mapping, fields);
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Report(node, $"{what} must be a list");
        return null;
    }

    /// <summary>A scalar's text; null (after reporting) for a mapping, a list or an empty value.</summary>
    public string? Text(YamlNode node, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            Report(node, $"{what} must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
            return null;
        }

        if (IsNull(scalar))
        {
            Report(node, $"{what} needs a value");
            return null;
        }

        return scalar.Value!;
    }

    public double? Number(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Report(node, $"{what} must be a number, not '{text}'");
        return null;
    }

    public int? Integer(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(node, $"{what} must be a whole number, not '{text}'");
        return null;
    }

    public bool? Boolean(YamlNode node, string what)
    {
        var text = Text(node, what);
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Report(node, $"{what} must be true or false, not '{text}'");
                return null;
        }
    }

    /// <summary>A duration in seconds (<see cref="DurationText"/>).</summary>
    public double? Duration(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (DurationText.TryParse(text, out var seconds, out var problem))
        {
            return seconds;
        }

        Report(node, $"{what}: {problem}");
        return null;
    }

    /// <summary>A time within the scenario, <c>[0, duration]</c>.</summary>
    public double? TimeWithin(YamlNode node, string what, double durationS)
    {
        var time = Duration(node, what);
        if (time > durationS)
        {
            Report(node, $"{what} {DurationText.Format(time.Value)} is after the end of the scenario (duration {DurationText.Format(durationS)})");
            return null;
        }

        return time;
    }

    public static string OneOf(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : "one of " + string.Join(", ", list);
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Value is null
        || (scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any
            && scalar.Value is "" or "~" or "null" or "Null" or "NULL");
}
