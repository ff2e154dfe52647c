using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HydroOxygen.Controller.Records;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>Session records and the event log through the API.</summary>
public sealed class RecordApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.ReadyAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_open_treatment_is_listed_with_its_events_from_its_first_spray()
    {
        await Problems.JsonAsync(await _api.PostJsonAsync("api/setpoint", """{"mpa": 0.45}"""));
        await _api.WaitForAsync(s => s.GetProperty("setpointMpa").GetDouble() == 0.45, "the setpoint");
        var id = await OpenSessionAsync();

        var detail = await DetailAsync(id, d => d.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("detail").GetString()!.EndsWith("→ Spraying", StringComparison.Ordinal)));
        var session = detail.GetProperty("session");
        Assert.Equal("cleanse", session.GetProperty("program").GetString());
        Assert.Equal("oxygen", session.GetProperty("gasSource").GetString());
        Assert.Equal([0.45], session.GetProperty("setpointsMpa").EnumerateArray().Select(s => s.GetDouble()));
        Assert.Equal(JsonValueKind.Null, session.GetProperty("endedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, session.GetProperty("clientCode").ValueKind);
        var events = detail.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("session_started", events[0].GetProperty("kind").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("detail").GetString() == "Off → SelfTest");
    }

    /// <summary>Issue 15 finding 10: the manager's figures per local day, as JSON and as CSV.</summary>
    [Fact]
    public async Task The_daily_summary_counts_todays_treatment()
    {
        var id = await OpenSessionAsync();
        var started = (await DetailAsync(id, _ => true)).GetProperty("session").GetProperty("startedAt").GetDateTimeOffset();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(started, TimeZoneInfo.Local).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var summary = await _api.Http.GetFromJsonAsync<JsonElement>($"api/sessions/summary?to={today}");
        var days = summary.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.Equal(today, days[^1].GetProperty("date").GetString());
        Assert.Equal(1, days[^1].GetProperty("figures").GetProperty("treatments").GetInt32());
        Assert.Equal("cleanse", Assert.Single(days[^1].GetProperty("programs").EnumerateArray()).GetProperty("program").GetString());
        var csv = await _api.Http.GetByteArrayAsync($"api/sessions/summary.csv?from={today}&to={today}");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var rows = System.Text.Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SessionCsv.SummaryHeader, rows[0]);
        Assert.StartsWith($"{today},,1,", rows[1], StringComparison.Ordinal);
        Assert.StartsWith($"{today},cleanse,1,", rows[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/sessions/summary?from=2026-13-01", "from", "from: must be a date as yyyy-MM-dd, was '2026-13-01'")]
    [InlineData("api/sessions/summary.csv?to=today", "to", "to: must be a date as yyyy-MM-dd, was 'today'")]
    [InlineData("api/sessions/summary?from=2026-03-02&to=2026-03-01", "to", "to: must not be before 'from' (2026-03-02)")]
    public async Task A_bad_summary_date_is_400_naming_it(string path, string field, string message)
    {
        await Problems.AssertFieldAsync(await _api.Http.GetAsync(path), field, message);
    }

    [Fact]
    public async Task Sessions_are_listed_newest_first_with_a_limit()
    {
        var id = await OpenSessionAsync();
        var list = await _api.Http.GetFromJsonAsync<JsonElement>("api/sessions?limit=1");

        Assert.Equal(id, list.GetProperty("openSessionId").GetInt64());
        Assert.Equal(id, Assert.Single(list.GetProperty("sessions").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("api/sessions?limit=0")]
    [InlineData("api/sessions?limit=5000")]
    [InlineData("api/sessions?limit=ten")]
    [InlineData("api/events?limit=-1")]
    public async Task A_bad_limit_is_400_naming_it(string path)
    {
        await Problems.AssertFieldAsync(await _api.Http.GetAsync(path), "limit", "limit: must be a whole number within 1–1000");
    }

    [Theory]
    [InlineData("api/sessions/999")]
    [InlineData("api/sessions/999/export.csv")]
    [InlineData("api/sessions/999/events.csv")]
    public async Task An_unknown_session_is_404(string path)
    {
        var problem = await Problems.AssertProblemAsync(await _api.Http.GetAsync(path), HttpStatusCode.NotFound);
        Assert.Equal("id: there is no session 999", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_CSV_exports_are_the_records()
    {
        var id = await OpenSessionAsync();
        var all = await _api.Http.GetAsync("api/sessions/export.csv");
        var one = await _api.Http.GetStringAsync($"api/sessions/{id}/export.csv");
        var events = await _api.Http.GetStringAsync($"api/sessions/{id}/events.csv");

        Assert.Equal("text/csv", all.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sessions.csv", all.Content.Headers.ContentDisposition?.FileName);
        var lines = (await all.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SessionCsv.SessionHeader, lines[0]);
        Assert.StartsWith($"{id},", lines[1], StringComparison.Ordinal);
        // The open session's figures move with every checkpoint; its identity does not.
        Assert.Equal(string.Join(',', lines[1].Split(',')[..2]), string.Join(',', one.Split('\n')[1].Split(',')[..2]));
        Assert.StartsWith(SessionCsv.EventHeader + "\n", events, StringComparison.Ordinal);
        Assert.Contains("→ Spraying", events, StringComparison.Ordinal);

        // Each download is UTF-8 with a byte-order mark (a spreadsheet program then shows Chinese
        // text), followed by the header as it always was.
        foreach (var path in new[] { "api/sessions/export.csv", $"api/sessions/{id}/export.csv", $"api/sessions/{id}/events.csv" })
        {
            var bytes = await _api.Http.GetByteArrayAsync(path);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            Assert.NotEqual(0xEF, bytes[3]);
            var header = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n')[0];
            Assert.Equal(path.EndsWith("events.csv", StringComparison.Ordinal) ? SessionCsv.EventHeader : SessionCsv.SessionHeader, header);
        }
    }

    [Fact]
    public async Task The_event_log_is_listed_newest_first()
    {
        await OpenSessionAsync();
        var log = await _api.Http.GetFromJsonAsync<JsonElement>("api/events?limit=3");

        var ids = log.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task There_is_no_client_code_endpoint_unless_the_clinic_turns_it_on()
    {
        await Problems.AssertProblemAsync(await _api.PostJsonAsync("api/sessions/current/client-code", """{"code": "C-1"}"""), HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> DetailAsync(long id, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var detail = await _api.Http.GetFromJsonAsync<JsonElement>($"api/sessions/{id}");
            if (condition(detail) || DateTime.UtcNow > deadline)
            {
                return detail;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A treatment begins with the first spray: the pedal goes down until its record is open.</summary>
    private async Task<long> OpenSessionAsync()
    {
        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/pedal", """{"down": true}"""));
        var status = await _api.WaitForAsync(s => s.GetProperty("session").GetProperty("recordId").ValueKind == JsonValueKind.Number, "recording a session");
        return status.GetProperty("session").GetProperty("recordId").GetInt64();
    }
}

/// <summary>The optional client code, when <c>Records:ClientCodes</c> is on.</summary>
public sealed class ClientCodeApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        // A relative directory lands in the harness's scratch folder (the content root).
        _api = await ApiHarness.StartAsync(records: new RecordsOptions { Directory = "data", ClientCodes = true, CheckpointS = 0.5 });
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_client_code_is_set_on_the_open_session()
    {
        await _api.ReadyAsync();
        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/pedal", """{"down": true}"""));
        var status = await _api.WaitForAsync(s => s.GetProperty("session").GetProperty("recordId").ValueKind == JsonValueKind.Number, "recording");
        var id = status.GetProperty("session").GetProperty("recordId").GetInt64();

        var answer = await Problems.JsonAsync(await _api.PostJsonAsync("api/sessions/current/client-code", """{"code": "C-0042"}"""));

        Assert.Equal(id, answer.GetProperty("sessionId").GetInt64());
        var session = (await _api.Http.GetFromJsonAsync<JsonElement>($"api/sessions/{id}")).GetProperty("session");
        Assert.Equal("C-0042", session.GetProperty("clientCode").GetString());
        Assert.True((await _api.Http.GetFromJsonAsync<JsonElement>("api/device")).GetProperty("clientCodes").GetBoolean());
    }

    [Theory]
    [InlineData("""{"code": "Jane Doe"}""")]
    [InlineData("""{"code": "an-awfully-long-client-code"}""")]
    [InlineData("""{"code": ""}""")]
    [InlineData("""{}""")]
    public async Task A_client_code_that_could_be_a_name_is_refused(string json)
    {
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/sessions/current/client-code", json), "code", "letters, digits, '-' or '_': a pseudonymous client code, never a name");
    }

    [Fact]
    public async Task Without_an_open_session_a_client_code_is_a_conflict()
    {
        await _api.ReadyAsync();
        await _api.PostJsonAsync("api/shutdown", "");
        await _api.WaitForStateAsync("Off", 30);
        await _api.WaitForAsync(s => !s.GetProperty("session").GetProperty("active").GetBoolean(), "out of session");
        await Task.Delay(300);

        await Problems.AssertProblemAsync(await _api.PostJsonAsync("api/sessions/current/client-code", """{"code": "C-1"}"""), HttpStatusCode.Conflict);
    }
}

/// <summary>A database that cannot be opened costs the records, not the device.</summary>
public sealed class UnavailableRecordsApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;
    private string _blocker = "";

    public async Task InitializeAsync()
    {
        // A file where the directory should be: the database cannot be created.
        _blocker = Path.GetTempFileName();
        _api = await ApiHarness.StartAsync(records: new RecordsOptions { Directory = _blocker });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        File.Delete(_blocker);
    }

    [Theory]
    [InlineData("api/sessions")]
    [InlineData("api/sessions/1")]
    [InlineData("api/sessions/export.csv")]
    [InlineData("api/events")]
    public async Task The_records_endpoints_are_503_saying_why(string path)
    {
        var problem = await Problems.AssertProblemAsync(await _api.Http.GetAsync(path), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("session records are unavailable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_device_still_runs_and_says_it_keeps_no_records()
    {
        await _api.ReadyAsync();
        Assert.False((await _api.Http.GetFromJsonAsync<JsonElement>("api/device")).GetProperty("records").GetBoolean());
    }
}
