using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace HydroOxygen.Architecture.Tests;

/// <summary>The project's three assemblies as ArchUnitNET reads them: every type and what it uses, from the IL.</summary>
internal static class ProjectTypes
{
    public static ArchUnitNET.Domain.Architecture Architecture { get; } = new ArchLoader()
        .LoadAssemblies(
            typeof(Controller.Program).Assembly,
            typeof(Simulator.Plant.SprayPlant).Assembly,
            typeof(Hal.Pressure).Assembly)
        .Build();

    /// <summary>
    /// The project's namespaces and which others each one uses (generic parameters, which the
    /// loader files under whatever namespace declared them first, left out).
    /// </summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> NamespaceGraph()
    {
        var graph = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in Architecture.Types)
        {
            var from = type.Namespace.FullName;
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies)
            {
                if (dependency.Target is GenericParameter || dependency.Target?.Namespace?.FullName is not { } to)
                {
                    continue;
                }

                if (to != from && to.StartsWith("HydroOxygen.", StringComparison.Ordinal))
                {
                    uses.Add(to);
                }
            }
        }

        return graph;
    }
}
