using System.Collections.Frozen;

namespace HydroOxygen.Simulator.Plant;

/// <summary>The contract names of faults and targets as scenario files and the API write them.</summary>
public static class FaultNames
{
    private static readonly FrozenDictionary<string, FaultKind> KindsByName =
        Enum.GetValues<FaultKind>().ToFrozenDictionary(k => PlantParameters.SnakeCase(k.ToString()), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, FaultTarget> TargetsByName =
        Enum.GetValues<FaultTarget>().Where(t => t != FaultTarget.None)
            .ToFrozenDictionary(t => PlantParameters.SnakeCase(t.ToString()), StringComparer.Ordinal);

    public static IEnumerable<string> AllKinds => KindsByName.Keys.Order(StringComparer.Ordinal);
    public static IEnumerable<string> AllTargets => TargetsByName.Keys.Order(StringComparer.Ordinal);

    public static string ToName(FaultKind kind) => PlantParameters.SnakeCase(kind.ToString());

    public static string ToName(FaultTarget target) => target == FaultTarget.None ? "" : PlantParameters.SnakeCase(target.ToString());

    public static bool TryParseKind(string? name, out FaultKind kind) => KindsByName.TryGetValue(name ?? "", out kind);

    public static bool TryParseTarget(string? name, out FaultTarget target) => TargetsByName.TryGetValue(name ?? "", out target);
}
