using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using HydroOxygen.Controller.Startup;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>
/// Issue 12, finding 7, beyond loopback (DESIGN §3.4): an operator request from another machine
/// needs the configured access token as a Bearer token; without one configured it is refused with
/// a sentence saying so. The device itself (loopback) needs none, and the engineer endpoints keep
/// their own credential. The <c>Api</c> section is validated like every other.
/// </summary>
public sealed class AccessTokenTests
{
    private const string Token = "9f1c2d3e4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978";
    private static readonly IPAddress Remote = IPAddress.Parse("192.0.2.7");

    private static Task<ApiHarness> StartAsync(ApiOptions options, IPAddress? remote, ServiceOptions? service = null) =>
        ApiHarness.StartAsync(services: s => s.AddSingleton(options), remoteAddress: remote, service: service);

    /// <summary>Waits for Ready by the loop's own status (the harness's client is a caller from beyond, without a token).</summary>
    private static async Task ReadyAsync(ApiHarness api)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (api.Runtime.Status.Read().State != DeviceState.Ready)
        {
            Assert.True(DateTime.UtcNow < deadline, "never Ready");
            await Task.Delay(20);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    [Fact]
    public async Task Without_a_configured_token_operator_requests_from_beyond_the_device_are_refused_and_change_nothing()
    {
        await using var api = await StartAsync(new ApiOptions(), Remote);
        await ReadyAsync(api);

        foreach (var (method, path, body) in new[] { (HttpMethod.Get, "api/status", null), (HttpMethod.Post, "api/setpoint", """{"mpa": 0.55}"""), (HttpMethod.Post, "api/shutdown", "") })
        {
            using var request = Request(method, path, body, token: Token);
            var problem = await Problems.AssertProblemAsync(await api.Http.SendAsync(request), HttpStatusCode.Forbidden);
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains("192.0.2.7", detail, StringComparison.Ordinal);
            Assert.Contains("none is configured (Api:AccessToken or Api:AccessTokenFile)", detail, StringComparison.Ordinal);
        }

        Assert.Equal(0.40, api.Runtime.Status.Read().SetpointMpa, 6);
        Assert.NotEqual(DeviceState.ShuttingDown, api.Runtime.Status.Read().State);
    }

    [Fact]
    public async Task With_a_configured_token_a_request_from_beyond_needs_it_as_a_bearer_token()
    {
        await using var api = await StartAsync(new ApiOptions { AccessToken = Token }, Remote);

        using (var missing = Request(HttpMethod.Post, "api/setpoint", """{"mpa": 0.55}"""))
        {
            using var response = await api.Http.SendAsync(missing);
            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var wrong = Request(HttpMethod.Get, "api/status", token: Token[..^1] + "0"))
        {
            var problem = await Problems.AssertProblemAsync(await api.Http.SendAsync(wrong), HttpStatusCode.Unauthorized);
            Assert.Contains("is not the one configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var basic = new HttpRequestMessage(HttpMethod.Get, "api/status") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", Token) } })
        {
            await Problems.AssertProblemAsync(await api.Http.SendAsync(basic), HttpStatusCode.Unauthorized);
        }

        Assert.Equal(0.40, api.Runtime.Status.Read().SetpointMpa, 6);

