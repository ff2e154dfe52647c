using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Tests.Api;
using HydroOxygen.Hal;
using Microsoft.AspNetCore.Http;

namespace HydroOxygen.Controller.Tests.Localization;

/// <summary>
/// The API answers in the request's language: the device's on its own screen (loopback), a
/// browser's own choice (cookie), and every error keeps its stable code beside the text.
/// </summary>
public sealed class ApiLanguageTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.ReadyAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<JsonElement> PostAsync(string path, string json, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (language is not null)
        {
            request.Headers.Add("Cookie", $"{RequestLanguage.CookieName}={language}");
        }

        using var response = await _api.Http.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_refusal_carries_its_code_and_the_text_in_the_requests_language()
    {
        var english = await PostAsync("api/setpoint", """{"mpa": 0.75}""");
        var chinese = await PostAsync("api/setpoint", """{"mpa": 0.75}""", Languages.Chinese);

        Assert.Equal("SetpointOutOfRange", english.GetProperty("code").GetString());
        Assert.Equal("SetpointOutOfRange", chinese.GetProperty("code").GetString());
        Assert.Equal("mpa: 0.75 MPa is outside the allowed range 0.30–0.60 MPa; nothing was changed", english.GetProperty("detail").GetString());
        Assert.Equal("mpa: 0.75 MPa 超出允许范围 0.30–0.60 MPa，未作任何更改", chinese.GetProperty("detail").GetString());
        Assert.Equal("0.75 MPa 超出允许范围 0.30–0.60 MPa，未作任何更改", chinese.GetProperty("message").GetString());
        Assert.Equal("请求无效，未作任何更改", chinese.GetProperty("title").GetString());
        Assert.Equal(chinese.GetProperty("detail").GetString(), chinese.GetProperty("errors").GetProperty("mpa")[0].GetString());
    }

    [Theory]
    [InlineData("""{"mpa": "abc"}""", "FieldWrongType", "必须是0.30–0.60 之间的数值（MPa），且不高于程序上限")]
    [InlineData("""{}""", "FieldRequired", "必须填写：0.30–0.60 之间的数值（MPa），且不高于程序上限")]
    [InlineData("""{"mpa": 0.45, "bar": 1}""", "FieldUnknown", "未知字段；允许的字段：mpa")]
    [InlineData("""{"mpa": 0.45""", "BodyMalformed", "不是有效的 JSON")]
    public async Task Malformed_requests_are_answered_in_Chinese_with_their_codes(string json, string code, string says)
    {
        var problem = await PostAsync("api/setpoint", json, Languages.Chinese);

        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(says, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_refusal_names_the_state_in_the_requests_language()
    {
        await _api.PostJsonAsync("api/sim/pedal", """{"down": true}""");
        await _api.WaitForAsync(s => s.GetProperty("state").GetString() == "Spraying", "Spraying");

        var problem = await PostAsync("api/program", """{"name": "eye"}""", Languages.Chinese);

        Assert.Equal("NotAllowedInState", problem.GetProperty("code").GetString());
        Assert.Equal("设备处于“喷雾”状态时不能更换程序", problem.GetProperty("detail").GetString());
        await _api.PostJsonAsync("api/sim/pedal", """{"down": false}""");
    }

    [Fact]
    public async Task Acne_on_compressed_air_is_refused_saying_why_in_both_languages()
    {
        await _api.PostJsonAsync("api/source", """{"source": "compressor"}""");

        var english = await PostAsync("api/program", """{"name": "acne"}""");
        var chinese = await PostAsync("api/program", """{"name": "acne"}""", Languages.Chinese);

        Assert.Equal("ProgramRequiresOxygen", chinese.GetProperty("code").GetString());
        Assert.Equal("program 'Acne' requires oxygen (acne bacteria are anaerobic): select the oxygen source first", english.GetProperty("message").GetString());
        Assert.Equal("“祛痘”程序必须使用氧气（痤疮杆菌为厌氧菌）：请先将气源切换为氧气", chinese.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_bottle_left_under_pressure_is_said_in_the_requests_language()
    {
        await _api.WaitForAsync(s => s.GetProperty("pressures").GetProperty("bottleMpa").GetDouble() > 0.3, "a charged bottle");
        await _api.PostJsonAsync("api/sim/fault", """{"fault": "sensor_disconnected", "target": "p_bottle"}""");
        await _api.WaitForAsync(s => s.GetProperty("bottleUnderPressure").ValueKind == JsonValueKind.Object, "the bottle notice");

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/status");
        request.Headers.Add("Cookie", $"{RequestLanguage.CookieName}={Languages.Chinese}");
        using var response = await _api.Http.SendAsync(request);
        var chinese = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bottleUnderPressure");
        var english = (await _api.StatusAsync()).GetProperty("bottleUnderPressure");

        Assert.True(chinese.GetProperty("sensorFaulty").GetBoolean());
        Assert.StartsWith("瓶内可能有压力，请勿打开", chinese.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The bottle may be under pressure: do not open it.", english.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_is_answered_in_the_requests_language_with_a_code()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/nothing-here");
        request.Headers.Add("Cookie", $"{RequestLanguage.CookieName}=zh-CN");
        using var response = await _api.Http.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", problem.GetProperty("code").GetString());
        Assert.StartsWith("没有这个接口或文件", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_string_table_follows_the_language_switch_which_is_kept_on_the_device()
    {
        var before = await _api.Http.GetFromJsonAsync<JsonElement>("api/ui/strings");
        Assert.Equal("en", before.GetProperty("language").GetString());
        Assert.Equal("device", before.GetProperty("scope").GetString());
        Assert.Equal("Ready", before.GetProperty("strings").GetProperty("State.Ready").GetString());

        var choice = await PostAsync("api/ui/language", """{"language": "zh-CN"}""");
        Assert.Equal("zh-CN", choice.GetProperty("language").GetString());
        Assert.Equal("device", choice.GetProperty("scope").GetString());

        var after = await _api.Http.GetFromJsonAsync<JsonElement>("api/ui/strings");
        Assert.Equal("zh-CN", after.GetProperty("language").GetString());
        Assert.Equal("就绪", after.GetProperty("strings").GetProperty("State.Ready").GetString());

        // Stored with the device's data, where the next start reads it.
        var stored = Directory.GetFiles(_api.DataDirectory, DeviceLanguage.FileName, SearchOption.AllDirectories);
        Assert.Single(stored);
        Assert.Contains("\"zh-CN\"", File.ReadAllText(stored[0]), StringComparison.Ordinal);

        // And the API's own answers follow it.
        var problem = await PostAsync("api/setpoint", """{"mpa": 0.75}""");
        Assert.StartsWith("mpa: 0.75 MPa 超出允许范围", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"language": "fr"}""", "LanguageUnsupported")]
    [InlineData("""{"language": "zh"}""", "LanguageUnsupported")]
    [InlineData("""{}""", "FieldRequired")]
    [InlineData("""{"language": 1}""", "FieldWrongType")]
    public async Task A_language_the_device_does_not_speak_is_refused_and_nothing_changes(string json, string code)
    {
        var problem = await PostAsync("api/ui/language", json);

        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("language", problem.GetProperty("errors").EnumerateObject().Single().Name);
        Assert.Empty(Directory.GetFiles(_api.DataDirectory, DeviceLanguage.FileName, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_choice_that_cannot_be_stored_is_refused_with_its_code_and_the_language_stays()
    {
        // A directory where the file must go: the atomic replace cannot put it there.
        Directory.CreateDirectory(Path.Combine(_api.DataDirectory, "data", DeviceLanguage.FileName));

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/ui/language") { Content = new StringContent("""{"language": "zh-CN"}""", Encoding.UTF8, "application/json") };
        var problem = await Problems.AssertProblemAsync(await _api.Http.SendAsync(request), HttpStatusCode.ServiceUnavailable);

        Assert.Equal("LanguageNotSaved", problem.GetProperty("code").GetString());
        Assert.StartsWith("the language could not be stored: ", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        var strings = await _api.Http.GetFromJsonAsync<JsonElement>("api/ui/strings");
        Assert.Equal("en", strings.GetProperty("language").GetString());
        Assert.Equal("en", strings.GetProperty("deviceLanguage").GetString());
    }
}

/// <summary>Which language a request gets: cookie, then the device's own screen, then Accept-Language.</summary>
public sealed class RequestLanguageTests
{
    private static DeviceLanguage Device(string configured) =>
        new(new UiOptions { Language = configured }, Directory.CreateTempSubdirectory("hydroxy-lang-").FullName, Microsoft.Extensions.Logging.Abstractions.NullLogger<DeviceLanguage>.Instance);

    private static DefaultHttpContext Request(string address, string? acceptLanguage = null, string? cookie = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{RequestLanguage.CookieName}={cookie}";
        }

        return context;
    }

    [Theory]
    [InlineData("127.0.0.1", "en-US,en;q=0.9", null, "zh-CN")]   // the device's own screen speaks the device's language
    [InlineData("::1", "en", null, "zh-CN")]
    [InlineData("192.0.2.10", "en-US,en;q=0.9", null, "en")]      // a browser elsewhere: its Accept-Language
    [InlineData("192.0.2.10", "fr-FR,zh-TW;q=0.8,en;q=0.5", null, "zh-CN")]
    [InlineData("192.0.2.10", "de-DE", null, "zh-CN")]           // none of ours: the device's
    [InlineData("192.0.2.10", "zh-CN;q=0.2,en;q=0.9", null, "en")]
    [InlineData("192.0.2.10", "en", "zh-CN", "zh-CN")]          // a browser's own choice wins
    [InlineData("127.0.0.1", null, "en", "en")]
    [InlineData("127.0.0.1", null, "klingon", "zh-CN")]        // a cookie that names nothing of ours is ignored
    public void The_language_is_chosen_in_order(string address, string? acceptLanguage, string? cookie, string expected)
    {
        Assert.Equal(expected, RequestLanguage.Choose(Request(address, acceptLanguage, cookie), Device(Languages.Chinese)));
    }

    [Fact]
    public void The_screens_choice_survives_a_restart_and_wins_over_the_configuration()
    {
        var directory = Directory.CreateTempSubdirectory("hydroxy-lang-").FullName;
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger<DeviceLanguage>.Instance;
        new DeviceLanguage(new UiOptions { Language = "en" }, directory, logger).Choose(Languages.Chinese);

        var restarted = new DeviceLanguage(new UiOptions { Language = "en" }, directory, logger);

        Assert.Equal(Languages.Chinese, restarted.Current);
        Assert.Equal("en", restarted.Configured);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"language": "fr"}""")]
    [InlineData("")]
    public void A_stored_choice_that_cannot_be_read_falls_back_to_the_configured_language(string content)
    {
        var directory = Directory.CreateTempSubdirectory("hydroxy-lang-").FullName;
        File.WriteAllText(Path.Combine(directory, DeviceLanguage.FileName), content);

        var device = new DeviceLanguage(new UiOptions { Language = Languages.Chinese }, directory, Microsoft.Extensions.Logging.Abstractions.NullLogger<DeviceLanguage>.Instance);

        Assert.Null(device.Chosen);
        Assert.Equal(Languages.Chinese, device.Current);
    }

    [Theory]
    [InlineData("zh_CN.UTF-8", null, "zh-CN")]
    [InlineData("en_GB.UTF-8", null, "en")]
    [InlineData("zh_CN.UTF-8", "C", "en")]
    [InlineData(null, null, "en")]
    public void The_command_line_speaks_the_terminals_language(string? lang, string? lcAll, string expected)
    {
        var variables = new Dictionary<string, string?> { ["LANG"] = lang, ["LC_ALL"] = lcAll };
        Assert.Equal(expected, CliLanguage.FromEnvironment(name => variables.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("en", true)]
    [InlineData("fr", false)]
    [InlineData("zh", false)]
    [InlineData("", false)]
    public void Ui_Language_is_validated_like_every_setting(string language, bool valid)
    {
        var problems = new UiOptions { Language = language }.Problems(UiOptions.Section);
        Assert.Equal(valid, problems.Count == 0);
        if (!valid)
        {
            Assert.StartsWith("Ui:Language:", problems[0].ToString(), StringComparison.Ordinal);
        }
    }
}

/// <summary>The <c>Ui</c> section in a configuration file is checked like the others.</summary>
public sealed class UiConfigurationTests
{
    [Fact]
    public void The_Pi_site_file_sets_Chinese()
    {
        var site = File.ReadAllBytes(Path.Combine(Scenarios.RepositoryPaths.Root, "deploy", "raspi", "appsettings.site.json"));
        var (options, problems) = BadInput.ConfigurationText.Read(site);
        Assert.Empty(problems);
        Assert.Equal(Languages.Chinese, options!.Ui.Language);
    }

    [Theory]
    [InlineData("""{"Ui": {"Language": "fr"}}""", "Ui:Language: must be one of zh-CN, en, was 'fr'")]
    [InlineData("""{"Ui": {"Langauge": "zh-CN"}}""", "Langauge")]
    [InlineData("""{"Ui": "zh-CN"}""", "Ui: must be a section of settings")]
    [InlineData("""{"Ui": {"Language": ["zh-CN"]}}""", "Ui:Language: must be a single value")]
    public void A_wrong_Ui_section_stops_the_start_and_is_named(string json, string says)
    {
        var problems = BadInput.ConfigurationText.Problems(json);
        Assert.Contains(problems, p => p.Contains(says, StringComparison.Ordinal));
    }
}
