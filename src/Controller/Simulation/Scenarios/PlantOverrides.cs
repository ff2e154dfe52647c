using System.Collections.Frozen;
using System.Reflection;
using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;
using YamlDotNet.RepresentationModel;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// The <c>plant:</c> block: single <see cref="PlantParameters"/> overridden by their snake_case
/// names (<c>liquid_ml: 40</c>). The names come from the record itself, so a parameter added to the
/// plant model can be overridden without touching the parser.
/// </summary>
internal static class PlantOverrides
{
    private static readonly FrozenDictionary<string, PropertyInfo> Parameters =
        typeof(PlantParameters).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && (p.PropertyType == typeof(double) || p.PropertyType == typeof(int) || p.PropertyType == typeof(bool)))
            .ToFrozenDictionary(p => PlantParameters.SnakeCase(p.Name), StringComparer.Ordinal);

    /// <summary>Every name a <c>plant:</c> block accepts, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Parameters.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The default plant with the block's overrides, checked as a whole by <see cref="PlantParameters.Validate(SettingsErrors)"/>.
    /// Any problem leaves the defaults untouched and is reported against the block.
    /// </summary>
    public static PlantParameters Read(YamlField block, YamlReader reader)
    {
        if (block.Value is not YamlMappingNode mapping)
        {
            reader.Report(block.Value, "plant must be a mapping of parameter names to values, e.g. plant: { liquid_ml: 40 }");
            return PlantParameters.Default;
        }

        var parameters = new PlantParameters();
        var valid = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!Parameters.TryGetValue(key, out var property))
            {
                reader.Report(keyNode, UnknownParameter(key));
                valid = false;
                continue;
            }

            object? value = property.PropertyType == typeof(int) ? reader.Integer(valueNode, $"plant.{key}")
                : property.PropertyType == typeof(bool) ? reader.Boolean(valueNode, $"plant.{key}")
                : reader.Number(valueNode, $"plant.{key}");
            if (value is null)
            {
                valid = false;
                continue;
            }

            // Init-only properties are settable through reflection; the record is not shared yet.
            property.SetValue(parameters, value);
        }

        if (!valid)
        {
            return PlantParameters.Default;
        }

        var problems = parameters.Problems(PlantParameters.ScenarioFileKeys());
        foreach (var problem in problems)
        {
            reader.Report(block.KeyNode, problem.ToString());
        }

        return problems.Count == 0 ? parameters : PlantParameters.Default;
    }

    private static string UnknownParameter(string key) =>
        $"unknown plant parameter '{key}'; nothing was changed ({Spelling.DidYouMean(key, Names)}known parameters: {string.Join(", ", Names)})";
}
