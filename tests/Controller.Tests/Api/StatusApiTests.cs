using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HydroOxygen.Controller.Tests.Api;

public sealed class StatusApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Status_has_the_contract_fields_with_their_names()
    {
        var status = await _api.ReadyAsync();

        Assert.Equal("Ready", status.GetProperty("state").GetString());
        Assert.Equal("cleanse", status.GetProperty("program").GetString());
        Assert.Equal("oxygen", status.GetProperty("gasSource").GetString());
        Assert.Equal(0.40, status.GetProperty("setpointMpa").GetDouble(), 3);
        var pressures = status.GetProperty("pressures");
        Assert.InRange(pressures.GetProperty("outMpa").GetDouble(), 0.37, 0.43);
        Assert.True(pressures.TryGetProperty("bottleMpa", out _));
        Assert.InRange(pressures.GetProperty("srcMpa").GetDouble(), 0.6, 0.8);
        Assert.False(status.GetProperty("pedal").GetBoolean());
        Assert.Equal(JsonValueKind.Array, status.GetProperty("alarms").ValueKind);
        var session = status.GetProperty("session");
        Assert.True(session.GetProperty("active").GetBoolean());
        Assert.True(session.GetProperty("elapsedS").GetDouble() > 0);
        Assert.Equal(0.30, status.GetProperty("setpointRange").GetProperty("minMpa").GetDouble());
        Assert.Equal(0.60, status.GetProperty("setpointRange").GetProperty("maxMpa").GetDouble());
    }

    [Fact]
    public async Task Status_reports_the_loop_timing_measured_on_every_tick()
    {
        var first = (await _api.ReadyAsync()).GetProperty("loop");
        var firstTicks = first.GetProperty("ticks").GetInt64();
        var loop = (await _api.WaitForAsync(s => s.GetProperty("loop").GetProperty("ticks").GetInt64() > firstTicks, "the loop to tick on")).GetProperty("loop");

        Assert.True(firstTicks > 0, "no ticks counted by Ready");
        Assert.Equal(500.0, loop.GetProperty("rateHz").GetDouble());
        Assert.Equal(0, loop.GetProperty("overruns").GetInt64());
        Assert.Equal(0, loop.GetProperty("skippedDeadlines").GetInt64());

        // The harness runs the loop in virtual time, every tick exactly one 2 ms period after the last.
        Assert.Equal(2000.0, loop.GetProperty("meanPeriodUs").GetDouble(), 1);
        Assert.Equal(2000.0, loop.GetProperty("minPeriodUs").GetDouble(), 1);
        Assert.Equal(2000.0, loop.GetProperty("maxPeriodUs").GetDouble(), 1);
        Assert.InRange(loop.GetProperty("latenessP99Us").GetDouble(), 0.0, 1.0);
        Assert.InRange(loop.GetProperty("latenessMaxUs").GetDouble(), 0.0, 1.0);
        Assert.True(loop.TryGetProperty("maxStepUs", out _));
    }

    [Fact]
    public async Task An_alarm_is_code_priority_since_and_acknowledged_with_since_in_wall_clock_time()
    {
        await _api.ReadyAsync();
        var response = await _api.PostJsonAsync("api/sim/fault", """{"fault": "liquid_empty"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var status = await _api.WaitForAsync(s => s.GetProperty("alarms").GetArrayLength() > 0, "alarming");
        var alarm = status.GetProperty("alarms")[0];
        Assert.Equal("LiquidEmpty", alarm.GetProperty("code").GetString());
        Assert.Equal("medium", alarm.GetProperty("priority").GetString());
        Assert.False(alarm.GetProperty("acknowledged").GetBoolean());
        Assert.True(alarm.GetProperty("active").GetBoolean());

        // The harness's clock starts on 2026-01-01 08:00 UTC and runs the loop in virtual time.
        var since = alarm.GetProperty("since").GetDateTimeOffset();
        var now = status.GetProperty("time").GetDateTimeOffset();
        Assert.Equal(2026, since.Year);
        Assert.InRange((now - since).TotalSeconds, 0, 10);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", alarm.GetProperty("since").GetString());
    }

    [Fact]
    public async Task Device_describes_the_backend_limits_programs_and_sources()
    {
        var device = await _api.Http.GetFromJsonAsync<JsonElement>("api/device");

        Assert.Equal("simulator", device.GetProperty("backend").GetString());
        Assert.True(device.GetProperty("simulated").GetBoolean());
        Assert.Equal(0.30, device.GetProperty("setpointLimits").GetProperty("minMpa").GetDouble());
        Assert.Equal(0.60, device.GetProperty("setpointLimits").GetProperty("maxMpa").GetDouble());
        var programs = device.GetProperty("programs").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["acne", "cleanse", "eye", "nourish", "custom"], programs.Keys);
        Assert.True(programs["acne"].GetProperty("requiresOxygen").GetBoolean());
        Assert.Equal(0.35, programs["eye"].GetProperty("ceilingMpa").GetDouble());
        Assert.Equal(["oxygen", "compressor"], device.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.True(device.GetProperty("records").GetBoolean());
        Assert.False(device.GetProperty("clientCodes").GetBoolean());
    }

    [Fact]
    public async Task The_OpenAPI_description_lists_every_endpoint()
    {
        var document = await _api.Http.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        string[] expected =
        [
            "/api/status", "/api/device", "/api/stream", "/api/setpoint", "/api/program", "/api/source", "/api/alarms/ack",
            "/api/shutdown", "/api/sessions", "/api/sessions/{id}", "/api/sessions/export.csv", "/api/sessions/{id}/export.csv",
            "/api/sessions/{id}/events.csv", "/api/events", "/api/sim/pedal", "/api/sim/power", "/api/sim/faults",
            "/api/sim/fault", "/api/sim/fault/clear",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
        var setpoint = document.GetProperty("paths").GetProperty("/api/setpoint").GetProperty("post");
        Assert.True(setpoint.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(setpoint.GetProperty("responses").TryGetProperty("400", out _));
        var loop = document.GetProperty("components").GetProperty("schemas").GetProperty("LoopTimingResponse").GetProperty("properties");
        Assert.All(["rateHz", "ticks", "overruns", "latenessP99Us", "meanPeriodUs"], field => Assert.True(loop.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task An_unknown_API_path_is_a_JSON_404()
    {
        var response = await _api.Http.GetAsync("api/nothing/here");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("openapi", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_is_a_JSON_405()
    {
        var response = await _api.Http.GetAsync("api/setpoint");

        await Problems.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task The_dashboard_is_served_from_the_device_itself()
    {
        var response = await _api.Http.GetAsync("");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hydro-oxygen device", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var asset in new[] { "css/dashboard.css", "js/dashboard.js", "js/chart.js", "js/api.js", "js/simulator.js", "js/format.js", "js/i18n.js" })
        {
            var file = await _api.Http.GetAsync(asset);
            Assert.True(file.IsSuccessStatusCode, asset);
            Assert.DoesNotContain("//cdn", await file.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
