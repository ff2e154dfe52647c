using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Startup;
using HydroOxygen.Hal;
using Microsoft.Extensions.Configuration;

namespace HydroOxygen.Controller.Tests.Localization;

/// <summary>
/// Configuration problems speak the terminal's language (DESIGN §3.5): every kind of problem the
/// options report has its sentence in both string tables, the English one the same as the text
/// the problem carries (logs, tests), the Chinese one Chinese, the key and the figures unchanged.
/// </summary>
public sealed class ConfigurationLanguageTests
{
    /// <summary>Ids whose text is someone else's words (the configuration binder, the JSON parser, the broker address parser).</summary>
    private static readonly string[] EnglishOnly = ["Binder", "Unreadable", "Broker"];

    public static TheoryData<string, string> BadSettings() => new()
    {
        { "Controller:LoopRateHz", "NaN" },
        { "Controller:StartupProgram", "peel" },
        { "Device:StopTimeoutS", "0" },
        { "Device:LoopRealtimePriority", "200" },
        { "Device:Simulator:Plant:ManifoldMl", "-3" },
        { "Device:Simulator:Plant:TankReliefC", "-1" },
        { "Device:Simulator:Plant:CompressorStallMpa", "0.5" },
        { "Device:Simulator:Plant:MaxIntegrationStepMs", "0.3" },
        { "Log:RetainedDays", "0" },
        { "Records:CheckpointS", "0" },
        { "Service:LeakTest:LimitMpa", "0" },
        { "Service:EngineerCredentialHash", "plain" },
        { "Ui:Language", "fr" },
        { "Api:AllowedHosts:0", "*.clinic.lan" },
        { "Api:AccessToken", "short" },
        { "Api:AccessTokenFile", "token.txt" },
        { "Telemetry:Site", "a/b" },
        { "Telemetry:KeepAliveS", "1" },
        { "Telemetry:CaFile", "/etc/ca.pem" },
        { "Controller:Safety", "fast" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_problem_reads_the_same_in_English_and_has_Chinese_words(string key, string value)
    {
        var problems = Read((key, value));

        Assert.NotEmpty(problems);
        foreach (var problem in problems.Where(p => !EnglishOnly.Contains(p.Id)))
        {
            Assert.Equal(problem.ToString(), ConfigurationProblemText.Describe(problem, ResourceText.English));
            var chinese = ConfigurationProblemText.Describe(problem, ResourceText.For(Languages.Chinese));
            Assert.StartsWith(problem.Key, chinese, StringComparison.Ordinal);
            Assert.Contains(chinese[problem.Key.Length..], c => c is >= '\u4E00' and <= '\u9FFF');
        }
    }

    [Fact]
    public void The_wiring_problems_of_the_Raspberry_Pi_have_both_languages()
    {
        var problems = Read(
            ("Device:Backend", "RaspberryPi"),
            ("Device:RaspberryPi:VentValvePin", "18"),
            ("Device:RaspberryPi:ChargeValvePin", "40"),
            ("Device:RaspberryPi:OutletAdcAddress", "0x40"),
            ("Device:RaspberryPi:MultiplexedAdcAddress", "banana"),
            ("Device:RaspberryPi:TransducerSupplyVolts", "6"),
            ("Device:RaspberryPi:InletPwmChannel", "3"),
            ("Device:RaspberryPi:GpioChip", "-5"),
            ("Device:RaspberryPi:I2cBus", "-1"),
            ("Device:RaspberryPi:InletCrackingDuty", "2"));

        Assert.True(problems.Count >= 8, string.Join("\n", problems));
        foreach (var problem in problems)
        {
            Assert.NotNull(ResourceText.For(Languages.Chinese).Find("Cli.Config." + problem.Id));
            Assert.Equal(problem.ToString(), ConfigurationProblemText.Describe(problem, ResourceText.English));
        }
    }

    private static IReadOnlyList<SettingProblem> Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return ControllerHost.ReadOptions(configuration, out _).Problems;
    }
}