        await ReadyAsync(api);
        using var right = Request(HttpMethod.Post, "api/setpoint", """{"mpa": 0.55}""", Token);
        var answer = await Problems.JsonAsync(await api.Http.SendAsync(right));
        Assert.Equal(0.55, answer.GetProperty("status").GetProperty("setpointMpa").GetDouble());
    }

    [Theory]
    [InlineData("zh-CN", "从本设备以外访问需要访问令牌，未作任何更改", "来自 192.0.2.7（本设备以外）的请求需要“Authorization: Bearer <访问令牌>”")]
    [InlineData("en", "An access token is required from beyond this device; nothing was changed", "a request from 192.0.2.7, beyond this device, needs 'Authorization: Bearer <access token>'")]
    public async Task A_token_refusal_carries_its_code_and_speaks_the_callers_language(string language, string title, string says)
    {
        await using var configured = await StartAsync(new ApiOptions { AccessToken = Token }, Remote);
        await using var unconfigured = await StartAsync(new ApiOptions(), Remote);

        foreach (var (api, token, status, code) in new[]
        {
            (configured, (string?)null, HttpStatusCode.Unauthorized, nameof(ApiErrorCode.AccessTokenMissing)),
            (configured, Token[..^1] + "0", HttpStatusCode.Unauthorized, nameof(ApiErrorCode.AccessTokenWrong)),
            (unconfigured, Token, HttpStatusCode.Forbidden, nameof(ApiErrorCode.AccessTokenNotConfigured)),
        })
        {
            using var request = Request(HttpMethod.Post, "api/setpoint", """{"mpa": 0.55}""", token);
            request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await Problems.AssertProblemAsync(await api.Http.SendAsync(request), status);

            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.Equal("authorization: " + problem.GetProperty("message").GetString(), problem.GetProperty("detail").GetString());
            Assert.Contains("192.0.2.7", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
            if (code == nameof(ApiErrorCode.AccessTokenMissing))
            {
                Assert.Equal(title, problem.GetProperty("title").GetString());
                Assert.StartsWith(says, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(0.40, configured.Runtime.Status.Read().SetpointMpa, 6);
        Assert.Equal(0.40, unconfigured.Runtime.Status.Read().SetpointMpa, 6);
    }

    [Fact]
    public async Task On_the_device_itself_no_token_is_needed_even_when_one_is_configured()
    {
        await using var api = await StartAsync(new ApiOptions { AccessToken = Token }, remote: null);
        await api.ReadyAsync();

        var answer = await Problems.JsonAsync(await api.PostJsonAsync("api/setpoint", """{"mpa": 0.55}"""));

        Assert.Equal(0.55, answer.GetProperty("status").GetProperty("setpointMpa").GetDouble());
    }

    [Fact]
    public async Task The_engineer_endpoints_from_beyond_take_the_engineer_credential_not_the_operator_token()
    {
        await using var api = await StartAsync(new ApiOptions(), Remote, Options());

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/service/status")
        {
            Headers = { Authorization = SignedIn() },
        };
        await Problems.JsonAsync(await api.Http.SendAsync(request));

        // A wrong one is refused by the engineer's own check: with a code, and a message naming the header as other refusals of the caller do.
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "api/service/status") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        var problem = await Problems.AssertProblemAsync(await api.Http.SendAsync(wrong), HttpStatusCode.Unauthorized);
        Assert.Equal(nameof(ApiErrorCode.ServiceRefused), problem.GetProperty("code").GetString());
        Assert.Equal("authorization: " + problem.GetProperty("message").GetString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_configured_host_name_is_answered()
    {
        await using var api = await StartAsync(new ApiOptions { AllowedHosts = ["spray-3.clinic.lan"] }, remote: null);

        using var named = new HttpRequestMessage(HttpMethod.Get, "api/status") { Headers = { Host = "Spray-3.Clinic.Lan:5080" } };
        await Problems.JsonAsync(await api.Http.SendAsync(named));

        using var other = new HttpRequestMessage(HttpMethod.Get, "api/status") { Headers = { Host = "spray-4.clinic.lan" } };
        await Problems.AssertProblemAsync(await api.Http.SendAsync(other), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Api:AllowedHosts:0", "*.clinic.lan", "Api:AllowedHosts:0: '*.clinic.lan': wildcards are not allowed")]
    [InlineData("Api:AllowedHosts:0", "*", "wildcards are not allowed")]
    [InlineData("Api:AllowedHosts:0", "http://pi.local", "not a host name or address (give the name alone")]
    [InlineData("Api:AllowedHosts:0", "pi.local:5080", "not a host name or address")]
    [InlineData("Api:AllowedHosts", "pi.local", "Api:AllowedHosts: must be a list ([ … ]), not the single value 'pi.local'")]
    [InlineData("Api:AccessToken", "secret", "Api:AccessToken: must be 32–512 characters long, was 6")]
    [InlineData("Api:AccessToken", "0123456789abcdef0123456789abcdef 0123", "Api:AccessToken: may hold only letters, digits")]
    [InlineData("Api:AccessTokenFile", "token.txt", "Api:AccessTokenFile: 'token.txt' must be an absolute path")]
    [InlineData("Api:AccessTokenFile", "/nonexistent/hydroxy-token", "Api:AccessTokenFile: '/nonexistent/hydroxy-token' cannot be read")]
    [InlineData("Api:Token", Token, "Api: 'ErrorOnUnknownConfiguration' was set")]
    public void A_bad_Api_section_is_refused_naming_the_key(string key, string value, string says)
    {
        var problems = ProblemsOf(new() { [key] = value });

        Assert.Contains(problems, p => p.Contains(says, StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_given_both_ways_is_refused()
    {
        var problems = ProblemsOf(new() { ["Api:AccessToken"] = Token, ["Api:AccessTokenFile"] = "/etc/hydro-oxygen/token" });

        Assert.Contains("Api:AccessToken and Api:AccessTokenFile: give the access token one way, not both", problems);
    }

    [Fact]
    public void A_token_file_is_read_and_trimmed_and_a_short_one_refused()
    {
        var directory = Directory.CreateTempSubdirectory("hydroxy-token-");
        try
        {
            var good = Path.Combine(directory.FullName, "token");
            File.WriteAllText(good, Token + "\n");
            Assert.True(ControllerHost.TryReadOptions(Configuration(new() { ["Api:AccessTokenFile"] = good }), out ControllerOptions options, out var problems), string.Join("; ", problems));
            Assert.Equal(Token, options.Api.Token());

            var bad = Path.Combine(directory.FullName, "short");
            File.WriteAllText(bad, "abc\n");
            Assert.Contains(ProblemsOf(new() { ["Api:AccessTokenFile"] = bad }), p => p.Contains("the token must be 32–512 characters long, was 3", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_shipped_defaults_need_no_Api_section()
    {
        Assert.True(ControllerHost.TryReadOptions(Configuration([]), out ControllerOptions options, out var problems), string.Join("; ", problems));
        Assert.Empty(options.Api.AllowedHosts);
        Assert.Null(options.Api.Token());
        Assert.Contains("Api", ConfigurationSources.OwnSections);
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IReadOnlyList<string> ProblemsOf(Dictionary<string, string?> values)
    {
        Assert.False(ControllerHost.TryReadOptions(Configuration(values), out ControllerOptions _, out var problems));
        return problems;
    }
}
