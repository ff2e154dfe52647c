using HydroOxygen.Controller.Hosting;
using Microsoft.Extensions.Configuration;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Controller.Tests.Hosting;

public class ConfigurationValidationTests
{
    private static IReadOnlyList<string> Problems(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        ControllerHost.TryReadOptions(configuration, out _, out _, out _, out var problems);
        return problems;
    }

    [Fact]
    public void The_repository_defaults_are_valid()
    {
        Assert.Empty(Problems());
    }

    /// <summary>Every options section checks itself into the one collector: a bad value in each is named by its full key.</summary>
    [Theory]
    [InlineData("Controller:LoopRateHz", "5")]
    [InlineData("Controller:Regulator:VentB", "0.95")]
    [InlineData("Controller:Safety:UnderPressureAfterS", "100")]
    [InlineData("Controller:Sequence:ShutdownTimeoutS", "0")]
    [InlineData("Controller:Supply:CompressorFlowLpm", "0")]
    [InlineData("Controller:LiquidFeed:ThresholdMpa", "0.9")]
    [InlineData("Device:StopTimeoutS", "0")]
    [InlineData("Device:RaspberryPi:InletPwmFrequencyHz", "10")]
    [InlineData("Device:Simulator:Plant:PolytropicExponent", "2")]
    [InlineData("Log:RetainedDays", "0")]
    [InlineData("Records:CheckpointS", "0.1")]
    [InlineData("Service:LeaseS", "1")]
    [InlineData("Service:Calibration:MinSpanMpa", "0.01")]
    [InlineData("Service:LeakTest:PressureMpa", "0.9")]
    [InlineData("Ui:Language", "xx")]
    [InlineData("Api:AllowedHosts:0", "*")]
    [InlineData("Telemetry:SampleIntervalS", "0")]
    [InlineData("Supplies:CheckpointS", "0")]
    public void A_bad_value_in_each_section_is_named_by_its_key(string key, string value)
    {
        // The Pi's wiring and the simulated plant are checked for the backend that uses both.
        var problem = Assert.Single(Problems(("Device:Backend", "SimulatedHardware"), (key, value)));
        Assert.StartsWith(key + ":", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_value_is_named_with_its_key_and_range()
    {
        var problem = Assert.Single(Problems(("Controller:LoopRateHz", "5")));
        Assert.Contains("Controller:LoopRateHz", problem, StringComparison.Ordinal);
        Assert.Contains("50–2000", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_named()
    {
        var problem = Assert.Single(Problems(("Controller:Safety:OverPressureTripMpa", "high")));
        Assert.Contains("OverPressureTripMpa", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_an_error_not_ignored()
    {
        var problem = Assert.Single(Problems(("Controller:Regulator:ProportionalGian", "100")));
        Assert.Contains("ProportionalGian", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trip_above_the_relief_valve_is_refused()
    {
        var problem = Assert.Single(Problems(("Controller:Safety:OverPressureTripMpa", "0.72")));
        Assert.Contains("Controller:Safety:OverPressureTripMpa", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_startup_program_that_needs_oxygen_cannot_start_on_compressor_gas()
    {
        var problems = Problems(("Controller:StartupProgram", "acne"), ("Controller:StartupGasSource", "Compressor"));
        Assert.Contains(problems, p => p.Contains("StartupGasSource", StringComparison.Ordinal) && p.Contains("requires oxygen", StringComparison.Ordinal));
    }

    [Fact]
    public void Programs_are_validated_entry_by_entry()
    {
        var problems = Problems(
            ("Controller:Programs:0:Name", "eye"),
            ("Controller:Programs:0:SetpointMpa", "0.40"),
            ("Controller:Programs:0:CeilingMpa", "0.35"),
            ("Controller:Programs:1:Name", "eye"),
            ("Controller:Programs:1:SetpointMpa", "0.3"),
            ("Controller:StartupProgram", "eye"));
        Assert.Contains(problems, p => p.StartsWith("Controller:Programs:0:SetpointMpa", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Controller:Programs:1:Name", StringComparison.Ordinal) && p.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_backend_and_a_bad_plant_parameter_are_named()
    {
        Assert.Contains(Problems(("Device:Backend", "Arduino")), p => p.Contains("Device", StringComparison.Ordinal));
        Assert.Contains(Problems(("Device:Simulator:Plant:ManifoldMl", "-3")), p => p.StartsWith("Device:Simulator:Plant:ManifoldMl: must be a positive number", StringComparison.Ordinal));
    }
}
