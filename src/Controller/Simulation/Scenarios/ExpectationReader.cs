using YamlDotNet.RepresentationModel;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Reads the <c>expect:</c> list. Each entry has one window key (<c>at</c>, <c>during</c>,
/// <c>sometime</c>) and one or more trace columns with their conditions; any other key is an
/// unknown column.
/// </summary>
internal sealed class ExpectationReader(YamlReader reader, TraceColumns columns, double durationS)
{
    private static readonly string[] WindowKeys = ["at", "during", "sometime"];

    private readonly ConditionReader _conditions = new(reader);

    public IReadOnlyList<Expectation> Read(YamlField field)
    {
        var list = reader.Sequence(field.Value, "expect");
        if (list is null)
        {
            return [];
        }

        var expectations = new List<Expectation>();
        foreach (var item in list.Children)
        {
            if (ReadExpectation(item) is { } expectation)
            {
                expectations.Add(expectation);
            }
        }

        return expectations;
    }

    private Expectation? ReadExpectation(YamlNode node)
    {
        var fields = reader.Fields(node, "an expectation", [.. WindowKeys, .. columns.Names]);
        if (fields is null)
        {
            return null;
        }

        var windows = WindowKeys.Where(fields.Has).ToList();
        if (windows.Count != 1)
        {
            reader.Report(node, windows.Count == 0
                ? "an expectation needs one of at, during or sometime"
                : $"an expectation has exactly one of at, during or sometime, this one has {string.Join(" and ", windows)}");
            return null;
        }

        var window = ReadWindow(fields[windows[0]]!);
        var conditions = new List<Condition>();
        var valid = window is not null;
        foreach (var column in fields.All.Where(f => !WindowKeys.Contains(f.Key)))
        {
            if (_conditions.Read(columns[column.Key], column) is { } condition)
            {
                conditions.Add(condition);
            }
            else
            {
                valid = false;
            }
        }

        if (fields.Node.Children.Count == 1)
        {
            reader.Report(node, $"an expectation needs at least one trace column to check (one of {string.Join(", ", columns.Names)})");
            return null;
        }

        return valid ? new Expectation(window!.Value, conditions, reader.LocationOf(node)) : null;
    }

    private ExpectationWindow? ReadWindow(YamlField field)
    {
        if (field.Key == "at")
        {
            return reader.TimeWithin(field.Value, "expectation time 'at'", durationS) is { } at ? ExpectationWindow.At(at) : null;
        }

        if (field.Value is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            reader.Report(field.Value, $"{field.Key} must be a pair of times, e.g. {field.Key}: [10s, 29s]");
            return null;
        }

        var start = reader.TimeWithin(pair.Children[0], $"start of the {field.Key} window", durationS);
        var end = reader.TimeWithin(pair.Children[1], $"end of the {field.Key} window", durationS);
        if (start is not { } a || end is not { } b)
        {
            return null;
        }

        if (a > b)
        {
            reader.Report(field.Value, $"the {field.Key} window ends ({DurationText.Format(b)}) before it starts ({DurationText.Format(a)})");
            return null;
        }

        return field.Key == "during" ? ExpectationWindow.During(a, b) : ExpectationWindow.Sometime(a, b);
    }
}
