using System.Globalization;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// One column of the simulation trace (DESIGN §3.2): its contract name, how to read it from a
/// sample, how to write it, and how to understand a value an expectation compares it with.
/// </summary>
public sealed class TraceColumn
{
    private static readonly string[] FlagNames = ["0", "1"];

    private readonly TraceField _read;
    private readonly string[] _names;
    private readonly string _numberFormat;

    private TraceColumn(string name, TraceColumnKind kind, TraceField read, string description, int decimals, string[] names)
    {
        Name = name;
        Kind = kind;
        Description = description;
        Decimals = decimals;
        _read = read;
        _names = names;
        _numberFormat = "F" + decimals.ToString(CultureInfo.InvariantCulture);
    }

    public string Name { get; }
    public TraceColumnKind Kind { get; }
    public string Description { get; }

    /// <summary>Decimals written for a <see cref="TraceColumnKind.Number"/> column.</summary>
    public int Decimals { get; }

    /// <summary>The names a choice or set column can hold (in code order), or 0 and 1 for a flag; empty for numbers.</summary>
    public IReadOnlyList<string> Values => _names;

    public static TraceColumn Number(string name, int decimals, string description, TraceField read) =>
        new(name, TraceColumnKind.Number, read, description, decimals, []);

    public static TraceColumn Flag(string name, string description, TraceField read) =>
        new(name, TraceColumnKind.Flag, read, description, 0, FlagNames);

    /// <summary>A column holding one of <paramref name="names"/>, read as the index into them.</summary>
    public static TraceColumn Choice(string name, IReadOnlyList<string> names, string description, TraceField read) =>
        new(name, TraceColumnKind.Choice, read, description, 0, [.. names]);

    /// <summary>A column holding a subset of <paramref name="names"/>, read as a bit mask (bit i = names[i]).</summary>
    public static TraceColumn Set(string name, IReadOnlyList<string> names, string description, TraceField read) =>
        names.Count <= 32
            ? new(name, TraceColumnKind.Set, read, description, 0, [.. names])
            : throw new ArgumentOutOfRangeException(nameof(names), names.Count, "A set column holds at most 32 names.");

    public double Read(in TraceSample sample) => _read(in sample);

    /// <summary>Writes a value the way the CSV holds it, without allocating; false if it does not fit.</summary>
    public bool TryFormat(double value, Span<char> destination, out int written)
    {
        switch (Kind)
        {
            case TraceColumnKind.Number:
                return value.TryFormat(destination, out written, _numberFormat, CultureInfo.InvariantCulture);
            case TraceColumnKind.Set:
                return TryFormatSet((uint)value, destination, out written);
            default:
                var text = NameOf(value);
                written = text.Length;
                return text.AsSpan().TryCopyTo(destination);
        }
    }

    public string Format(double value)
    {
        Span<char> buffer = stackalloc char[512];
        return TryFormat(value, buffer, out var written) ? new string(buffer[..written]) : value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Understands a value written in an expectation: 0/1/false/true for a flag, a name for a choice,
    /// a member name for a set (giving its bit). Names compare without regard to case.
    /// </summary>
    public bool TryParseValue(string text, out double value)
    {
        value = 0;
        if (Kind == TraceColumnKind.Flag)
        {
            switch (text.Trim().ToUpperInvariant())
            {
                case "0" or "FALSE":
                    return true;
                case "1" or "TRUE":
                    value = 1;
                    return true;
                default:
                    return false;
            }
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i].Length > 0 && string.Equals(_names[i], text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = Kind == TraceColumnKind.Set ? 1u << i : i;
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of every member present in a set value, or of every choice value present in a mask of codes.</summary>
    public IEnumerable<string> NamesIn(uint mask)
    {
        for (var i = 0; i < _names.Length && i < 32; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                yield return _names[i];
            }
        }
    }

    private string NameOf(double value)
    {
        var index = (int)value;
        return index >= 0 && index < _names.Length ? _names[index] : "?";
    }

    private bool TryFormatSet(uint bits, Span<char> destination, out int written)
    {
        written = 0;
        for (var i = 0; i < _names.Length; i++)
        {
            if ((bits & (1u << i)) == 0)
            {
                continue;
            }

            var separator = written > 0 ? 1 : 0;
            if (written + separator + _names[i].Length > destination.Length)
            {
                return false;
            }

            if (separator == 1)
            {
                destination[written++] = ';';
            }

            _names[i].AsSpan().CopyTo(destination[written..]);
            written += _names[i].Length;
        }

        return true;
    }
}
