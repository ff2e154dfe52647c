using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>
/// Issue 12, finding 7 (DESIGN §3.4, "Hostile callers"): what a web page from elsewhere can make the
/// technician's browser send — a form post or a <c>no-cors</c> fetch (no JSON content type, a foreign
/// Origin), or a same-origin request after DNS rebinding (a foreign Host) — is refused, and changes
/// nothing: not the state, the settings, the alarms, the pedal, the power or the injected faults.
/// </summary>
public sealed class CallerGuardTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.ReadyAsync();

        // An alarm to acknowledge: the hostile acknowledgement must leave it unacknowledged.
        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/fault", """{"fault": "liquid_empty"}"""));
        await _api.WaitForAsync(s => s.GetProperty("alarms").GetArrayLength() > 0, "alarming");
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string, string, string?> ChangesWithoutJson => new()
    {
        // An HTML form without fields, and a no-cors fetch without a body: the empty body the old
        // code took as "no fields" and carried out.
        { "api/shutdown", "", "application/x-www-form-urlencoded" },
        { "api/shutdown", "", "text/plain;charset=UTF-8" },
        { "api/shutdown", "", null },
        { "api/alarms/ack", "", "application/x-www-form-urlencoded" },
        { "api/alarms/ack", "", "multipart/form-data; boundary=----x" },
        { "api/alarms/ack", "", null },
        { "api/alarms/ack", "{}", "text/plain" },

        // A text/plain body that looks like JSON (a no-cors fetch or a text/plain form can send one).
        { "api/setpoint", """{"mpa": 0.55}""", "text/plain" },
        { "api/program", """{"name": "eye"}""", "text/plain" },
        { "api/source", """{"source": "compressor"}""", "text/plain" },
        { "api/sim/pedal", """{"down": true}""", "text/plain" },
        { "api/sim/power", """{"on": false}""", "text/plain" },
        { "api/sim/fault", """{"fault": "vent_stuck_closed"}""", "text/plain" },
        { "api/sim/fault/clear", """{"fault": "liquid_empty"}""", "text/plain" },
        { "api/sim/fault/clear", "", null },
    };

    [Theory]
    [MemberData(nameof(ChangesWithoutJson))]
    public async Task A_change_without_a_JSON_content_type_is_refused_415_and_changes_nothing(string path, string body, string? contentType)
    {
        var before = await DeviceAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var problem = await Problems.AssertProblemAsync(await _api.Http.PostAsync(path, content), HttpStatusCode.UnsupportedMediaType);

        Assert.StartsWith("content-type:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await DeviceAsync());
    }

    public static TheoryData<string, string> ForeignOrigins => new()
    {
        { "api/shutdown", "http://127.0.0.1:1" },
        { "api/alarms/ack", "http://127.0.0.1:1" },
        { "api/shutdown", "http://evil.example" },
        { "api/alarms/ack", "null" },
        { "api/shutdown", "https://127.0.0.1:{port}" },
        { "api/alarms/ack", "http://localhost:{port}" },
        { "api/shutdown", "http://127.0.0.1:{port}/dashboard" },
    };

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_change_from_another_origin_is_refused_403_even_as_JSON_and_changes_nothing(string path, string origin)
    {
        var before = await DeviceAsync();
        using var request = Json(HttpMethod.Post, path, "{}");
        request.Headers.TryAddWithoutValidation("Origin", origin.Replace("{port}", Port, StringComparison.Ordinal));

        var problem = await Problems.AssertProblemAsync(await _api.Http.SendAsync(request), HttpStatusCode.Forbidden);

        Assert.StartsWith("origin:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await DeviceAsync());
    }

    [Fact]
    public async Task The_devices_own_origin_may_change_it()
    {
        using var request = Json(HttpMethod.Post, "api/setpoint", """{"mpa": 0.55}""");
        request.Headers.TryAddWithoutValidation("Origin", $"http://127.0.0.1:{Port}");

        var answer = await Problems.JsonAsync(await _api.Http.SendAsync(request));

        Assert.Equal(0.55, answer.GetProperty("status").GetProperty("setpointMpa").GetDouble());
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("127.0.0.1.evil.example:{port}")]
    [InlineData("localhost.evil.example")]
    [InlineData("192.0.2.55:{port}")]
    public async Task A_request_to_a_name_the_device_does_not_own_is_refused_403_and_changes_nothing(string host)
    {
        var before = await DeviceAsync();
        host = host.Replace("{port}", Port, StringComparison.Ordinal);

        // A page on a rebound name reads and changes "its own" origin: same-origin, JSON, Origin to match.
        using var read = new HttpRequestMessage(HttpMethod.Get, "api/status");
        read.Headers.Host = host;
        var readProblem = await Problems.AssertProblemAsync(await _api.Http.SendAsync(read), HttpStatusCode.Forbidden);
        Assert.StartsWith("host:", readProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        foreach (var path in new[] { "api/shutdown", "api/alarms/ack" })
        {
            using var change = Json(HttpMethod.Post, path, "{}");
            change.Headers.Host = host;
            change.Headers.TryAddWithoutValidation("Origin", "http://" + host);
            var problem = await Problems.AssertProblemAsync(await _api.Http.SendAsync(change), HttpStatusCode.Forbidden);
            Assert.StartsWith("host:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await DeviceAsync());
    }

    [Theory]
    [InlineData("localhost:{port}")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2:{port}")]
    [InlineData("[::1]:{port}")]
    public async Task The_device_answers_to_its_loopback_names_and_addresses(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/status");
        request.Headers.Host = host.Replace("{port}", Port, StringComparison.Ordinal);

        await Problems.JsonAsync(await _api.Http.SendAsync(request));
    }

    [Theory]
    [InlineData("api/status")]
    [InlineData("api/device")]
    [InlineData("api/sessions")]
    [InlineData("api/sim/faults")]
    [InlineData("openapi/v1.json")]
    [InlineData("")]
    public async Task Reads_stay_open_on_loopback_without_a_token_or_a_content_type(string path)
    {
        using var response = await _api.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> DeviceLanguages => new() { { "en", "Ready" }, { "zh-CN", "就绪" } };

    /// <summary>The guard's refusals are API errors like the others: a stable code, and words from the string table in the request's language.</summary>
    [Theory]
    [MemberData(nameof(DeviceLanguages))]
    public async Task Each_refusal_carries_its_code_and_its_words_in_the_devices_language(string language, string ready)
    {
        // The device's own language, as its screen would set it: a hostile page gets the device's language too.
        await Problems.JsonAsync(await _api.PostJsonAsync("api/ui/language", $$"""{"language": "{{language}}"}"""));
        Assert.Equal(ready, (await _api.Http.GetFromJsonAsync<JsonElement>("api/ui/strings")).GetProperty("strings").GetProperty("State.Ready").GetString());
        var text = ResourceText.For(language);
        var before = await DeviceAsync();

        using var form = new HttpRequestMessage(HttpMethod.Post, "api/shutdown") { Content = new FormUrlEncodedContent([]) };
        using var foreign = Json(HttpMethod.Post, "api/alarms/ack", "{}");
        foreign.Headers.TryAddWithoutValidation("Origin", "http://evil.example");
        using var rebound = Json(HttpMethod.Post, "api/shutdown", "{}");
        rebound.Headers.Host = "evil.example";
        foreach (var (request, status, code, header, title, argument) in new[]
        {
            (form, HttpStatusCode.UnsupportedMediaType, ApiErrorCode.ContentTypeNotJson, "content-type", "Problem.Title.UnsupportedMediaType", (string?)null),
            (foreign, HttpStatusCode.Forbidden, ApiErrorCode.OriginForeign, "origin", "Problem.Title.OriginRefused", "http://evil.example"),
            (rebound, HttpStatusCode.Forbidden, ApiErrorCode.HostUnknown, "host", "Problem.Title.HostRefused", "evil.example"),
        })
        {
            var problem = await Problems.AssertProblemAsync(await _api.Http.SendAsync(request), status);
            var message = text["Error." + code, argument ?? "", "Api"].Value;

            Assert.Equal(code.ToString(), problem.GetProperty("code").GetString());
            Assert.Equal(message, problem.GetProperty("message").GetString());
            Assert.Equal($"{header}: {message}", problem.GetProperty("detail").GetString());
            Assert.Equal(text[title].Value, problem.GetProperty("title").GetString());
            if (argument is not null)
            {
                Assert.Contains(argument, message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await DeviceAsync());
    }

    private string Port => _api.Http.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Everything a hostile request could have changed.</summary>
    private async Task<string> DeviceAsync()
    {
        var status = await _api.StatusAsync();
        var alarms = string.Join(",", status.GetProperty("alarms").EnumerateArray()
            .Select(a => $"{a.GetProperty("code").GetString()}:{a.GetProperty("acknowledged").GetBoolean()}"));
        using var catalog = JsonDocument.Parse(await _api.Http.GetStringAsync("api/sim/faults"));
        var faults = catalog.RootElement.GetProperty("injected").ToString();
        // Ready and Charging alternate by themselves as the bottle tops up: neither is a change anyone made.
        var state = status.GetProperty("state").GetString() is "Ready" or "Charging" ? "Ready/Charging" : status.GetProperty("state").GetString();
        return string.Join(
            " | ",
            state,
            status.GetProperty("program").GetString(),
            status.GetProperty("gasSource").GetString(),
            status.GetProperty("setpointMpa").GetDouble(),
            status.GetProperty("pedal").GetBoolean(),
            alarms,
            faults);
    }
}

/// <summary>The guard's verdicts for requests a browser cannot send, read without a server.</summary>
public sealed class CallerGuardRuleTests
{
    private static readonly CallerGuard Guard = new(_ => Task.CompletedTask, new ApiOptions(), new OperatorToken(null), Microsoft.Extensions.Logging.Abstractions.NullLogger<CallerGuard>.Instance);

    [Fact]
    public void A_request_without_a_Host_is_refused_with_its_code_in_both_languages()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/status";

        var refusal = Guard.Check(context);

        Assert.NotNull(refusal);
        Assert.Equal(403, refusal.Status);
        Assert.Equal(ApiErrorCode.HostMissing, refusal.Code);
        Assert.Equal("host: the request names no host; send the Host header", refusal.Detail(ResourceText.English));
        Assert.Equal("host: 请求没有指明主机；请发送 Host 请求头", refusal.Detail(ResourceText.For(Languages.Chinese)));
    }

    [Fact]
    public void An_unknown_caller_address_is_named_in_the_sentences_language()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/status";
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString("127.0.0.1");
        context.Connection.RemoteIpAddress = null;

        // No address at all is not loopback: refused as from beyond, with no token configured.
        var refusal = Guard.Check(context);

        Assert.NotNull(refusal);
        Assert.Equal(ApiErrorCode.AccessTokenNotConfigured, refusal.Code);
        Assert.StartsWith("authorization: a request from an unknown address, beyond this device", refusal.Detail(ResourceText.English), StringComparison.Ordinal);
        Assert.StartsWith("authorization: 来自 未知地址（本设备以外）", refusal.Detail(ResourceText.For(Languages.Chinese)), StringComparison.Ordinal);
    }
}
