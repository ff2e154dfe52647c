namespace HydroOxygen.Controller.Core;

/// <summary>One step of a plan as the tick uses it: indices into the program and region tables, no strings.</summary>
public readonly record struct PlanStep(int ProgramIndex, double SetpointMpa, int RegionIndex, int Passes);

/// <summary>
/// The configured plans resolved once, at construction, into what the tick can index: each step's
/// program index, setpoint, region index and passes; the regions named once in a table of their own.
/// Names stay at the edges (API, screen, records, trace), which look them up by index.
/// </summary>
public sealed class PlanTable
{
    private readonly PlanStep[] _steps;
    private readonly int[] _first;
    private readonly int[] _count;

    public PlanTable(IReadOnlyList<PlanDefinition> plans, IReadOnlyList<ProgramDefinition> programs)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(programs);
        Plans = plans;
        var regions = new List<string>();
        var steps = new List<PlanStep>();
        _first = new int[plans.Count];
        _count = new int[plans.Count];
        for (var p = 0; p < plans.Count; p++)
        {
            _first[p] = steps.Count;
            _count[p] = plans[p].Steps.Length;
            foreach (var step in plans[p].Steps)
            {
                var program = IndexOf(programs.Select(x => x.Name), step.Program);
                var region = IndexOf(regions, step.Region);
                if (region < 0)
                {
                    region = regions.Count;
                    regions.Add(step.Region);
                }

                var setpoint = step.SetpointMpa ?? (program >= 0 ? programs[program].SetpointMpa : double.NaN);
                steps.Add(new PlanStep(program, setpoint, region, step.Passes));
            }
        }

        _steps = [.. steps];
        Regions = regions;
    }

    public IReadOnlyList<PlanDefinition> Plans { get; }

    /// <summary>Every region the plans name, each once, in order of first appearance.</summary>
    public IReadOnlyList<string> Regions { get; }

    public int Count => _first.Length;

    public int StepCount(int plan) => (uint)plan < (uint)_count.Length ? _count[plan] : 0;

    public bool HasStep(int plan, int step) => (uint)plan < (uint)_count.Length && (uint)step < (uint)_count[plan];

    public PlanStep Step(int plan, int step) => _steps[_first[plan] + step];

    /// <summary>A plan's index by name (case-insensitive); -1 if there is none. Not for the tick.</summary>
    public int PlanIndex(string name) => IndexOf(Plans.Select(p => p.Name), name);

    /// <summary>A plan's name, or "" for none.</summary>
    public string PlanName(int plan) => (uint)plan < (uint)Plans.Count ? Plans[plan].Name : "";

    /// <summary>A region's name, or "" for none.</summary>
    public string RegionName(int region) => (uint)region < (uint)Regions.Count ? Regions[region] : "";

    private static int IndexOf(IEnumerable<string> names, string name)
    {
        var i = 0;
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }

            i++;
        }

        return -1;
    }
}
