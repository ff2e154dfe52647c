using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Service;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>
/// Issue 12, finding 9 (DESIGN §3.4): the OpenAPI document tells the truth. The controller's own
/// <c>/openapi/v1.json</c> is given to an independent checker, Stoplight Prism, running as a
/// validating proxy; every operation is driven through it with valid and invalid inputs, in the
/// states where each answer can happen. The check fails on any answer outside the document (an
/// undocumented status, a body outside its schema), any 5xx, any request the document calls valid
/// that the server refuses for its shape, and any request the document calls invalid that the
/// server takes or refuses for a reason the document does not give.
/// </summary>
public sealed class OpenApiConformanceTests(ITestOutputHelper output) : IDisposable
{
    private const string Token = "4f2b8c1d9e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";
    private const string Remote = "192.0.2.7";

    /// <summary>Where the summary goes, for ./test.sh to print.</summary>
    public static readonly string SummaryPath = Path.Combine(AppContext.BaseDirectory, "openapi-check.txt");

    private readonly List<string> _failures = [];
    private readonly Dictionary<string, HashSet<Kind>> _exercised = new(StringComparer.Ordinal);
    private readonly Dictionary<Kind, int> _requestsOfKind = [];
    private int _requests;
    private HttpClient _client = null!;

    public void Dispose() => _client?.Dispose();

    private enum Kind
    {
        /// <summary>The document takes the request, and so does the server.</summary>
        Valid,

        /// <summary>The document refuses the request (Prism reports it), and so does the server.</summary>
        Invalid,

        /// <summary>The document takes the request's shape; the server refuses it for a reason the document states in words (a state, a range that depends on the program, a foreign Origin, a missing JSON content type without a body).</summary>
        Rule,
    }

    [Fact]
    public async Task Every_operation_answers_as_the_document_says()
    {
        var service = Options();
        using var records = new TemporaryDirectory("hydroxy-openapi-");
        await using var api = await ApiHarness.StartAsync(
            records: new RecordsOptions { ClientCodes = true, CheckpointS = 0.5, Directory = records.Path },
            service: service,
            services: s => s.AddSingleton(new ApiOptions { AccessToken = Token }),
            remoteAddressFromHeader: true);
        await api.ReadyAsync();

        var documentText = await api.Http.GetStringAsync(ApiEndpoints.OpenApiPath.TrimStart('/'));
        var documentPath = Path.Combine(api.DataDirectory, "openapi.json");
        await File.WriteAllTextAsync(documentPath, ChangeForScratchRun(documentText));
        using var document = JsonDocument.Parse(documentText);
        var operations = Operations(document.RootElement);

        await using var prism = await PrismProxy.StartAsync(documentPath, api.Http.BaseAddress!);
        // No cookie jar: each request says its language itself.
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = prism.Address, Timeout = TimeSpan.FromMinutes(5) };
        await DriveOperatorAsync(api);
        await DriveLanguageAsync();
        await DriveEngineerAsync();
        await DriveEndingAsync(api);

        await CheckStreamDirectlyAsync(api);
        CheckCoverage(operations, document.RootElement);

        var summary = $"OpenAPI check (Stoplight Prism {PrismVersion()} as a validating proxy): {operations.Count} operations, "
            + $"{_requests} requests ({Count(Kind.Valid)} valid, {Count(Kind.Invalid)} invalid, {Count(Kind.Rule)} refused by a stated rule), "
            + $"failures: {_failures.Count}";
        output.WriteLine(summary);
        foreach (var failure in _failures)
        {
            output.WriteLine("  " + failure);
        }

