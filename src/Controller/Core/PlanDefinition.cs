using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// A treatment plan (DESIGN §2.7): the operating guide's procedure as an ordered list of steps, each a
/// face region with its program, setpoint and passes. Plans live in configuration (<c>Controller:Plans</c>).
/// </summary>
public sealed record PlanDefinition
{
    /// <summary>The most steps a plan may have: the tick keeps each step's spray time in a fixed table.</summary>
    public const int MaxSteps = 24;

    public string Name { get; init; } = "";

    public PlanStepDefinition[] Steps { get; init; } = [];

    /// <summary>
    /// The guide's acne procedure, half a face at a time, on oxygen: jaw, cheek, nasolabial fold,
    /// the oily forehead twice, the other half, the nose at a lower pressure, the eye region last on
    /// the capped <c>eye</c> program; and a gentle cleanse and nourish for sensitive skin.
    /// </summary>
    public static IReadOnlyList<PlanDefinition> Defaults { get; } =
    [
        new()
        {
            Name = "acne",
            Steps =
            [
                Step("jaw", "acne"),
                Step("cheek", "acne"),
                Step("nasolabial", "acne"),
                Step("forehead", "acne", passes: 2),
                Step("jaw", "acne"),
                Step("cheek", "acne"),
                Step("nasolabial", "acne"),
                Step("nose", "acne", 0.40),
                Step("eye", "eye"),
            ],
        },
        new()
        {
            Name = "gentle",
            Steps =
            [
                Step("forehead", "cleanse", 0.35),
                Step("cheek", "cleanse", 0.35),
                Step("jaw", "cleanse", 0.35),
                Step("nose", "cleanse", 0.35),
                Step("face", "nourish", passes: 2),
                Step("eye", "eye"),
            ],
        },
    ];

    /// <summary>Adds every problem with the plans, under <c>Plans:&lt;i&gt;:…</c>, judged against the program table.</summary>
    public static void Validate(IReadOnlyList<PlanDefinition> plans, IReadOnlyList<ProgramDefinition> programs, SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(programs);
        ArgumentNullException.ThrowIfNull(errors);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            var key = $"Plans:{i}";
            if (plan is null)
            {
                errors.Add(key, "PlanMissing", "a plan needs a name and steps");
                continue;
            }

            if (string.IsNullOrWhiteSpace(plan.Name))
            {
                errors.Add($"{key}:Name", "PlanNameMissing", "a plan needs a name");
            }
            else if (!names.Add(plan.Name))
            {
                errors.Add($"{key}:Name", "PlanTwice", "plan '{0}' is defined twice", plan.Name);
            }

            var steps = plan.Steps ?? [];
            if (steps.Length == 0)
            {
                errors.Add($"{key}:Steps", "PlanEmpty", "plan '{0}' has no steps", plan.Name);
            }
            else if (steps.Length > MaxSteps)
            {
                errors.Add($"{key}:Steps", "PlanTooLong", "plan '{0}' has {1} steps; at most {2} are allowed", plan.Name, steps.Length, MaxSteps);
            }

            for (var s = 0; s < steps.Length; s++)
            {
                ValidateStep(steps[s], $"{key}:Steps:{s}", programs, errors);
            }
        }
    }

    private static void ValidateStep(PlanStepDefinition? step, string key, IReadOnlyList<ProgramDefinition> programs, SettingsErrors errors)
    {
        if (step is null)
        {
            errors.Add(key, "PlanStepMissing", "a step needs a region and a program");
            return;
        }

        if (string.IsNullOrWhiteSpace(step.Region))
        {
            errors.Add($"{key}:Region", "PlanRegionMissing", "a step needs a region");
        }

        var program = programs.FirstOrDefault(p => string.Equals(p.Name, step.Program, StringComparison.OrdinalIgnoreCase));
        if (program is null)
        {
            errors.Add($"{key}:Program", "ProgramUnknown", "'{0}' is not one of the programs ({1})", step.Program, string.Join(", ", programs.Select(p => p.Name)));
        }
        else if (step.SetpointMpa is { } setpoint)
        {
            errors.Range(setpoint, PressureLimits.MinSetpointMpa, Math.Min(program.CeilingMpa, PressureLimits.MaxSetpointMpa), $"{key}:SetpointMpa");
        }

        errors.Range(step.Passes, 1, 10, $"{key}:Passes");
        foreach (var language in step.Guide?.Keys ?? (IEnumerable<string>)[])
        {
            if (!PlanStepDefinition.GuideLanguages.Contains(language, StringComparer.Ordinal))
            {
                errors.Add($"{key}:Guide:{language}", "GuideLanguage", "'{0}' is not a language of the screen ({1})", language, string.Join(", ", PlanStepDefinition.GuideLanguages));
            }
        }
    }

    private static PlanStepDefinition Step(string region, string program, double? setpointMpa = null, int passes = 1) =>
        new() { Region = region, Program = program, SetpointMpa = setpointMpa, Passes = passes };
}
