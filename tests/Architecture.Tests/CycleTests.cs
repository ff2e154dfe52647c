namespace HydroOxygen.Architecture.Tests;

/// <summary>
/// No namespace of src uses another that uses it back, directly or around a loop (DESIGN §5: not
/// "a web of namespaces that use each other"). The namespace graph is ArchUnitNET's, read from the IL.
/// </summary>
public sealed class CycleTests
{
    /// <summary>
    /// Cycles that are known and being removed elsewhere; each must still exist (the second test),
    /// so that its line is deleted as soon as it is gone. None today: the service procedures, once
    /// Core ↔ Core.Service, are units of the step in the Core namespace (their folder groups them).
    /// </summary>
    private static readonly string[][] Known =
    [
    ];

    [Fact]
    public void No_namespace_is_part_of_a_cycle()
    {
        var graph = ProjectTypes.NamespaceGraph();
        var cycles = StronglyConnected(graph)
            .Where(c => !Known.Any(k => k.Order(StringComparer.Ordinal).SequenceEqual(c)))
            .Select(c => Describe(c, graph))
            .ToList();

        Assert.True(cycles.Count == 0, "namespaces that use each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Every_known_cycle_is_still_there()
    {
        var cycles = StronglyConnected(ProjectTypes.NamespaceGraph());
        foreach (var known in Known)
        {
            Assert.True(
                cycles.Any(c => c.SequenceEqual(known.Order(StringComparer.Ordinal))),
                $"the cycle {string.Join(" ↔ ", known)} is gone: remove it from {nameof(CycleTests)}.{nameof(Known)}");
        }
    }

    /// <summary>Groups of namespaces that reach each other (Tarjan), each sorted; single namespaces left out.</summary>
    internal static List<string[]> StronglyConnected(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<string[]>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.TryGetValue(node, out var uses) ? uses : [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next) && index.TryGetValue(next, out var reached))
                {
                    low[node] = Math.Min(low[node], reached);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);

                if (group.Count > 1)
                {
                    groups.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in graph.Keys)
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return groups;
    }

    private static string Describe(string[] cycle, IReadOnlyDictionary<string, SortedSet<string>> graph) =>
        string.Join("\n", cycle.SelectMany(from => graph[from].Where(cycle.Contains).Select(to => $"  {from} -> {to}")));
}
