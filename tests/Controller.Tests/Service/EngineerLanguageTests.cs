using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Tests.Api;
using HydroOxygen.Controller.Tests.Scenarios;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>
/// The engineer side speaks both languages (issue 13): the service desk's refusals and the credential
/// check answer in the request's language, each with its stable machine code, and every sentence a
/// <see cref="ServiceException"/> can carry is in both string tables.
/// </summary>
public sealed partial class EngineerLanguageTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(
        ApiHarness api, HttpMethod method, string path, string language, string? json = null, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = auth ?? SignedIn() } };
        request.Headers.Add("Cookie", $"{RequestLanguage.CookieName}={language}");
        if (json is not null || method != HttpMethod.Get)
        {
            request.Content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task A_hold_target_out_of_range_is_refused_in_the_requests_language_with_its_code()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/enter", Languages.English)).Status);

        var (enStatus, en) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", Languages.English, """{"targetMpa": 0.9}""");
        var (zhStatus, zh) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", Languages.Chinese, """{"targetMpa": 0.9}""");

        Assert.Equal(HttpStatusCode.BadRequest, enStatus);
        Assert.Equal(HttpStatusCode.BadRequest, zhStatus);
        Assert.Equal("ValueOutOfRange", en.GetProperty("code").GetString());
        Assert.Equal("ValueOutOfRange", zh.GetProperty("code").GetString());
        Assert.Equal("0 (vented) or a number of MPa up to 0.60, was 0.9", en.GetProperty("message").GetString());
        Assert.Equal("0（泄压）或不超过 0.60 的 MPa 数值，收到的是 0.9", zh.GetProperty("message").GetString());
        Assert.Equal("targetMpa: 0（泄压）或不超过 0.60 的 MPa 数值，收到的是 0.9", zh.GetProperty("errors").GetProperty("targetMpa")[0].GetString());
    }

    [Fact]
    public async Task A_procedure_outside_Service_a_busy_desk_and_a_wrong_credential_are_refused_in_Chinese_and_in_English()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();

        // Outside Service (409): the state named in the language asked for.
        var (_, en) = await SendAsync(api, HttpMethod.Post, "api/service/leak-test", Languages.English, "{}");
        var (status, zh) = await SendAsync(api, HttpMethod.Post, "api/service/leak-test", Languages.Chinese, "{}");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("ServiceRefused", zh.GetProperty("code").GetString());
        Assert.Equal("the device is Ready: enter service mode first (POST /api/service/enter); nothing was done", en.GetProperty("detail").GetString());
        Assert.Equal("设备处于“就绪”状态：请先进入维护模式（POST /api/service/enter）；未执行任何操作", zh.GetProperty("detail").GetString());

        // Busy (409): a second operation while a leak test runs.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/enter", Languages.English)).Status);
        var first = SendAsync(api, HttpMethod.Post, "api/service/leak-test", Languages.English, """{"durationS": 5, "settleS": 1}""");
        await Task.Delay(200);
        var (busyStatus, busyZh) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", Languages.Chinese, """{"targetMpa": 0.4}""");
        var (_, busyEn) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", Languages.English, """{"targetMpa": 0.4}""");
        Assert.Equal(HttpStatusCode.Conflict, busyStatus);
        Assert.Equal("ServiceRefused", busyZh.GetProperty("code").GetString());
        Assert.Equal("另一项维护操作正在进行；请等它结束", busyZh.GetProperty("detail").GetString());
        Assert.Equal("another service operation is running; wait for it to finish", busyEn.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await first).Status);

        // A wrong credential (401): the machine code beside the text, the title in the language too.
        var (deniedStatus, deniedZh) = await SendAsync(api, HttpMethod.Get, "api/service/status", Languages.Chinese, auth: Basic("alice", "wrong"));
        var (_, deniedEn) = await SendAsync(api, HttpMethod.Get, "api/service/status", Languages.English, auth: Basic("alice", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, deniedStatus);
        Assert.Equal("ServiceRefused", deniedZh.GetProperty("code").GetString());
        Assert.Equal("ServiceRefused", deniedEn.GetProperty("code").GetString());
        Assert.Equal("请提供工程师姓名和工程师凭据（HTTP Basic）", deniedZh.GetProperty("message").GetString());
        Assert.Equal("需要工程师凭据", deniedZh.GetProperty("title").GetString());
        Assert.Equal("authorization: give the engineer's name and the engineer credential (HTTP Basic)", deniedEn.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Engineer_access_switched_off_is_said_in_Chinese_with_its_code()
    {
        await using var api = await ApiHarness.StartAsync(service: Options() with { EngineerCredentialHash = null });
        var (status, zh) = await SendAsync(api, HttpMethod.Get, "api/service/status", Languages.Chinese);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("ServiceRefused", zh.GetProperty("code").GetString());
        Assert.Equal("未配置工程师凭据（Service:EngineerCredentialHash；用 'hash-credential' 生成）", zh.GetProperty("message").GetString());
    }

    [Fact]
    public void A_refusal_with_figures_and_nested_words_is_said_whole_in_each_language()
    {
        var refusal = new ServiceException(new ServiceText("Service.NotInServiceVisit", ServiceWords.State(DeviceState.Fault), new ServiceText("Service.Remedy.HoldAgain"), ServiceText.Verbatim("")), "calibration");
        var timedOut = new ServiceException(new ServiceText("Service.TimedOut", ServiceWords.Procedure(ServiceProcedureKind.LeakTest), 95.4));

        Assert.Equal("calibration: the device is Fault, not in service mode; nothing was stored or applied (enter service mode and hold the point again)", refusal.Message);
        Assert.Equal("calibration: 设备处于“故障”状态，不在维护模式；未保存也未应用任何内容（请进入维护模式后重新保压该点）", refusal.Describe(ResourceText.For(Languages.Chinese)));
        Assert.Equal("the leak test did not finish within 95 s; it was aborted", timedOut.Message);
        Assert.Equal("泄漏测试未在 95 秒内完成，已中止", timedOut.Describe(ResourceText.For(Languages.Chinese)));
    }

    [Fact]
    public async Task A_device_without_a_stored_calibration_says_so_in_the_requests_language()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();

        var (_, english) = await SendAsync(api, HttpMethod.Get, "api/service/status", Languages.English);
        var (_, chinese) = await SendAsync(api, HttpMethod.Get, "api/service/status", Languages.Chinese);

        Assert.StartsWith("no calibration is stored (", english.GetProperty("calibration").GetProperty("problem").GetString());
        Assert.StartsWith("尚未存储校准（", chinese.GetProperty("calibration").GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_calibration_refused_for_its_span_says_why_in_the_requests_language()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/enter", Languages.English)).Status);
        foreach (var target in new[] { 0.4, 0.3 })
        {
            var (held, point) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", Languages.English, $$"""{"targetMpa": {{target}}}""");
            Assert.Equal(HttpStatusCode.OK, held);
            var reference = point.GetProperty("simulatorTrueMpa").GetDouble();
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/calibration/reference", Languages.English, $$"""{"referenceMpa": {{reference}}}""")).Status);
        }

        var (_, english) = await SendAsync(api, HttpMethod.Get, "api/service/calibration", Languages.English);
        var (_, chinese) = await SendAsync(api, HttpMethod.Get, "api/service/calibration", Languages.Chinese);

        Assert.False(english.GetProperty("acceptable").GetBoolean());
        var said = Outlet(english).GetProperty("problem").GetString();
        Assert.Matches(@"^the points span only 0\.\d{3} MPa; spread them over at least 0\.20 MPa$", said);
        Assert.Matches(@"^校准点的跨度仅 0\.\d{3} MPa；请将校准点分布在至少 0\.20 MPa 的量程上$", Outlet(chinese).GetProperty("problem").GetString());

        static JsonElement Outlet(JsonElement proposal) => proposal.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "POut");
    }

    [Fact]
    public async Task A_gross_leak_is_said_in_the_readers_language_in_the_result_the_status_and_the_history_and_logged_in_English()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/enter", Languages.Chinese)).Status);
        using (var fault = await api.PostJsonAsync("api/sim/fault", """{"fault": "leak", "target": "manifold", "value": 1.0}"""))
        {
            Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
        }

        var (status, result) = await SendAsync(api, HttpMethod.Post, "api/service/leak-test", Languages.Chinese, """{"durationS": 5, "settleS": 1}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(result.GetProperty("passed").GetBoolean());
        const string Chinese = @"^未达到测试压力 0\.\d{2} MPa（仅达到 0\.\d{3} MPa）：严重泄漏，或无气源$";
        const string English = @"^the test pressure 0\.\d{2} MPa was not reached \(only 0\.\d{3} MPa\): a gross leak, or no supply$";
        Assert.Matches(Chinese, result.GetProperty("failure").GetString());

        var (_, zhStatus) = await SendAsync(api, HttpMethod.Get, "api/service/status", Languages.Chinese);
        var (_, enStatus) = await SendAsync(api, HttpMethod.Get, "api/service/status", Languages.English);
        Assert.Matches(Chinese, zhStatus.GetProperty("lastLeakTest").GetProperty("failure").GetString());
        Assert.Matches(English, enStatus.GetProperty("lastLeakTest").GetProperty("failure").GetString());

        // The history is read back from the service log: the key and figures stored there are said again.
        var (_, zhHistory) = await SendAsync(api, HttpMethod.Get, "api/service/leak-tests", Languages.Chinese);
        var (_, enHistory) = await SendAsync(api, HttpMethod.Get, "api/service/leak-tests", Languages.English);
        Assert.Matches(Chinese, Assert.Single(zhHistory.GetProperty("tests").EnumerateArray()).GetProperty("failure").GetString());
        Assert.Matches(English, Assert.Single(enHistory.GetProperty("tests").EnumerateArray()).GetProperty("failure").GetString());

        var logged = Assert.Single(new ServiceLog(Path.Combine(api.DataDirectory, "data")).Entries(), e => e.Contains("\"what\":\"leak-test\"", StringComparison.Ordinal));
        Assert.Contains("was not reached", logged, StringComparison.Ordinal);
        Assert.Contains("\"FailureKey\":\"Service.Leak.NotReached\"", logged, StringComparison.Ordinal);

        // The command line asks in the terminal's language and prints what the controller says.
        using var scratch = new TemporaryDirectory("hydroxy-words-");
        var credential = scratch.Write("credential", Credential + "\n");
        var zhCli = await LeakTestsOnTheCommandLineAsync(api, credential, "zh_CN.UTF-8");
        var enCli = await LeakTestsOnTheCommandLineAsync(api, credential, "C.UTF-8");
        Assert.True(zhCli.Exit == 0, zhCli.Err);
        Assert.Matches(@"(?m)^  未达到测试压力 0\.\d{2} MPa（仅达到 0\.\d{3} MPa）：严重泄漏，或无气源\r?$", zhCli.Out);
        Assert.True(enCli.Exit == 0, enCli.Err);
        Assert.Matches(@"(?m)^  the test pressure 0\.\d{2} MPa was not reached \(only 0\.\d{3} MPa\): a gross leak, or no supply\r?$", enCli.Out);
    }

    private static async Task<(int Exit, string Out, string Err)> LeakTestsOnTheCommandLineAsync(ApiHarness api, string credentialFile, string lang)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll"));
        foreach (var arg in new[] { "leak-tests", "--url", api.Http.BaseAddress!.ToString(), "--engineer", "alice", "--credential-file", credentialFile })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LANG"] = lang;
        info.Environment.Remove("LC_ALL");
        info.Environment.Remove("LC_MESSAGES");
        info.Environment.Remove(Controller.Cli.ServiceCommand.CredentialVariable);
        info.Environment.Remove(Controller.Cli.ServiceCommand.UrlVariable);
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public void A_leak_test_logged_before_failures_had_keys_keeps_its_English_words()
    {
        const string Line = """{"when":"2026-11-02T10:00:00Z","what":"leak-test","engineer":"bob","details":{"PressureMpa":0.5,"StartMpa":0.1,"EndMpa":0.1,"DurationS":0,"LimitKpaPerMin":20,"Passed":false,"Failure":"the test pressure 0.50 MPa was not reached (only 0.100 MPa): a gross leak, or no supply"}}""";

        var parsed = LeakTestHistory.Parse(Line)!;

        Assert.Null(parsed.FailureText);
        Assert.Equal(parsed.Failure, parsed.In(ResourceText.For(Languages.Chinese)).Failure);
    }

    public static TheoryData<string> ServiceSentenceKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourcesSayingServiceSentences())
        {
            foreach (Match match in SentenceKey().Matches(File.ReadAllText(file)))
            {
                // A prefix that code completes ("Service.Procedure." + kind) is checked through the enums below.
                if (!match.Groups["key"].Value.EndsWith('.'))
                {
                    keys.Add(match.Groups["key"].Value);
                }
            }
        }

        keys.UnionWith(Enum.GetValues<ServiceProcedureKind>().Select(k => ServiceWords.Procedure(k).Key));
        keys.UnionWith(Enum.GetValues<ServicePhase>().Select(p => ServiceWords.Phase(p).Key));
        keys.UnionWith(Enum.GetValues<ServiceFailure>().Select(f => ServiceWords.Failure(f).Key));
        keys.UnionWith(Enum.GetValues<DeviceState>().Select(s => ServiceWords.State(s).Key));
        keys.UnionWith(CalibrationProblem.Keys);
        return [.. keys];
    }

    [Theory]
    [MemberData(nameof(ServiceSentenceKeys))]
    public void Every_sentence_a_service_refusal_can_carry_is_in_both_languages(string key)
    {
        Assert.Contains(key, ResourceText.KeysOf(Languages.English));
        Assert.Contains(key, ResourceText.KeysOf(Languages.Chinese));
    }

    [Fact]
    public void The_service_desk_makes_its_refusals_from_the_string_table_not_from_English_literals()
    {
        Assert.True(ServiceSentenceKeys().Count > 60, "the pattern no longer finds the service desk's sentences");
        var literal = new Regex("""new ServiceException\(\$?"|ServiceException\(\s*\$?"[^"]*"\s*\+""");
        var offenders = SourcesSayingServiceSentences()
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line.Trim())))
            .Where(l => literal.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.Empty(offenders);
    }

    private static IEnumerable<string> SourcesSayingServiceSentences()
    {
        var root = Path.Combine(RepositoryPaths.Root, "src", "Controller");
        return Directory.EnumerateFiles(Path.Combine(root, "Service"), "*.cs")
            .Append(Path.Combine(root, "Api", "ServiceEndpoints.cs"))
            .Append(Path.Combine(root, "Cli", "ServiceSession.cs"))
            .Append(Path.Combine(root, "Cli", "ServiceCommand.cs"));
    }

    [GeneratedRegex("""(?:new ServiceText\(|\bT\(|_text\[|text\[)\s*"(?<key>[A-Z][A-Za-z]+\.[A-Za-z.]+)"|"(?<key>(?:Service|Cli\.Service|Cli\.Engineer|Expect\.Service)\.[A-Za-z.]+)["]""")]
    private static partial Regex SentenceKey();
}
