namespace HydroOxygen.Hal;

/// <summary>A section's problems as a list: what a caller that checks one section on its own wants.</summary>
public static class SettingsSectionProblems
{
    /// <summary>Every problem with <paramref name="section"/>, each under <c>prefix:key</c>; empty when valid.</summary>
    public static IReadOnlyList<SettingProblem> Problems(this ISettingsSection section, string prefix) =>
        section.Problems(new SettingsErrors(prefix));

    /// <summary>The same, into a collector with its own key style (scenario files: <c>plant.liquid_ml</c>).</summary>
    public static IReadOnlyList<SettingProblem> Problems(this ISettingsSection section, SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(errors);
        section.Validate(errors);
        return errors.Problems;
    }
}
