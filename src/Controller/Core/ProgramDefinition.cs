namespace HydroOxygen.Controller.Core;

/// <summary>
/// A treatment program (DESIGN §2.6): the pressure it starts at, the pressure it may never exceed,
/// and whether it needs oxygen.
/// </summary>
public sealed record ProgramDefinition
{
    public string Name { get; init; } = "";
    public double SetpointMpa { get; init; }

    /// <summary>The highest setpoint the technician may choose in this program.</summary>
    public double CeilingMpa { get; init; } = PressureLimits.MaxSetpointMpa;

    public bool RequiresOxygen { get; init; }
    public string Description { get; init; } = "";

    public static IReadOnlyList<ProgramDefinition> Defaults { get; } =
    [
        new() { Name = "acne", SetpointMpa = 0.45, RequiresOxygen = true, Description = "acne treatment; oxygen only (the bacteria are anaerobic)" },
        new() { Name = "cleanse", SetpointMpa = 0.40, Description = "deep cleansing" },
        new() { Name = "eye", SetpointMpa = 0.30, CeilingMpa = 0.35, Description = "lower eyelid and around the eyes; gentle, capped" },
        new() { Name = "nourish", SetpointMpa = 0.30, CeilingMpa = 0.40, Description = "weak, gentle pressure over large areas" },
        new() { Name = "custom", SetpointMpa = 0.45, Description = "technician's choice within the full range" },
    ];
}
