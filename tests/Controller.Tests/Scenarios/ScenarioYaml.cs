using HydroOxygen.Controller.Simulation.Scenarios;

namespace HydroOxygen.Controller.Tests.Scenarios;

/// <summary>Parses scenario text the way the command does, naming the file <c>test.yaml</c>.</summary>
internal static class ScenarioYaml
{
    public const string FileName = "test.yaml";

    public static Scenario Parse(string yaml) => ScenarioParser.Default.Parse(yaml, FileName);

    /// <summary>The errors of an invalid scenario as printed: <c>test.yaml:line:column: reason</c>.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        var exception = Assert.Throws<ScenarioException>(() => Parse(yaml));
        Assert.NotEmpty(exception.Errors);
        return [.. exception.Errors.Select(e => e.ToString())];
    }

    /// <summary>The single error of an invalid scenario.</summary>
    public static string Error(string yaml) => Assert.Single(Errors(yaml));
}
