using HydroOxygen.Controller.Cli;

namespace HydroOxygen.Controller.Tests.Scenarios;

/// <summary>
/// Every scenario in the repository's <c>scenarios/</c> folder — the example sessions and one per
/// fault of DESIGN §3.1 — runs and passes.
/// </summary>
public sealed class ScenarioFileTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in AllScenarios())
        {
            data.Add(scenario);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_passes(string scenario) => AssertPasses(scenario);

    /// <summary>The same scenarios through the real Raspberry Pi drivers over register-level fake chips.</summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_passes_on_the_hardware_drivers(string scenario) => AssertPasses(scenario, "--backend", "drivers");

    [Fact]
    public void Every_fault_of_the_design_has_a_scenario()
    {
        var all = AllScenarios().ToHashSet(StringComparer.Ordinal);

        Assert.All(Simulator.Plant.FaultNames.AllKinds, fault => Assert.Contains($"faults/{fault}.yaml", all));
    }

    private static IEnumerable<string> AllScenarios() =>
        Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.yaml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryPaths.Scenarios, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static void AssertPasses(string scenario, params string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = SimulateCommand.Run([Path.Combine(RepositoryPaths.Scenarios, scenario), "--quiet", .. options], stdout, stderr);

        Assert.True(code == 0, $"simulate {scenario} exited {code}\n{stdout}{stderr}");
    }
}
