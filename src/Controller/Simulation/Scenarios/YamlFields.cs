using YamlDotNet.RepresentationModel;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>The known keys of a YAML mapping, looked up by name.</summary>
internal sealed class YamlFields(YamlMappingNode mapping, IReadOnlyDictionary<string, YamlField> fields)
{
    public YamlMappingNode Node => mapping;

    public int Count => fields.Count;

    /// <summary>The fields in the order they are written.</summary>
    public IEnumerable<YamlField> All => fields.Values.OrderBy(f => f.KeyNode.Start.Line).ThenBy(f => f.KeyNode.Start.Column);

    public bool Has(string key) => fields.ContainsKey(key);

    public YamlField? this[string key] => fields.GetValueOrDefault(key);
}
