using System.Text;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>
/// One change to a file's bytes. Positions are fractions of the current length, so a mutation stays
/// meaningful after earlier ones have grown or shrunk the file, and shrinks towards the start.
/// </summary>
internal sealed record Mutation(MutationKind Kind, double Where, double Other, int Value, byte Bits)
{
    /// <summary>Values that break parsers: numbers no double holds, NaN and infinities in every spelling, wrong types, unicode, YAML's tricks.</summary>
    public static readonly string[] Values =
    [
        "1e400", "-1e400", "1e-400", "NaN", ".nan", ".inf", "-.inf", "Infinity", "-Infinity", "99999999999999999999", "-99999999999999999999",
        "-0", "0", "-1", "0x1F", "1_000", "0.45", "30s", "1.5min", "250ms", "1e400s", "99999999999999999999min",
        "\"\"", "null", "~", "true", "[]", "{}", "[1, 2]", "{\"a\": 1}", "\"ünïcödé 酸素 🫧\"", "\"\\u0000\"", "\"\\ud800\"",
        "\"" + new string('x', 10_000) + "\"", "&a x", "*a", "*missing", "!!binary AAAA", "!!python/object:os.system", "? complex\n: key",
        "oxygen", "Compressor", "acne", "RaspberryPi", "SimulatedHardware", "p_out", "leak", "set_pressure", "\t", "\r\n", "#", "- ", ": ", "\"\\",
    ];

    public byte[] ApplyTo(byte[] bytes)
    {
        var at = Position(bytes.Length);
        switch (Kind)
        {
            case MutationKind.FlipByte when bytes.Length > 0:
                var flipped = (byte[])bytes.Clone();
                flipped[Math.Min(at, bytes.Length - 1)] ^= Bits == 0 ? (byte)0x80 : Bits;
                return flipped;
            case MutationKind.Truncate:
                return bytes[..at];
            case MutationKind.DeepNesting:
                var open = Value % 2 == 0 ? "[" : "{\"a\":";
                var close = Value % 2 == 0 ? "]" : "}";
                var depth = 100 + (Value % 900);
                return Splice(bytes, at, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth))));
            case MutationKind.Insert:
                return Splice(bytes, at, Encoding.UTF8.GetBytes(Values[Value % Values.Length]));
            default:
                return LineLevel(bytes);
        }
    }

    public override string ToString() => Kind switch
    {
        MutationKind.FlipByte => $"flip byte at {Where:P1} by 0x{(Bits == 0 ? 0x80 : Bits):X2}",
        MutationKind.Truncate => $"truncate at {Where:P1}",
        MutationKind.DeepNesting => $"nest {100 + (Value % 900)} deep at {Where:P1}",
        MutationKind.Insert or MutationKind.ReplaceValue => $"{Kind} at {Where:P1}: {Show(Values[Value % Values.Length])}",
        _ => $"{Kind} at {Where:P1}{(Kind == MutationKind.SwapLines ? $" with {Other:P1}" : "")}",
    };

    private static string Show(string value) => value.Length > 40 ? value[..20] + $"…({value.Length} chars)" : value.Replace("\n", "\\n", StringComparison.Ordinal);

    private int Position(int length) => Math.Clamp((int)(Where * length), 0, length);

    private byte[] LineLevel(byte[] bytes)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        if (lines.Count == 0)
        {
            return bytes;
        }

        var i = Math.Min((int)(Where * lines.Count), lines.Count - 1);
        var j = Math.Min((int)(Other * lines.Count), lines.Count - 1);
        switch (Kind)
        {
            case MutationKind.DuplicateLine:
                lines.Insert(i, lines[i]);
                break;
            case MutationKind.DeleteLine:
                lines.RemoveAt(i);
                break;
            case MutationKind.SwapLines:
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case MutationKind.ReplaceValue:
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                var value = Values[Value % Values.Length];
                lines[i] = colon < 0 ? value : lines[i][..(colon + 1)] + " " + value + (lines[i].TrimEnd().EndsWith(',') ? "," : "");
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] Splice(byte[] bytes, int at, byte[] insert) => [.. bytes[..at], .. insert, .. bytes[at..]];
}
