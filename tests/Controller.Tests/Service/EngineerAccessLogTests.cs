using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>
/// Failed engineer logins and lockouts are recorded (name given, source address, time), durably and
/// as log warnings, and an engineer can see them: GET /api/service/access and 'service access-log',
/// in both languages (issue 15). Names and addresses come from the network and are bounded.
/// </summary>
public sealed class EngineerAccessLogTests
{
    /// <summary>The device's clock for the lockout, moved on by the test instead of waiting a minute.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Ahead;
    }

    private sealed class Warnings : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Warnings owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner.Lines.Enqueue(formatter(state, exception));
                }
            }
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> SendAsync(
        ApiHarness api, string path, AuthenticationHeaderValue auth, string from, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = auth } };
        request.Headers.Add(ApiHarness.RemoteAddressHeader, from);
        if (language is not null)
        {
            request.Headers.Add("Cookie", $"{RequestLanguage.CookieName}={language}");
        }

        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private static async Task<ApiHarness> StartAsync(MovableClock clock, Warnings warnings) =>
        await ApiHarness.StartAsync(
            service: Options(),
            services: s =>
            {
                s.AddSingleton(new EngineerAccess(CredentialHash, clock));
                s.AddSingleton<ILoggerProvider>(warnings);
            },
            remoteAddressFromHeader: true);

    [Fact]
    public async Task A_wrong_credential_and_then_a_lockout_are_recorded_with_name_address_and_time_and_shown_to_an_engineer()
    {
        var clock = new MovableClock();
        var warnings = new Warnings();
        await using var api = await StartAsync(clock, warnings);
        var before = DateTimeOffset.UtcNow;

        var (first, _, _) = await SendAsync(api, "api/service/status", Basic("bob", "guess"), "192.0.2.7");
        Assert.Equal(HttpStatusCode.Unauthorized, first);

        // One wrong credential: on record, visible to an engineer who signs in, in both languages.
        var (status, en, _) = await SendAsync(api, "api/service/access", SignedIn(), "127.0.0.1", Languages.English);
        var (_, zh, _) = await SendAsync(api, "api/service/access", SignedIn(), "127.0.0.1", Languages.Chinese);
        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Assert.Single(en.GetProperty("entries").EnumerateArray());
        Assert.Equal("wrongCredential", entry.GetProperty("what").GetString());
        Assert.Equal("bob", entry.GetProperty("engineer").GetString());
        Assert.Equal("192.0.2.7", entry.GetProperty("address").GetString());
        var at = entry.GetProperty("at").GetDateTimeOffset();
        Assert.InRange(at, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("wrong engineer credential for 'bob' from 192.0.2.7", entry.GetProperty("message").GetString());
        Assert.Equal("来自 192.0.2.7 的“bob”工程师凭据错误", zh.GetProperty("entries")[0].GetProperty("message").GetString());
        Assert.Equal(0, en.GetProperty("lockedForS").GetDouble());

        // Four more (from another address): access locks, and the lockout is recorded with the last attempt's name and address.
        for (var i = 0; i < EngineerAccess.MaxFailures - 1; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api, "api/service/status", Basic("mallory", "guess " + i), "198.51.100.23")).Status);
        }

        var (locked, lockedBody, _) = await SendAsync(api, "api/service/access", SignedIn(), "127.0.0.1", Languages.Chinese);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked);
        Assert.Equal("ServiceRefused", lockedBody.GetProperty("code").GetString());
        Assert.StartsWith("连续 5 次凭据错误，工程师访问已锁定", lockedBody.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A minute on, the engineer sees why they were locked out.
        clock.Ahead = EngineerAccess.FailureWindow + TimeSpan.FromSeconds(1);
        var (_, after, _) = await SendAsync(api, "api/service/access", SignedIn(), "127.0.0.1", Languages.English);
        var (_, afterZh, _) = await SendAsync(api, "api/service/access", SignedIn(), "127.0.0.1", Languages.Chinese);
        var entries = after.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(EngineerAccess.MaxFailures + 1, entries.Count);
        var lockout = entries[0];
        Assert.Equal("lockout", lockout.GetProperty("what").GetString());
        Assert.Equal("mallory", lockout.GetProperty("engineer").GetString());
        Assert.Equal("198.51.100.23", lockout.GetProperty("address").GetString());
        // Locked until the first of the five wrong credentials is a minute old.
        var seconds = lockout.GetProperty("lockedForS").GetDouble();
        Assert.InRange(seconds, 1, 60);
        var s = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"engineer access locked for {s} s after 5 wrong credentials (the last for 'mallory' from 198.51.100.23)", lockout.GetProperty("message").GetString());
        Assert.Equal($"连续 5 次凭据错误，工程师访问锁定 {s} 秒（最后一次：来自 198.51.100.23 的“mallory”）", afterZh.GetProperty("entries")[0].GetProperty("message").GetString());
        Assert.Equal("bob", entries[^1].GetProperty("engineer").GetString());

        // Durably, in the service log; and as log warnings.
        var lines = File.ReadAllLines(Path.Combine(api.DataDirectory, "data", ServiceLog.FileName));
        Assert.Equal(EngineerAccess.MaxFailures, lines.Count(l => l.Contains("\"access-denied\"", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("\"access-locked\"", StringComparison.Ordinal));
        Assert.Contains(warnings.Lines, w => w.Contains("wrong credential for bob from 192.0.2.7", StringComparison.Ordinal));
        Assert.Contains(warnings.Lines, w => w.Contains($"locked for {s} s", StringComparison.Ordinal) && w.Contains("198.51.100.23", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_without_any_credential_is_no_guess_it_neither_locks_nor_is_recorded()
    {
        var clock = new MovableClock();
        await using var api = await StartAsync(clock, new Warnings());
        for (var i = 0; i <= EngineerAccess.MaxFailures; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/service/status");
            using var response = await api.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var (status, body, _) = await SendAsync(api, "api/service/access", SignedIn(), "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task A_name_from_the_network_is_bounded_stripped_of_control_characters_and_never_sent_back_as_markup()
    {
        var clock = new MovableClock();
        await using var api = await StartAsync(clock, new Warnings());
        var hostile = "<script>alert(1)</script>\u001b[31m\u0007" + new string('x', 5000);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api, "api/service/status", Basic(hostile, "guess"), "192.0.2.9")).Status);

        var (_, body, text) = await SendAsync(api, "api/service/access", SignedIn(), "127.0.0.1");
        var name = body.GetProperty("entries")[0].GetProperty("engineer").GetString()!;

        Assert.True(name.Length <= EngineerAccessLog.MaxNameLength + 1, $"{name.Length} characters kept");
        Assert.DoesNotContain(name, char.IsControl);
        Assert.StartsWith("<script>alert(1)</script>?[31m?xxx", name, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 100), File.ReadAllText(Path.Combine(api.DataDirectory, "data", ServiceLog.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engineer_reads_the_refused_logins_with_service_access_log_in_either_language()
    {
        var clock = new MovableClock();
        await using var api = await StartAsync(clock, new Warnings());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api, "api/service/status", Basic("bob", "guess"), "192.0.2.7")).Status);
        using var scratch = new TemporaryDirectory("hydroxy-access-");
        var credential = scratch.Write("credential", Credential + "\n");

        var english = await RunCliAsync(api, credential, "C.UTF-8");
        var chinese = await RunCliAsync(api, credential, "zh_CN.UTF-8");

        Assert.Equal(0, english.Exit);
        Assert.Contains("wrong credential", english.Out, StringComparison.Ordinal);
        Assert.Contains("bob", english.Out, StringComparison.Ordinal);
        Assert.Contains("192.0.2.7", english.Out, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", english.Out);
        Assert.Equal(0, chinese.Exit);
        Assert.Contains("凭据错误", chinese.Out, StringComparison.Ordinal);
        Assert.Contains("来源地址", chinese.Out, StringComparison.Ordinal);
        Assert.Contains("192.0.2.7", chinese.Out, StringComparison.Ordinal);

        var help = await RunAsync(["service", "access-log", "--help"], "C.UTF-8");
        Assert.Equal(0, help.Exit);
        Assert.Contains("--engineer", help.Out, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Out, string Err)> RunCliAsync(ApiHarness api, string credentialFile, string lang) =>
        RunAsync(["service", "access-log", "--url", api.Http.BaseAddress!.ToString(), "--engineer", "alice", "--credential-file", credentialFile], lang);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, string lang)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LANG"] = lang;
        info.Environment.Remove("LC_ALL");
        info.Environment.Remove("LC_MESSAGES");
        info.Environment.Remove(ServiceCommand.CredentialVariable);
        info.Environment.Remove(ServiceCommand.UrlVariable);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
