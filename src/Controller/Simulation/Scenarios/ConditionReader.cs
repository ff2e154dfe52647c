using System.Globalization;
using YamlDotNet.RepresentationModel;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Reads what an expectation asks of one column. The form depends on the column's kind: numbers
/// take <c>{ min, max }</c>; flags and choices a value or <c>{ not: value }</c>; sets a member,
/// <c>{ contains: member }</c> or <c>{ excludes: member }</c>.
/// </summary>
internal sealed class ConditionReader(YamlReader reader)
{
    private static readonly string[] RangeKeys = ["min", "max"];
    private static readonly string[] ValueKeys = ["not"];
    private static readonly string[] MemberKeys = ["contains", "excludes"];

    public Condition? Read(TraceColumn column, YamlField field) => column.Kind switch
    {
        TraceColumnKind.Number => ReadRange(column, field),
        TraceColumnKind.Set => ReadMembership(column, field),
        _ => ReadEquality(column, field),
    };

    private RangeCondition? ReadRange(TraceColumn column, YamlField field)
    {
        if (field.Value is not YamlMappingNode)
        {
            reader.Report(field.Value, $"{column.Name} is a number column: give bounds, e.g. {column.Name}: {{ min: 0.44, max: 0.46 }}");
            return null;
        }

        var bounds = reader.Fields(field.Value, $"the bounds of {column.Name}", RangeKeys);
        if (bounds is null)
        {
            return null;
        }

        if (bounds.Count == 0)
        {
            reader.Report(field.Value, $"{column.Name} needs min, max or both");
            return null;
        }

        var min = bounds["min"] is { } minField ? reader.Number(minField.Value, $"{column.Name} min") : null;
        var max = bounds["max"] is { } maxField ? reader.Number(maxField.Value, $"{column.Name} max") : null;
        if ((bounds.Has("min") && min is null) || (bounds.Has("max") && max is null))
        {
            return null;
        }

        if (min > max)
        {
            reader.Report(field.Value, string.Create(CultureInfo.InvariantCulture, $"{column.Name}: min {min} is above max {max}"));
            return null;
        }

        return new RangeCondition(column, min, max);
    }

    private EqualityCondition? ReadEquality(TraceColumn column, YamlField field)
    {
        var negated = false;
        var valueNode = field.Value;
        if (field.Value is YamlMappingNode)
        {
            var fields = reader.Fields(field.Value, $"the condition on {column.Name}", ValueKeys);
            if (fields?["not"] is not { } not)
            {
                if (fields is not null)
                {
                    reader.Report(field.Value, $"{column.Name} takes a value, or {{ not: value }}");
                }

                return null;
            }

            negated = true;
            valueNode = not.Value;
        }

        var text = reader.Text(valueNode, column.Name);
        if (text is null)
        {
            return null;
        }

        if (!column.TryParseValue(text, out var value))
        {
            var expected = column.Kind == TraceColumnKind.Flag ? "0, 1, false or true" : YamlReader.OneOf(column.Values.Where(v => v.Length > 0));
            reader.Report(valueNode, $"unknown {column.Name} '{text}' ({Spelling.DidYouMean(text, column.Values)}expected {expected})");
            return null;
        }

        return new EqualityCondition(column, value, negated);
    }

    private MembershipCondition? ReadMembership(TraceColumn column, YamlField field)
    {
        var excludes = false;
        var memberNode = field.Value;
        if (field.Value is YamlMappingNode)
        {
            var fields = reader.Fields(field.Value, $"the condition on {column.Name}", MemberKeys);
            if (fields is null)
            {
                return null;
            }

            if (fields.Count != 1)
            {
                reader.Report(field.Value, $"{column.Name} takes exactly one of contains or excludes");
                return null;
            }

            var only = fields.All.Single();
            excludes = only.Key == "excludes";
            memberNode = only.Value;
        }

        var text = reader.Text(memberNode, column.Name);
        if (text is null)
        {
            return null;
        }

        if (!column.TryParseValue(text, out var bit))
        {
            reader.Report(memberNode, $"unknown {column.Name} member '{text}' ({Spelling.DidYouMean(text, column.Values)}expected {YamlReader.OneOf(column.Values)})");
            return null;
        }

        return new MembershipCondition(column, (uint)bit, excludes);
    }
}
