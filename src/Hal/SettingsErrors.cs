using System.Globalization;

namespace HydroOxygen.Hal;

/// <summary>
/// The one way settings are checked, in the HAL, the simulator and the controller alike: every
/// problem is collected (not the first thrown), each under the full key of the setting at fault.
/// </summary>
/// <remarks>
/// <see cref="Section"/> gives a view one level down that adds to the same list, so a nested
/// options record checks its own keys without knowing where it sits. Scenario files name keys in
/// snake_case: a key style passed at the top applies to every key below.
/// </remarks>
public sealed class SettingsErrors
{
    private readonly List<SettingProblem> _problems;
    private readonly string _prefix;
    private readonly Func<string, string> _keyStyle;
    private readonly string _separator;

    /// <param name="prefix">The key of the section checked (<c>Device:RaspberryPi</c>); empty at the top.</param>
    /// <param name="keyStyle">How a property name is written as a key (scenario files: <c>liquid_ml</c>).</param>
    /// <param name="separator">Between a section and its keys: <c>:</c> in the configuration, <c>.</c> in scenario files.</param>
    public SettingsErrors(string prefix = "", Func<string, string>? keyStyle = null, string separator = ":")
        : this(prefix, [], keyStyle ?? (name => name), separator)
    {
    }

    private SettingsErrors(string prefix, List<SettingProblem> problems, Func<string, string> keyStyle, string separator)
    {
        _prefix = prefix;
        _problems = problems;
        _keyStyle = keyStyle;
        _separator = separator;
    }

    public IReadOnlyList<SettingProblem> Problems => _problems;

    /// <summary>The problems as English lines, <c>key: problem</c>.</summary>
    public IReadOnlyList<string> Messages => [.. _problems.Select(p => p.ToString())];

    /// <summary>A property's name as this section's keys write it (<c>LiquidMl</c>, or <c>liquid_ml</c> in a scenario file).</summary>
    public string Name(string property) => _keyStyle(property);

    public SettingsErrors Section(string name) => new(KeyOf(name), _problems, _keyStyle, _separator);

    public void Add(string key, string id, string english, params object?[] arguments) =>
        _problems.Add(new SettingProblem(KeyOf(key), id, english, arguments));

    public void Range(double value, double min, double max, string key)
    {
        if (!(value >= min && value <= max))
        {
            Add(key, "Range", "must be within {0}–{1}, was {2}", N(min), N(max), N(value));
        }
    }

    /// <summary>The same, with the unit after the range ("must be within 0.5–60 s").</summary>
    public void Range(double value, double min, double max, string unit, string key)
    {
        if (!(value >= min && value <= max))
        {
            Add(key, "RangeUnit", "must be within {0}–{1} {3}, was {2}", N(min), N(max), N(value), unit);
        }
    }

    /// <summary>A figure that must be above zero and at most <paramref name="max"/> (a limit or a tolerance).</summary>
    public void AboveZeroAtMost(double value, double max, string key)
    {
        if (!(value > 0 && value <= max))
        {
            Add(key, "AboveZeroAtMost", "must be above 0 and at most {0}, was {1}", N(max), N(value));
        }
    }

    public void Positive(double value, string key)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            Add(key, "Positive", "must be a positive number, was {0}", N(value));
        }
    }

    public void ZeroOrMore(double value, string key)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            Add(key, "ZeroOrMore", "must be zero or more, was {0}", N(value));
        }
    }

    public void OneOf<TEnum>(TEnum value, string key)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(key, "OneOf", "must be one of {0}", string.Join(", ", Enum.GetNames<TEnum>()));
        }
    }

    public void Directory(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(key, "Directory", "must name a directory");
        }
    }

    /// <summary>For a constructor that must refuse what it is given: every problem in one exception.</summary>
    public static void ThrowIfAny(IReadOnlyList<SettingProblem> problems, string what)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"{what}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>A figure as the configuration writes it (invariant culture, shortest round trip).</summary>
    public static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    private string KeyOf(string name) => _prefix.Length == 0 ? _keyStyle(name) : $"{_prefix}{_separator}{_keyStyle(name)}";
}