        await File.WriteAllTextAsync(SummaryPath, summary + Environment.NewLine + string.Concat(_failures.Select(f => "  " + f + Environment.NewLine)));
        Assert.True(_failures.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, _failures) + Environment.NewLine + prism.Output);
    }

    private async Task DriveOperatorAsync(ApiHarness api)
    {
        await CheckAsync("GET /api/status", Kind.Valid, [200], Get("api/status"));
        await CheckAsync("GET /api/status", Kind.Valid, [200], Get("api/status", remote: true, token: Token));
        await CheckAsync("GET /api/status", Kind.Rule, [401], Get("api/status", remote: true));
        await CheckAsync("GET /api/device", Kind.Valid, [200], Get("api/device"));
        await CheckAsync("GET /api/device", Kind.Rule, [401], Get("api/device", remote: true, token: Token[..^1] + "0"));

        // A treatment record opens with the first spray (held directly, not through the checker).
        await api.PostJsonAsync("api/sim/pedal", """{"down": true}""");
        await api.WaitForAsync(s => s.GetProperty("session").GetProperty("recordId").ValueKind == JsonValueKind.Number, "a treatment record");
        await api.PostJsonAsync("api/sim/pedal", """{"down": false}""");
        var session = (await CheckAsync("GET /api/sessions", Kind.Valid, [200], Get("api/sessions"))).GetProperty("openSessionId").GetInt64();
        var id = session.ToString(CultureInfo.InvariantCulture);
        await CheckAsync("GET /api/sessions", Kind.Valid, [200], Get("api/sessions?limit=5"));
        await CheckAsync("GET /api/sessions", Kind.Invalid, [400], Get("api/sessions?limit=0"));
        await CheckAsync("GET /api/sessions", Kind.Invalid, [400], Get("api/sessions?limit=1001"));
        await CheckAsync("GET /api/sessions", Kind.Invalid, [400], Get("api/sessions?limit=ten"));
        await CheckAsync("GET /api/sessions/{id}", Kind.Valid, [200], Get("api/sessions/" + id));
        await CheckAsync("GET /api/sessions/{id}", Kind.Rule, [404], Get("api/sessions/999999"));
        await CheckAsync("GET /api/sessions/{id}", Kind.Invalid, [404], Get("api/sessions/first"));
        await CheckAsync("GET /api/sessions/export.csv", Kind.Valid, [200], Get("api/sessions/export.csv"));
        await CheckAsync("GET /api/sessions/summary", Kind.Valid, [200], Get("api/sessions/summary"));
        await CheckAsync("GET /api/sessions/summary", Kind.Valid, [200], Get("api/sessions/summary?from=2026-03-01&to=2026-03-07"));
        await CheckAsync("GET /api/sessions/summary", Kind.Invalid, [400], Get("api/sessions/summary?from=March"));
        await CheckAsync("GET /api/sessions/summary", Kind.Rule, [400], Get("api/sessions/summary?from=2026-03-07&to=2026-03-01"));
        await CheckAsync("GET /api/sessions/summary.csv", Kind.Valid, [200], Get("api/sessions/summary.csv?to=2026-03-07"));
        await CheckAsync("GET /api/sessions/summary.csv", Kind.Invalid, [400], Get("api/sessions/summary.csv?to=2026-02-30"));
        await CheckAsync("GET /api/sessions/{id}/export.csv", Kind.Valid, [200], Get($"api/sessions/{id}/export.csv"));
        await CheckAsync("GET /api/sessions/{id}/export.csv", Kind.Rule, [404], Get("api/sessions/999999/export.csv"));
        await CheckAsync("GET /api/sessions/{id}/export.csv", Kind.Invalid, [404], Get("api/sessions/x/export.csv"));
        await CheckAsync("GET /api/sessions/{id}/events.csv", Kind.Valid, [200], Get($"api/sessions/{id}/events.csv"));
        await CheckAsync("GET /api/sessions/{id}/events.csv", Kind.Rule, [404], Get("api/sessions/999999/events.csv"));
        await CheckAsync("GET /api/sessions/{id}/events.csv", Kind.Invalid, [404], Get("api/sessions/-/events.csv"));
        await CheckAsync("GET /api/events", Kind.Valid, [200], Get("api/events"));
        await CheckAsync("GET /api/events", Kind.Valid, [200], Get("api/events?limit=1000"));
        await CheckAsync("GET /api/events", Kind.Invalid, [400], Get("api/events?limit=-1"));

        var setpoint = "POST /api/setpoint";
        await CheckAsync(setpoint, Kind.Valid, [200, 202], Post("api/setpoint", """{"mpa": 0.45}"""));
        await CheckAsync(setpoint, Kind.Valid, [200, 202], Post("api/setpoint", """{"mpa": 0.5}""", remote: true, token: Token));
        await CheckAsync(setpoint, Kind.Rule, [401], Post("api/setpoint", """{"mpa": 0.55}""", remote: true));
        await CheckAsync(setpoint, Kind.Rule, [403], Post("api/setpoint", """{"mpa": 0.55}""", origin: "http://127.0.0.1:1"));
        await CheckAsync(setpoint, Kind.Invalid, [400], Post("api/setpoint", """{"mpa": "0.45"}"""));
        await CheckAsync(setpoint, Kind.Invalid, [400], Post("api/setpoint", """{"mpa": null}"""));
        await CheckAsync(setpoint, Kind.Invalid, [400], Post("api/setpoint", "{}"));
        await CheckAsync(setpoint, Kind.Invalid, [400], Post("api/setpoint", """{"mpa": 0.75}"""));
        await CheckAsync(setpoint, Kind.Invalid, [400], Post("api/setpoint", """{"mpa": 0.45, "bar": 4.5}"""));
        await CheckAsync(setpoint, Kind.Invalid, [400], Post("api/setpoint", """[0.45]"""));
        await CheckAsync(setpoint, Kind.Invalid, [415], Post("api/setpoint", """{"mpa": 0.45}""", contentType: "text/plain"));
        await CheckAsync(setpoint, Kind.Invalid, [413], Post("api/setpoint", Huge("mpa", "0.45")));

        var program = "POST /api/program";
        await CheckAsync(program, Kind.Valid, [200, 202], Post("api/program", """{"name": "eye"}"""));
        await CheckAsync(setpoint, Kind.Rule, [400], Post("api/setpoint", """{"mpa": 0.45}"""));
        await CheckAsync(program, Kind.Valid, [200, 202], Post("api/program", """{"name": "acne"}"""));
        await CheckAsync(program, Kind.Invalid, [400], Post("api/program", """{"name": "botox"}"""));
        await CheckAsync(program, Kind.Invalid, [400], Post("api/program", """{"name": 3}"""));
        await CheckAsync(program, Kind.Invalid, [400], Post("api/program", """{"program": "eye"}"""));
        await CheckAsync(program, Kind.Invalid, [415], Post("api/program", "", contentType: null));

        var source = "POST /api/source";
        await CheckAsync(source, Kind.Valid, [200, 202], Post("api/source", """{"source": "oxygen"}"""));
        await CheckAsync(source, Kind.Rule, [409], Post("api/source", """{"source": "compressor"}"""));
        await CheckAsync(source, Kind.Invalid, [400], Post("api/source", """{"source": "argon"}"""));
        await CheckAsync(source, Kind.Invalid, [400], Post("api/source", """{"source": null}"""));

        // Treatment plans (DESIGN §2.7): refused where no plan runs or the step does not exist, carried out otherwise.
        var plans = "GET /api/plans";
        var planStart = "POST /api/plan/start";
        var planNext = "POST /api/plan/next";
        var planPrevious = "POST /api/plan/previous";
        var planEnd = "POST /api/plan/end";
        var planSummary = "GET /api/plan/summary";
        await CheckAsync(plans, Kind.Valid, [200], Get("api/plans"));
        await CheckAsync(planSummary, Kind.Rule, [404], Get("api/plan/summary"));
        await CheckAsync(planNext, Kind.Rule, [409], Post("api/plan/next", ""));
        await CheckAsync(planStart, Kind.Valid, [200, 202], Post("api/plan/start", """{"plan": "gentle"}"""));
        await CheckAsync(planStart, Kind.Invalid, [400], Post("api/plan/start", """{"plan": "peel"}"""));
        await CheckAsync(planStart, Kind.Invalid, [400], Post("api/plan/start", """{"plan": 1}"""));
        await CheckAsync(planStart, Kind.Invalid, [400], Post("api/plan/start", "{}"));
        await CheckAsync(planPrevious, Kind.Rule, [409], Post("api/plan/previous", ""));
        await CheckAsync(planNext, Kind.Valid, [200, 202], Post("api/plan/next", ""));
        await CheckAsync(planNext, Kind.Invalid, [400], Post("api/plan/next", """{"step": 3}"""));
        await CheckAsync(planPrevious, Kind.Valid, [200, 202], Post("api/plan/previous", "{}"));
        await CheckAsync(planSummary, Kind.Valid, [200], Get("api/plan/summary"));
        await CheckAsync(planEnd, Kind.Valid, [200, 202], Post("api/plan/end", ""));
        await CheckAsync(planEnd, Kind.Rule, [409], Post("api/plan/end", ""));
        await CheckAsync(planEnd, Kind.Invalid, [400], Post("api/plan/end", "[]"));
        await CheckAsync(program, Kind.Valid, [200, 202], Post("api/program", """{"name": "acne"}"""));

        var ack = "POST /api/alarms/ack";
        await CheckAsync(ack, Kind.Valid, [200, 202], Post("api/alarms/ack", ""));
        await CheckAsync(ack, Kind.Valid, [200, 202], Post("api/alarms/ack", "{}"));
        await CheckAsync(ack, Kind.Invalid, [400], Post("api/alarms/ack", """{"code": "LiquidEmpty"}"""));
        await CheckAsync(ack, Kind.Invalid, [400], Post("api/alarms/ack", "[]"));
        await CheckAsync(ack, Kind.Rule, [415], Post("api/alarms/ack", "", contentType: null));
        await CheckAsync(ack, Kind.Rule, [403], Post("api/alarms/ack", "", origin: "null"));

        var pedal = "POST /api/sim/pedal";
        await CheckAsync(pedal, Kind.Valid, [200], Post("api/sim/pedal", """{"down": false}"""));
        await CheckAsync(pedal, Kind.Valid, [200], Post("api/sim/pedal", """{"down": true, "leaseS": 0.2}"""));
        await CheckAsync(pedal, Kind.Valid, [200], Post("api/sim/pedal", """{"down": false, "leaseS": 10}"""));
        await CheckAsync(pedal, Kind.Invalid, [400], Post("api/sim/pedal", """{"leaseS": 1}"""));
        await CheckAsync(pedal, Kind.Invalid, [400], Post("api/sim/pedal", """{"down": "yes"}"""));
        await CheckAsync(pedal, Kind.Invalid, [400], Post("api/sim/pedal", """{"down": true, "leaseS": 0.1}"""));
        await CheckAsync(pedal, Kind.Invalid, [400], Post("api/sim/pedal", """{"down": true, "leaseS": "1"}"""));
        await CheckAsync(pedal, Kind.Invalid, [413], Post("api/sim/pedal", Huge("down", "false")));
        await CheckAsync(pedal, Kind.Invalid, [415], Post("api/sim/pedal", """{"down": false}""", contentType: "application/x-www-form-urlencoded"));

        var power = "POST /api/sim/power";
        await CheckAsync(power, Kind.Valid, [200], Post("api/sim/power", """{"on": true}"""));
        await CheckAsync(power, Kind.Invalid, [400], Post("api/sim/power", """{"on": 1}"""));
        await CheckAsync(power, Kind.Invalid, [400], Post("api/sim/power", ""));

        await CheckAsync("GET /api/sim/faults", Kind.Valid, [200], Get("api/sim/faults"));
        var fault = "POST /api/sim/fault";
        await CheckAsync(fault, Kind.Valid, [200], Post("api/sim/fault", """{"fault": "liquid_empty"}"""));
        await CheckAsync(fault, Kind.Valid, [200], Post("api/sim/fault", """{"fault": "sensor_drift", "target": "p_src", "value": 0.001}"""));
        await CheckAsync("GET /api/sim/faults", Kind.Valid, [200], Get("api/sim/faults"));
        await CheckAsync(fault, Kind.Rule, [400], Post("api/sim/fault", """{"fault": "leak", "target": "p_out", "value": 0.01}"""));
        await CheckAsync(fault, Kind.Rule, [400], Post("api/sim/fault", """{"fault": "sensor_drift", "target": "p_out", "value": 3}"""));
        await CheckAsync(fault, Kind.Invalid, [400], Post("api/sim/fault", """{"fault": "loop_stall"}"""));
        await CheckAsync(fault, Kind.Invalid, [400], Post("api/sim/fault", """{"fault": "gremlins"}"""));
        await CheckAsync(fault, Kind.Invalid, [400], Post("api/sim/fault", """{"target": "p_out"}"""));
        await CheckAsync(fault, Kind.Invalid, [400], Post("api/sim/fault", """{"fault": "leak", "target": "manifold", "value": "a lot"}"""));
        var clear = "POST /api/sim/fault/clear";
        await CheckAsync(clear, Kind.Valid, [200], Post("api/sim/fault/clear", """{"fault": "sensor_drift", "target": "p_src"}"""));
        await CheckAsync(clear, Kind.Valid, [200], Post("api/sim/fault/clear", """{"fault": "liquid_empty"}"""));
        await CheckAsync(clear, Kind.Invalid, [400], Post("api/sim/fault/clear", """{"fault": "leak", "target": "everywhere"}"""));
        await CheckAsync(clear, Kind.Invalid, [400], Post("api/sim/fault/clear", """{"fault": "leak", "value": 1}"""));
        await CheckAsync(ack, Kind.Valid, [200, 202], Post("api/alarms/ack", ""));

        var code = "POST /api/sessions/current/client-code";
        await CheckAsync(code, Kind.Valid, [200], Post("api/sessions/current/client-code", """{"code": "C-0042"}"""));
        await CheckAsync(code, Kind.Invalid, [400], Post("api/sessions/current/client-code", """{"code": "Jane Doe"}"""));
        await CheckAsync(code, Kind.Invalid, [400], Post("api/sessions/current/client-code", """{"code": ""}"""));
        await CheckAsync(code, Kind.Invalid, [400], Post("api/sessions/current/client-code", """{"code": "C-0042-0042-0042-0042"}"""));
        await CheckAsync(code, Kind.Invalid, [413], Post("api/sessions/current/client-code", Huge("code", "\"C-1\"")));

        // Consumables and wear counters (DESIGN §2.8).
        await CheckAsync("GET /api/consumables", Kind.Valid, [200], Get("api/consumables"));
        var refilled = "POST /api/consumables/bottle-refilled";
        await CheckAsync(refilled, Kind.Valid, [200], Post("api/consumables/bottle-refilled", """{"ml": 100}"""));
        await CheckAsync(refilled, Kind.Invalid, [400], Post("api/consumables/bottle-refilled", """{"ml": 0}"""));
        await CheckAsync(refilled, Kind.Invalid, [400], Post("api/consumables/bottle-refilled", """{"ml": 5000}"""));
        await CheckAsync(refilled, Kind.Invalid, [400], Post("api/consumables/bottle-refilled", """{"ml": "100"}"""));
        await CheckAsync(refilled, Kind.Invalid, [400], Post("api/consumables/bottle-refilled", "{}"));
        await CheckAsync(refilled, Kind.Rule, [403], Post("api/consumables/bottle-refilled", """{"ml": 100}""", origin: "http://evil.example"));
        var changed = "POST /api/consumables/cylinder-changed";
        await CheckAsync(changed, Kind.Valid, [200], Post("api/consumables/cylinder-changed", """{"litres": 4.5, "mpa": 15}"""));
        await CheckAsync(changed, Kind.Invalid, [400], Post("api/consumables/cylinder-changed", """{"litres": 4.5}"""));
        await CheckAsync(changed, Kind.Invalid, [400], Post("api/consumables/cylinder-changed", """{"litres": 4.5, "mpa": 40}"""));
        await CheckAsync(changed, Kind.Invalid, [400], Post("api/consumables/cylinder-changed", """{"litres": 4.5, "mpa": 15, "bar": 150}"""));
        await CheckAsync(changed, Kind.Invalid, [415], Post("api/consumables/cylinder-changed", """{"litres": 4.5, "mpa": 15}""", contentType: "text/plain"));
        await CheckAsync("GET /api/consumables", Kind.Valid, [200], Get("api/consumables"));
        await CheckAsync("GET /api/maintenance", Kind.Valid, [200], Get("api/maintenance"));

        // The daily routines (DESIGN §2.8): one at a time, the purge closes the source; the gas is chosen again after it.
        var routines = "GET /api/day-routines";
        var check = "POST /api/day-routines/check";
        var purge = "POST /api/day-routines/purge";
        var stop = "POST /api/day-routines/stop";
        await CheckAsync(routines, Kind.Valid, [200], Get("api/day-routines"));
        await CheckAsync(check, Kind.Valid, [200, 202], Post("api/day-routines/check", ""));
        await CheckAsync(purge, Kind.Rule, [409], Post("api/day-routines/purge", ""));
        await CheckAsync(check, Kind.Invalid, [400], Post("api/day-routines/check", """{"source": "oxygen"}"""));
        await CheckAsync(check, Kind.Rule, [415], Post("api/day-routines/check", "", contentType: null));
        await CheckAsync(routines, Kind.Valid, [200], Get("api/day-routines"));
        await CheckAsync(stop, Kind.Valid, [200, 202], Post("api/day-routines/stop", ""));
        await CheckAsync(purge, Kind.Valid, [200, 202], Post("api/day-routines/purge", "{}"));
        await CheckAsync(stop, Kind.Invalid, [400], Post("api/day-routines/stop", "[]"));
        await CheckAsync(stop, Kind.Rule, [403], Post("api/day-routines/stop", "", origin: "http://evil.example"));
        await CheckAsync(stop, Kind.Valid, [200, 202], Post("api/day-routines/stop", ""));
        await api.WaitForStateAsync("Idle");
        await CheckAsync(check, Kind.Rule, [409], Post("api/day-routines/check", ""));
        await CheckAsync(routines, Kind.Valid, [200], Get("api/day-routines"));
        await CheckAsync(source, Kind.Valid, [200, 202], Post("api/source", """{"source": "oxygen"}"""));
        await api.WaitForStateAsync("Ready");
    }

    /// <summary>
    /// The screen's language: the string table and the switch, on the device itself (the device's
    /// language) and from beyond it (a browser's cookie); refusals in Chinese carry the same codes.
    /// </summary>
    private async Task DriveLanguageAsync()
    {
        var strings = "GET /api/ui/strings";
        Expect(strings, await CheckAsync(strings, Kind.Valid, [200], Get("api/ui/strings")), "en", "device");
        Expect(strings, await CheckAsync(strings, Kind.Valid, [200], Get("api/ui/strings", remote: true, token: Token, language: "zh-Hans;q=0.9, en;q=0.8")), "zh-CN", "browser");
        await CheckAsync(strings, Kind.Rule, [401], Get("api/ui/strings", remote: true, language: "zh-CN"));

        var choose = "POST /api/ui/language";
        Expect(choose, await CheckAsync(choose, Kind.Valid, [200], Post("api/ui/language", """{"language": "zh-CN"}""")), "zh-CN", "device");
        Expect(strings, await CheckAsync(strings, Kind.Valid, [200], Get("api/ui/strings")), "zh-CN", "device");

        // The device now speaks Chinese: its refusals too, with the same codes, in the same schema.
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", """{"language": "fr"}"""));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", """{"language": "zh"}"""));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", """{"language": "EN"}"""));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", """{"language": null}"""));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", """{"language": 1}"""));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", "{}"));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", """{"language": "en", "scope": "device"}"""));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", """["en"]"""));
        await CheckAsync(choose, Kind.Invalid, [400], Post("api/ui/language", ""));
        await CheckAsync(choose, Kind.Invalid, [413], Post("api/ui/language", Huge("language", "\"en\"")));
        await CheckAsync(choose, Kind.Invalid, [415], Post("api/ui/language", """{"language": "en"}""", contentType: "text/plain"));
        await CheckAsync(choose, Kind.Invalid, [415], Post("api/ui/language", "language=en", contentType: "application/x-www-form-urlencoded"));
        await CheckAsync(choose, Kind.Rule, [403], Post("api/ui/language", """{"language": "en"}""", origin: "http://evil.example"));
        await CheckAsync(choose, Kind.Rule, [401], Post("api/ui/language", """{"language": "en"}""", remote: true));
        await CheckAsync(choose, Kind.Rule, [401], Post("api/ui/language", """{"language": "en"}""", remote: true, token: Token[..^1] + "0"));

        // From beyond the device: this browser's choice only, in a cookie.
        Expect(choose, await CheckAsync(choose, Kind.Valid, [200], Post("api/ui/language", """{"language": "en"}""", remote: true, token: Token)), "en", "browser");
        Expect(choose, await CheckAsync(choose, Kind.Valid, [200], Post("api/ui/language", """{"language": "en"}""")), "en", "device");
    }

    private void Expect(string operation, JsonElement answer, string language, string scope)
    {
        var (said, whose) = (answer.GetProperty("language").GetString(), answer.GetProperty("scope").GetString());
        if (said != language || whose != scope)
        {
            _failures.Add($"{operation}: answered language {said} ({whose}), expected {language} ({scope})");
        }
    }

    private async Task DriveEngineerAsync()
    {
        await CheckAsync("GET /api/service/status", Kind.Valid, [200], Get("api/service/status", engineer: true));
        await CheckAsync("GET /api/service/status", Kind.Invalid, [401], Get("api/service/status"));
        await CheckAsync("GET /api/service/access", Kind.Valid, [200], Get("api/service/access", engineer: true));
        await CheckAsync("GET /api/service/access", Kind.Valid, [200], Get("api/service/access?limit=5", engineer: true));
        await CheckAsync("GET /api/service/access", Kind.Invalid, [400], Get("api/service/access?limit=0", engineer: true));
        await CheckAsync("GET /api/service/access", Kind.Invalid, [400], Get("api/service/access?limit=many", engineer: true));
        await CheckAsync("GET /api/service/calibration", Kind.Rule, [404], Get("api/service/calibration", engineer: true));
        await CheckAsync("POST /api/service/calibration/hold", Kind.Rule, [409], Post("api/service/calibration/hold", """{"targetMpa": 0}""", engineer: true));
        await CheckAsync("POST /api/service/tune/apply", Kind.Rule, [409], Post("api/service/tune/apply", "", engineer: true));

        var interval = "POST /api/service/maintenance/interval";
        await CheckAsync(interval, Kind.Valid, [200], Post("api/service/maintenance/interval", """{"item": "sprayHours", "interval": 400}""", engineer: true));
        await CheckAsync(interval, Kind.Invalid, [400], Post("api/service/maintenance/interval", """{"item": "nozzleHours", "interval": 400}""", engineer: true));
        await CheckAsync(interval, Kind.Invalid, [400], Post("api/service/maintenance/interval", """{"item": "sprayHours", "interval": 0}""", engineer: true));
        await CheckAsync(interval, Kind.Invalid, [401], Post("api/service/maintenance/interval", """{"item": "sprayHours", "interval": 400}"""));
        var serviced = "POST /api/service/maintenance/serviced";
        await CheckAsync(serviced, Kind.Valid, [200], Post("api/service/maintenance/serviced", """{"item": "ventValveCycles"}""", engineer: true));
        await CheckAsync(serviced, Kind.Invalid, [400], Post("api/service/maintenance/serviced", "{}", engineer: true));

        var enter = "POST /api/service/enter";
        await CheckAsync(enter, Kind.Invalid, [400], Post("api/service/enter", """{"now": true}""", engineer: true));
        await CheckAsync(enter, Kind.Rule, [415], Post("api/service/enter", "", contentType: null, engineer: true));
        await CheckAsync(enter, Kind.Valid, [200], Post("api/service/enter", "", engineer: true));
        await CheckAsync(enter, Kind.Valid, [200], Post("api/service/enter", "{}", engineer: true));
        var renew = "POST /api/service/renew";
        await CheckAsync(renew, Kind.Valid, [200], Post("api/service/renew", "", engineer: true));
        await CheckAsync(renew, Kind.Invalid, [400], Post("api/service/renew", """{"leaseS": 60}""", engineer: true));
        await CheckAsync("POST /api/program", Kind.Rule, [409], Post("api/program", """{"name": "cleanse"}"""));

        var hold = "POST /api/service/calibration/hold";
        var reference = "POST /api/service/calibration/reference";
        await CheckAsync(reference, Kind.Rule, [409], Post("api/service/calibration/reference", """{"referenceMpa": 0}""", engineer: true));
        await CheckAsync(hold, Kind.Invalid, [400], Post("api/service/calibration/hold", """{"targetMpa": 0.9}""", engineer: true));
        await CheckAsync(hold, Kind.Invalid, [400], Post("api/service/calibration/hold", """{"targetMpa": "0"}""", engineer: true));
        await CheckAsync(hold, Kind.Invalid, [400], Post("api/service/calibration/hold", "", engineer: true));
        foreach (var target in new[] { 0.0, 0.45 })
        {
            var held = await CheckAsync(hold, Kind.Valid, [200], Post("api/service/calibration/hold", $$"""{"targetMpa": {{target.ToString(CultureInfo.InvariantCulture)}}}""", engineer: true));
            var truth = held.GetProperty("simulatorTrueMpa").GetDouble();
            if (target > 0)
            {
                await CheckAsync(reference, Kind.Rule, [400], Post("api/service/calibration/reference", """{"referenceMpa": 0.9}""", engineer: true));
            }

            await CheckAsync(reference, Kind.Valid, [200], Post("api/service/calibration/reference", $$"""{"referenceMpa": {{Math.Round(truth, 4).ToString(CultureInfo.InvariantCulture)}}}""", engineer: true));
        }

        await CheckAsync(reference, Kind.Invalid, [400], Post("api/service/calibration/reference", "{}", engineer: true));
        await CheckAsync("GET /api/service/calibration", Kind.Valid, [200], Get("api/service/calibration", engineer: true));
        await CheckAsync("POST /api/service/calibration/commit", Kind.Invalid, [400], Post("api/service/calibration/commit", """{"yes": true}""", engineer: true));
        await CheckAsync("POST /api/service/calibration/commit", Kind.Valid, [200], Post("api/service/calibration/commit", "", engineer: true));

        // As left and the certificate.
        var verify = "POST /api/service/calibration/verify";
        await CheckAsync(hold, Kind.Valid, [200], Post("api/service/calibration/hold", """{"targetMpa": 0}""", engineer: true));
        await CheckAsync(verify, Kind.Invalid, [400], Post("api/service/calibration/verify", "{}", engineer: true));
        await CheckAsync(verify, Kind.Valid, [200], Post("api/service/calibration/verify", """{"referenceMpa": 0}""", engineer: true));
        var certificate = "POST /api/service/calibration/certificate";
        await CheckAsync(certificate, Kind.Invalid, [400], Post("api/service/calibration/certificate", "{}", engineer: true));
        await CheckAsync(certificate, Kind.Valid, [200], Post("api/service/calibration/certificate", """{"referenceId": "DPG-2041"}""", engineer: true));
        foreach (var format in new[] { "txt", "csv" })
        {
            await CheckAsync($"GET /api/service/calibration/certificate.{format}", Kind.Valid, [200], Get($"api/service/calibration/certificate.{format}", engineer: true));
            await CheckAsync($"GET /api/service/calibration/certificate.{format}", Kind.Invalid, [400], Get($"api/service/calibration/certificate.{format}?revision=0", engineer: true));
            await CheckAsync($"GET /api/service/calibration/certificate.{format}", Kind.Rule, [404], Get($"api/service/calibration/certificate.{format}?revision=99", engineer: true));
        }
        await CheckAsync("POST /api/service/calibration/commit", Kind.Rule, [409], Post("api/service/calibration/commit", "", engineer: true));
        await CheckAsync("DELETE /api/service/calibration", Kind.Valid, [204], Send(HttpMethod.Delete, "api/service/calibration", "", engineer: true));
        await CheckAsync("DELETE /api/service/calibration", Kind.Invalid, [400], Send(HttpMethod.Delete, "api/service/calibration", """{"points": []}""", engineer: true));

        var leak = "POST /api/service/leak-test";
        await CheckAsync(leak, Kind.Invalid, [400], Post("api/service/leak-test", """{"durationS": 0}""", engineer: true));
        await CheckAsync(leak, Kind.Invalid, [400], Post("api/service/leak-test", """{"limitMpa": 0}""", engineer: true));
        await CheckAsync(leak, Kind.Invalid, [400], Post("api/service/leak-test", """{"pressureMpa": 0.05}""", engineer: true));
        await CheckAsync(leak, Kind.Valid, [200], Post("api/service/leak-test", """{"pressureMpa": 0.4, "settleS": 0, "durationS": 1, "limitMpa": 0.05}""", engineer: true));
        await CheckAsync(leak, Kind.Invalid, [400], Post("api/service/leak-test", """{"limitKpaPerMin": 0}""", engineer: true));
        await CheckAsync(leak, Kind.Valid, [200], Post("api/service/leak-test", """{"pressureMpa": 0.4, "settleS": 0, "durationS": 1, "limitKpaPerMin": 20}""", engineer: true));
        await CheckAsync("GET /api/service/leak-tests", Kind.Valid, [200], Get("api/service/leak-tests?limit=2", engineer: true));
        await CheckAsync("GET /api/service/leak-tests", Kind.Invalid, [400], Get("api/service/leak-tests?limit=0", engineer: true));

        var step = "POST /api/service/step-test";
        await CheckAsync(step, Kind.Invalid, [400], Post("api/service/step-test", """{"toMpa": 0.8}""", engineer: true));
        await CheckAsync(step, Kind.Invalid, [400], Post("api/service/step-test", """{"recordS": 0.1}""", engineer: true));
        await CheckAsync(step, Kind.Valid, [200], Post("api/service/step-test", """{"fromMpa": 0.3, "toMpa": 0.4, "recordS": 0.5}""", engineer: true));

        await CheckAsync("POST /api/service/tune", Kind.Invalid, [400], Post("api/service/tune", """{"quick": true}""", engineer: true));
        await CheckAsync("POST /api/service/tune", Kind.Valid, [200], Post("api/service/tune", "", engineer: true));
        await CheckAsync("POST /api/service/tune/apply", Kind.Invalid, [400], Post("api/service/tune/apply", "[]", engineer: true));
        // On the default plant no candidate may measure better than the configured gains: then there is nothing to apply (409).
        await CheckAsync("POST /api/service/tune/apply", Kind.Valid, [200, 409], Post("api/service/tune/apply", "", engineer: true));

        var exit = "POST /api/service/exit";
        await CheckAsync(exit, Kind.Invalid, [400], Post("api/service/exit", """{"force": true}""", engineer: true));
        await CheckAsync(exit, Kind.Valid, [200], Post("api/service/exit", "", engineer: true));
        await CheckAsync(exit, Kind.Valid, [200], Post("api/service/exit", "{}", engineer: true));
    }

    private async Task DriveEndingAsync(ApiHarness api)
    {
        var shutdown = "POST /api/shutdown";
        await api.WaitForStateAsync("Ready", 60);
        await CheckAsync(shutdown, Kind.Invalid, [400], Post("api/shutdown", """{"now": true}"""));
        await CheckAsync(shutdown, Kind.Rule, [403], Post("api/shutdown", "", origin: "http://evil.example"));
        await CheckAsync(shutdown, Kind.Valid, [202], Post("api/shutdown", ""));
        await api.WaitForStateAsync("Off", 60);
        await CheckAsync(shutdown, Kind.Rule, [409], Post("api/shutdown", "{}"));
        await api.WaitForAsync(s => !s.GetProperty("session").GetProperty("active").GetBoolean(), "out of session");
        await Task.Delay(500);
        await CheckAsync("POST /api/sessions/current/client-code", Kind.Rule, [409], Post("api/sessions/current/client-code", """{"code": "C-0043"}"""));
        await CheckAsync("POST /api/service/enter", Kind.Rule, [409], Post("api/service/enter", "", engineer: true));

        // Wrong engineer credentials until access locks (401, then 429): last, as it locks the engineer out.
        var locked = false;
        for (var i = 0; i <= EngineerAccess.MaxFailures && !locked; i++)
        {
            using var request = Get("api/service/status");
            request.Headers.Authorization = Basic("mallory", "guess " + i);
            var (status, _) = await SendAsync("GET /api/service/status", Kind.Rule, [401, 429], request);
            locked = status == 429;
        }

        if (!locked)
        {
            _failures.Add($"GET /api/service/status: {EngineerAccess.MaxFailures + 1} wrong credentials never locked engineer access (429)");
        }
    }

    /// <summary>Prism waits for the end of an answer, and an event stream has none: this one is checked here, against the document's words.</summary>
    private async Task CheckStreamDirectlyAsync(ApiHarness api)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await api.Http.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        _requests++;
        Exercised("GET /api/stream", Kind.Valid);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            _failures.Add($"GET /api/stream: {(int)response.StatusCode} {response.Content.Headers.ContentType}, not 200 text/event-stream");
            return;
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var first = await reader.ReadLineAsync(cancel.Token);
        if (first != "event: " + LiveFeed.StatusEvent)
        {
            _failures.Add($"GET /api/stream: the first event is '{first}', not the 'status' event the document describes");
        }
    }

    /// <summary>Every operation was driven; every one that takes input, with input the document refuses too.</summary>
    private void CheckCoverage(IReadOnlyList<string> operations, JsonElement document)
    {
        foreach (var operation in operations)
        {
            var kinds = _exercised.GetValueOrDefault(operation) ?? [];
            if (!kinds.Contains(Kind.Valid))
            {
                _failures.Add($"{operation}: never driven with a valid request");
            }

            if (TakesInput(document, operation) && !kinds.Contains(Kind.Invalid) && !kinds.Contains(Kind.Rule))
            {
                _failures.Add($"{operation}: takes input but was never driven with input it refuses");
            }
        }

        foreach (var extra in _exercised.Keys.Except(operations))
        {
            _failures.Add($"{extra}: driven, but the document has no such operation");
        }
    }

    private async Task<JsonElement> CheckAsync(string operation, Kind kind, int[] statuses, HttpRequestMessage request) =>
        (await SendAsync(operation, kind, statuses, request)).Body;

    private async Task<(int Status, JsonElement Body)> SendAsync(string operation, Kind kind, int[] statuses, HttpRequestMessage request)
    {
        using (request)
        {
            var what = $"{operation} [{kind}] {request.Method} {request.RequestUri}";
            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            _requests++;
            Exercised(operation, kind);
            var status = (int)response.StatusCode;
            var violations = PrismProxy.Violations(response);
            var aboutRequest = violations.Where(v => v.AboutRequest).ToList();
            var aboutAnswer = violations.Where(v => !v.AboutRequest).ToList();

            foreach (var v in aboutAnswer)
            {
                _failures.Add($"{what}: answer {status} departs from the document: {v.Location}: {v.Message}");
            }

            if (status >= 500)
            {
                _failures.Add($"{what}: answered {status}: {Shorten(text)}");
            }

            if (!statuses.Contains(status))
            {
                _failures.Add($"{what}: answered {status}, expected {string.Join(" or ", statuses)}: {Shorten(text)}");
            }

            switch (kind)
            {
                case Kind.Invalid when aboutRequest.Count == 0:
                    _failures.Add($"{what}: the server refused it ({status}) but the document takes it: {Shorten(text)}");
                    break;
                case Kind.Valid or Kind.Rule when aboutRequest.Count > 0:
                    _failures.Add($"{what}: the document refuses it ({string.Join("; ", aboutRequest.Select(v => $"{v.Location}: {v.Message}"))}) but it is {(kind == Kind.Valid ? "valid" : "refused only by a stated rule")}");
                    break;
            }

            var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(text).RootElement.Clone()
                : default;
            return (status, body);
        }
    }

    private void Exercised(string operation, Kind kind)
    {
        if (!_exercised.TryGetValue(operation, out var kinds))
        {
            _exercised[operation] = kinds = [];
        }

        kinds.Add(kind);
        _requestsOfKind[kind] = _requestsOfKind.GetValueOrDefault(kind) + 1;
    }

    private int Count(Kind kind) => _requestsOfKind.GetValueOrDefault(kind);

    private static HttpRequestMessage Get(string path, bool engineer = false, bool remote = false, string? token = null, string? language = null)
    {
        var request = Request(HttpMethod.Get, path, body: null, contentType: null, engineer, remote, token, origin: null);
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        return request;
    }

    private static HttpRequestMessage Post(string path, string body, string? contentType = "application/json", bool engineer = false, bool remote = false, string? token = null, string? origin = null) =>
        Request(HttpMethod.Post, path, body, contentType, engineer, remote, token, origin);

    private static HttpRequestMessage Send(HttpMethod method, string path, string body, bool engineer) =>
        Request(method, path, body, "application/json", engineer, remote: false, token: null, origin: null);

    private static HttpRequestMessage Request(HttpMethod method, string path, string? body, string? contentType, bool engineer, bool remote, string? token, string? origin)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (engineer)
        {
            request.Headers.Authorization = SignedIn();
        }
        else if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (remote)
        {
            request.Headers.Add(ApiHarness.RemoteAddressHeader, Remote);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return request;
    }

    /// <summary>A body over the 4 KiB every endpoint takes, with one real field so that only its size is wrong.</summary>
    private static string Huge(string field, string value) =>
        $$"""{"{{field}}": {{value}}, "pad": "{{new string('x', JsonBody.MaxBytes)}}"}""";

    private static List<string> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();

    private static bool TakesInput(JsonElement document, string operation)
    {
        var (method, path) = (operation[..operation.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant(), operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var op = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        return op.TryGetProperty("requestBody", out _) || op.TryGetProperty("parameters", out _) || method != "get"
            || (op.TryGetProperty("security", out var security) && security.EnumerateArray().All(r => r.EnumerateObject().Any()));
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static string PrismVersion()
    {
        var manifest = Path.Combine(PrismProxy.Folder, "node_modules", "@stoplight", "prism-cli", "package.json");
        return File.Exists(manifest) ? JsonDocument.Parse(File.ReadAllText(manifest)).RootElement.GetProperty("version").GetString() ?? "?" : "?";
    }

    /// <summary>
    /// For a scratch run that shows the checker catches a lie: HYDROXY_OPENAPI_LIE names a change to
    /// the document before Prism reads it. Unset in CI.
    /// </summary>
    /// <remarks>
    /// <c>mpa-string</c>: the setpoint's <c>mpa</c> as string-or-null (the old document's lie);
    /// <c>lease-required</c>: the pedal's <c>leaseS</c> required; <c>no-415</c>: the setpoint's 415 left out;
    /// <c>status-answer</c>: the status answer's <c>state</c> an integer; <c>problem-code</c>: two codes the
    /// server sends (a foreign Origin's, an unsupported language's) left out of the problem's <c>code</c>.
    /// </remarks>
    private static string ChangeForScratchRun(string text)
    {
        var lie = Environment.GetEnvironmentVariable("HYDROXY_OPENAPI_LIE");
        if (string.IsNullOrEmpty(lie))
        {
            return text;
        }

        var document = JsonNode.Parse(text)!;
        var schemas = document["components"]!["schemas"]!;
        switch (lie)
        {
            case "mpa-string":
                schemas["SetpointRequest"]!["properties"]!["mpa"] = JsonNode.Parse("""{"type": ["null", "number", "string"]}""");
                break;
            case "lease-required":
                schemas["PedalRequest"]!["required"] = JsonNode.Parse("""["down", "leaseS"]""");
                break;
            case "no-415":
                document["paths"]!["/api/setpoint"]!["post"]!["responses"]!.AsObject().Remove("415");
                break;
            case "problem-code":
                foreach (var problem in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
                {
                    var codes = schemas[problem]!["properties"]!["code"]!["enum"]!.AsArray();
                    foreach (var code in codes.Where(c => c!.GetValue<string>() is "OriginForeign" or "LanguageUnsupported").ToList())
                    {
                        codes.Remove(code);
                    }
                }

                break;
            case "status-answer":
                schemas["StatusResponse"]!["properties"]!["state"] = JsonNode.Parse("""{"type": "integer"}""");
                break;
            default:
                throw new InvalidOperationException($"HYDROXY_OPENAPI_LIE: unknown lie '{lie}'");
        }

        return document.ToJsonString();
    }
}
