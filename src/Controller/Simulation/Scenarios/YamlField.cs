using YamlDotNet.RepresentationModel;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>One key of a YAML mapping with its value; the key node is kept so errors can point at it.</summary>
internal sealed record YamlField(string Key, YamlNode KeyNode, YamlNode Value);
