using System.Globalization;
using System.Text.RegularExpressions;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Tests.Scenarios;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Tests.Localization;

/// <summary>
/// The one string table (Resources/Strings.resx and Strings.zh-CN.resx) is complete in both
/// languages: the same keys, no empty text, the same placeholders, and a text for every member of
/// the enums a person reads — so that a new alarm code, command outcome or API error without its
/// words fails here.
/// </summary>
public sealed partial class StringTableTests
{
    private static readonly string[] Both = [Languages.English, Languages.Chinese];

    [Fact]
    public void Both_languages_have_exactly_the_same_keys()
    {
        var english = ResourceText.KeysOf(Languages.English);
        var chinese = ResourceText.KeysOf(Languages.Chinese);

        Assert.True(english.Count > 200, $"only {english.Count} keys in the English table");
        Assert.Empty(english.Except(chinese).Order(StringComparer.Ordinal));
        Assert.Empty(chinese.Except(english).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Strings.resx")]
    [InlineData("Strings.zh-CN.resx")]
    public void No_key_is_written_twice_in_a_table(string file)
    {
        // A resource file with a key twice compiles, and one of the two texts silently wins.
        var path = Path.Combine(RepositoryPaths.Root, "src", "Controller", "Resources", file);
        var names = System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        Assert.Empty(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void No_text_is_empty_and_both_languages_take_the_same_arguments()
    {
        var english = ResourceText.English;
        var chinese = ResourceText.For(Languages.Chinese);
        foreach (var key in ResourceText.KeysOf(Languages.English))
        {
            var en = english.Find(key);
            var zh = chinese.Find(key);
            Assert.False(string.IsNullOrWhiteSpace(en), key);
            Assert.False(string.IsNullOrWhiteSpace(zh), key);
            Assert.True(Placeholders(en!).SetEquals(Placeholders(zh!)), $"{key}: '{en}' and '{zh}' take different arguments");
        }
    }

    [Fact]
    public void Chinese_text_is_Chinese()
    {
        // Keys whose text is a name kept as it is in every language, or a pure format.
        string[] same = ["Language.en", "Error.ClientCodeInvalid", "Error.FaultInvalid", "Error.ServiceRefused"];
        var chinese = ResourceText.For(Languages.Chinese);
        var notChinese = ResourceText.KeysOf(Languages.Chinese)
            .Where(k => !same.Contains(k))
            .Where(k => !chinese.Find(k)!.Any(IsHan) && !chinese.Find(k)!.StartsWith('{'))
            .ToList();
        Assert.Empty(notChinese);
    }

    public static TheoryData<string> AlarmCodes() => [.. Enum.GetNames<AlarmCode>()];

    [Theory]
    [MemberData(nameof(AlarmCodes))]
    public void Every_alarm_has_a_name_a_meaning_and_a_remedy_in_both_languages(string code)
    {
        foreach (var language in Both)
        {
            var text = ResourceText.For(language);
            foreach (var part in new[] { "Name", "Meaning", "Remedy" })
            {
                var value = text.Find($"Alarm.{code}.{part}");
                Assert.False(string.IsNullOrWhiteSpace(value), $"Alarm.{code}.{part} missing in {language}");
                if (language == Languages.Chinese)
                {
                    Assert.Contains(value!, c => IsHan(c));
                }
            }
        }
    }

    public static TheoryData<string> ApiErrorCodes() => [.. Enum.GetNames<ApiErrorCode>()];

    [Theory]
    [MemberData(nameof(ApiErrorCodes))]
    public void Every_API_error_code_has_a_message_in_both_languages(string code)
    {
        foreach (var language in Both)
        {
            Assert.False(string.IsNullOrWhiteSpace(ResourceText.For(language).Find("Error." + code)), $"Error.{code} missing in {language}");
        }
    }

    [Fact]
    public void Every_state_gas_priority_outcome_command_fault_and_default_program_has_its_words()
    {
        var keys = Enum.GetNames<DeviceState>().Select(n => "State." + n)
            .Concat(Enum.GetNames<GasSource>().Select(n => "Gas." + n))
            .Concat(Enum.GetNames<AlarmPriority>().Select(n => "Priority." + n))
            .Concat(Enum.GetNames<CommandOutcome>().Select(n => "Outcome." + n))
            .Concat(Enum.GetNames<CommandKind>().Select(n => "Command." + n))
            .Concat(Enum.GetValues<FaultKind>().Select(k => "Fault." + FaultNames.ToName(k)))
            .Concat(FaultNames.AllTargets.Select(t => "FaultTarget." + t))
            .Concat(ProgramDefinition.Defaults.SelectMany(p => new[] { $"Program.{p.Name}.Name", $"Program.{p.Name}.Description" }))
            .Concat(Languages.All.Select(l => "Language." + l))
            .Concat(["Ui.EndReason." + HydroOxygen.Controller.Records.SessionEndReasons.Shutdown, "Ui.EndReason." + HydroOxygen.Controller.Records.SessionEndReasons.ProgramChanged,
                "Ui.EndReason." + HydroOxygen.Controller.Records.SessionEndReasons.Interrupted, "Ui.EndReason." + HydroOxygen.Controller.Records.SessionEndReasons.Stopped, "Ui.EndReason." + HydroOxygen.Controller.Records.SessionEndReasons.Idle]);
        foreach (var language in Both)
        {
            var table = ResourceText.KeysOf(language);
            Assert.Empty(keys.Where(k => !table.Contains(k)).Select(k => $"{k} ({language})"));
        }
    }

    [Fact]
    public void Every_key_the_dashboard_names_is_in_the_table()
    {
        var root = Path.Combine(RepositoryPaths.Root, "src", "Controller", "wwwroot");
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal)))
        {
            foreach (Match match in DashboardKey().Matches(File.ReadAllText(file)))
            {
                named.Add(match.Groups["key"].Value);
            }
        }

        Assert.True(named.Count > 60, $"only {named.Count} keys found in the dashboard: the pattern no longer matches its code");
        var table = ResourceText.KeysOf(Languages.Chinese);
        Assert.Empty(named.Where(k => !table.Contains(k)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_states_use_the_operating_guides_words()
    {
        var chinese = ResourceText.For(Languages.Chinese);
        string[] words = ["关机", "自检", "待机", "加压", "就绪", "充气", "喷雾", "关机中", "故障", "维护"];
        Assert.Equal(words, Enum.GetValues<DeviceState>().Select(s => chinese.State(s)));
        Assert.Equal("氧气", chinese.Gas(GasSource.Oxygen));
        Assert.Equal("压缩空气", chinese.Gas(GasSource.Compressor));
        Assert.Equal("营养瓶充不上气", chinese.AlarmName(AlarmCode.BottleNotCharging));
        Assert.Contains("营养瓶", chinese.AlarmRemedy(AlarmCode.BottleNotCharging), StringComparison.Ordinal);
        Assert.Contains("治疗笔", chinese.AlarmRemedy(AlarmCode.BottleNotCharging), StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_is_found_by_name_in_globalisation_invariant_mode()
    {
        // The test process runs as the Pi does: InvariantGlobalization, no ICU culture data.
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);
        var culture = Languages.Culture(Languages.Chinese);
        Assert.Equal("zh-CN", culture.Name);

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            Assert.Equal("就绪", ResourceText.Current["State.Ready"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.Equal("Ready", ResourceText.English["State.Ready"].Value);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    // A placeholder with its format ("{0:0.00}"): both languages format a figure alike.
    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("""(?:data-t(?:-aria)?="|\b(?:t|find)\(')(?<key>[A-Z][A-Za-z]+\.[A-Za-z.]+)["']""")]
    private static partial Regex DashboardKey();
}
