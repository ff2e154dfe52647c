using System.Globalization;

namespace HydroOxygen.Controller.Core;

/// <summary>Collects configuration problems, each prefixed with the full key of the setting at fault.</summary>
internal sealed class SettingsErrors
{
    private readonly List<string> _messages;
    private readonly string _prefix;

    public SettingsErrors(string prefix)
        : this(prefix, [])
    {
    }

    private SettingsErrors(string prefix, List<string> messages)
    {
        _prefix = prefix;
        _messages = messages;
    }

    public IReadOnlyList<string> Messages => _messages;

    public SettingsErrors Section(string name) => new($"{_prefix}:{name}", _messages);

    public void Add(string key, string problem) => _messages.Add($"{_prefix}:{key}: {problem}");

    public void Range(double value, double min, double max, string key)
    {
        if (!(value >= min && value <= max))
        {
            Add(key, string.Create(CultureInfo.InvariantCulture, $"must be within {min}–{max}, was {value}"));
        }
    }
}
