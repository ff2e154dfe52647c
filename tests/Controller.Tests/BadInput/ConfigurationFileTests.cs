namespace HydroOxygen.Controller.Tests.BadInput;

/// <summary>
/// Configuration files that are wrong in ways the Hosting tests (which set single keys) do not
/// reach: not JSON, repeated keys, misspelt or mistyped sections, numbers JSON cannot hold,
/// clashing pins. Each gives a problem that names the key or the file; none is ignored.
/// </summary>
public sealed class ConfigurationFileTests
{
    public static TheoryData<string, string> BadFiles => new()
    {
        { """{ "Controller": { "LoopRateHz": 500, }""", "appsettings.json'. Expected depth to be zero" },
        { """{ "Controller": { "LoopRateHz": 500 } } trailing""", "appsettings.json'." },
        { "", "The input does not contain any JSON tokens" },
        { "[1, 2]", "Top-level JSON element must be an object" },
        { "\"Controller\"", "Top-level JSON element must be an object" },
        { """{"Device": {"Backend": "Simulator"}, "Device": {"Backend": "RaspberryPi"}}""", "A duplicate key 'Device:Backend' was found" },
        { """{"Controller": {"LoopRateHz": NaN}}""", "'N' is an invalid start of a value" },
        { """{"Controller": {"LoopRateHz": "NaN"}}""", "Controller:LoopRateHz" },
        { """{"Controller": {"LoopRateHz": "Infinity"}}""", "Controller:LoopRateHz" },
        { """{"Controller": {"LoopRateHz": 1e400}}""", "Controller:LoopRateHz: must be within 50–2000, was Infinity" },
        { """{"Controller": {"LoopRateHz": 99999999999999999999999}}""", "Controller:LoopRateHz" },
        { """{"Controller": {"LoopRateHz": "fast"}}""", "LoopRateHz" },
        { """{"Controller": {"LoopRateHz": [500]}}""", "Controller:LoopRateHz: must be a single value, not a list or a section" },
        { """{"Controller": {"Safety": {"OverPressureTripMpa": {"value": 0.65}}}}""", "Controller:Safety:OverPressureTripMpa: must be a single value" },
        { """{"Controller": {"Programs": [{"Name": ["eye"]}]}}""", "Controller:Programs:0:Name: must be a single value" },
        { """{"Controller": "fast"}""", "Controller: must be a section of settings" },
        { """{"Device": 3}""", "Device: must be a section of settings" },
        { """{"Devise": {"Backend": "Simulator"}}""", "Devise: unknown section in " },
        { """{"Controler": {}}""", "did you mean Controller?" },
        { """{"Device": {"Backend": "Arduino"}}""", "Device" },
        { """{"Device": {"Backend": ""}}""", "Device:Backend" },
        { """{"Controller": {"Safety": {"OverPressureTripMpa": 0.9}}}""", "Controller:Safety:OverPressureTripMpa" },
        { """{"Controller": {"Safety": {"Trip": {"Deeper": {"Deepest": 1}}}}}""", "Trip" },
        { """{"Controller": {"StartupProgram": "acné"}}""", "acné" },
        { """{"Controller": {"StartupGasSource": "Nitrogen"}}""", "StartupGasSource" },
        { """{"Controller": {"Programs": [{"Name": "eye", "SetpointMpa": 0.7, "CeilingMpa": 0.35}]}}""", "Controller:Programs:0:SetpointMpa" },
        { """{"Log": {"RetainedDays": -1}}""", "Log:RetainedDays" },
        { """{"Device": {"Backend": "RaspberryPi", "RaspberryPi": {"SprayValvePin": 21}}}""", "21" },
        { """{"Device": {"Backend": "RaspberryPi", "RaspberryPi": {"FootSwitch": {"Pin": 16}}}}""", "16" },
        { """{"Device": {"Backend": "RaspberryPi", "RaspberryPi": {"VentValvePin": 18}}}""", "18" },
        { """{"Device": {"Backend": "RaspberryPi", "RaspberryPi": {"VentValvePin": 99}}}""", "VentValvePin" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_refused_with_a_problem_naming_it(string json, string says)
    {
        var problems = ConfigurationText.Problems(json);

        Assert.True(problems.Any(p => p.Contains(says, StringComparison.Ordinal)), $"no problem says '{says}': " + string.Join(" | ", problems));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Controller": {}}""")]
    [InlineData("""{"Controller": null, "Device": null}""")]
    [InlineData("""{"Urls": "http://127.0.0.1:5080", "Logging": {"LogLevel": {"Default": "Warning"}}, "AllowedHosts": "*"}""")]
    public void Missing_or_empty_sections_keep_the_defaults_and_the_hosts_own_keys_are_allowed(string json)
    {
        Assert.Empty(ConfigurationText.Problems(json));
    }

    [Fact]
    public void The_shipped_files_are_valid()
    {
        var root = Scenarios.RepositoryPaths.Root;
        Assert.Empty(ConfigurationText.Problems(File.ReadAllText(Path.Combine(root, "src", "Controller", "appsettings.json"))));
        Assert.Empty(ConfigurationText.Problems(File.ReadAllText(Path.Combine(root, "deploy", "raspi", "appsettings.site.json"))));
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_end_up_as_a_value_that_is_refused_by_its_key()
    {
        var problems = ConfigurationText.Problems([.. "{\"Controller\": {\"StartupProgram\": \"ey"u8, 0xFF, .. "e\"}}"u8]);

        Assert.Contains(problems, p => p.StartsWith("Controller:StartupProgram", StringComparison.Ordinal));
    }
}
