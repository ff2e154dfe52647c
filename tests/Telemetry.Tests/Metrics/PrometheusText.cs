using System.Globalization;
using System.Text.RegularExpressions;

namespace HydroOxygen.Telemetry.Tests.Metrics;

/// <summary>A small reader of the Prometheus text format (0.0.4): types, and samples by name and labels.</summary>
internal sealed partial class PrometheusText
{
    private PrometheusText(Dictionary<string, string> types, List<(string Name, string Labels, double Value)> samples)
    {
        Types = types;
        Samples = samples;
    }

    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<(string Name, string Labels, double Value)> Samples { get; }

    public static PrometheusText Parse(string text)
    {
        var types = new Dictionary<string, string>();
        var samples = new List<(string, string, double)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# EOF", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }

            var match = Sample().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"not a Prometheus sample line: '{line}'");
            }

            samples.Add((match.Groups["name"].Value, match.Groups["labels"].Value, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new PrometheusText(types, samples);
    }

    /// <summary>The one sample of <paramref name="name"/> whose labels contain <paramref name="label"/> (or the only one).</summary>
    public double Value(string name, string? label = null) =>
        Samples.Single(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Value;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex Sample();
}
