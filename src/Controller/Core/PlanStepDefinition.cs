namespace HydroOxygen.Controller.Core;

/// <summary>
/// One step of a treatment plan (DESIGN §2.7) as configured: the face region, the program it is
/// sprayed with, its setpoint (the program's own when left out), the passes over it, and an
/// optional guide text per language (the string table's text for the region is used otherwise).
/// </summary>
public sealed record PlanStepDefinition
{
    /// <summary>The languages a configured guide text may be given in (the screen's, DESIGN §3.5).</summary>
    public static IReadOnlyList<string> GuideLanguages { get; } = ["en", "zh-CN"];

    /// <summary>The region's name (<c>jaw</c>, <c>cheek</c>, <c>nose</c>, …): shown from the string table's <c>Region.&lt;name&gt;</c>.</summary>
    public string Region { get; init; } = "";

    /// <summary>A program name of the program table.</summary>
    public string Program { get; init; } = "";

    /// <summary>The step's setpoint, MPa; null: the program's.</summary>
    public double? SetpointMpa { get; init; }

    public int Passes { get; init; } = 1;

    /// <summary>Guide text by language tag (<c>en</c>, <c>zh-CN</c>); null or a missing language: the string table's.</summary>
    public Dictionary<string, string>? Guide { get; init; }
}
