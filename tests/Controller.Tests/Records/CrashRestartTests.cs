using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Tests.BadInput;
using HydroOxygen.Controller.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Tests.Records;

/// <summary>
/// A session recorded by the real controller process, the process killed (SIGKILL) while
/// spraying, and restarted on the same data directory: the session and its events are there, the
/// session is closed as interrupted with its last figures, and the CSV export matches the database.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class CrashRestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("hydroxy-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_session_survives_a_kill_and_the_export_matches_the_database()
    {
        long id;
        JsonElement lastSeen;
        await using (var first = await ControllerProcess.StartAsync(_data, "--Records:CheckpointS=0.5"))
        {
            await Post(first, "api/setpoint", """{"mpa": 0.45}""");
            await Post(first, "api/sim/pedal", """{"down": true}""");
            await first.WaitForStateAsync("Spraying", TimeSpan.FromSeconds(20));
            // The treatment's record opens with the first spray, as soon as the records thread has it.
            var recording = DateTime.UtcNow.AddSeconds(10);
            JsonElement status;
            while ((status = await first.StatusAsync()).GetProperty("session").GetProperty("recordId").ValueKind != JsonValueKind.Number && DateTime.UtcNow < recording)
            {
                await Task.Delay(20);
            }

            id = status.GetProperty("session").GetProperty("recordId").GetInt64();

            // Wait until a checkpoint has written some spraying, then pull the plug mid-spray.
            lastSeen = await WaitForRecord(first, id, s => s.GetProperty("sprayS").GetDouble() >= 1.0);
            await first.KillAsync();
        }

        await using (var second = await ControllerProcess.StartAsync(_data, "--Records:CheckpointS=0.5"))
        {
            var detail = await second.Http.GetFromJsonAsync<JsonElement>($"api/sessions/{id}");
            var session = detail.GetProperty("session");
            Assert.Equal("interrupted", session.GetProperty("endReason").GetString());
            Assert.Equal(session.GetProperty("updatedAt").GetString(), session.GetProperty("endedAt").GetString());
            Assert.True(session.GetProperty("sprayS").GetDouble() >= lastSeen.GetProperty("sprayS").GetDouble());
            Assert.Equal([0.45], session.GetProperty("setpointsMpa").EnumerateArray().Select(s => s.GetDouble()));

            var events = detail.GetProperty("events").EnumerateArray().ToList();
            Assert.Equal("session_started", events[0].GetProperty("kind").GetString());
            Assert.DoesNotContain(events, e => e.GetProperty("detail").GetString() == "Off → SelfTest");
            Assert.Contains(events, e => e.GetProperty("kind").GetString() == "state" && e.GetProperty("state").GetString() == "Spraying");
            Assert.Equal("session_interrupted", events[^1].GetProperty("kind").GetString());

            // The restarted device's next treatment (its first spray) is a record of its own.
            await Post(second, "api/sim/pedal", """{"down": true}""");
            Assert.Equal(id + 1, await WaitForRecordId(second));

            // While it runs, the interrupted session (closed, so it no longer changes) exports alike
            // through the API and the command line.
            var apiCsv = await second.Http.GetStringAsync($"api/sessions/{id}/export.csv");
            Assert.Equal(apiCsv, await Cli("sessions", "export", id.ToString(CultureInfo.InvariantCulture), "--db", Database));
            await second.KillAsync();
        }

        // With nothing running, the full export is compared with the database, field by field.
        var exportFile = Path.Combine(_data, "export.csv");
        await Cli("sessions", "export", "all", "--db", Database, "--out", exportFile);
        var csv = File.ReadAllLines(exportFile);
        var rows = DatabaseRows();
        // The columns of old first, as they were; the local-time and h:mm:ss columns follow.
        Assert.StartsWith("id,started_at,ended_at,end_reason,duration_s,program,programs,gas_source,gas_sources,setpoints_mpa,spray_s,liquid_ml,alarm_count,alarms,client_code,", csv[0], StringComparison.Ordinal);
        Assert.Equal(rows.Count, csv.Length - 1);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i], csv[i + 1].Split(',')[..rows[i].Length]);
        }

        Assert.Equal("interrupted", rows[0][3]);

        // The second run was killed too, and nothing has started since to close its session.
        Assert.Equal(("", ""), (rows[1][2], rows[1][3]));
    }

    private string Database => Path.Combine(_data, "sessions.db");

    private static async Task Post(ControllerProcess controller, string path, string json)
    {
        var response = await controller.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> WaitForRecord(ControllerProcess controller, long id, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var session = (await controller.Http.GetFromJsonAsync<JsonElement>($"api/sessions/{id}")).GetProperty("session");
            if (condition(session))
            {
                return session;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the record never got there: {session}\n{controller.Output}");
            await Task.Delay(50);
        }
    }

    private static async Task<long> WaitForRecordId(ControllerProcess controller)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var session = (await controller.StatusAsync()).GetProperty("session");
            if (session.GetProperty("recordId").ValueKind == JsonValueKind.Number)
            {
                return session.GetProperty("recordId").GetInt64();
            }

            Assert.True(DateTime.UtcNow < deadline, "no session record after the restart");
            await Task.Delay(50);
        }
    }

    /// <summary>Every session row, each column formatted as the export formats it.</summary>
    private List<string[]> DatabaseRows()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, started_at, ended_at, end_reason, duration_s, program, programs, gas_source, gas_sources, " +
            "setpoints_mpa, spray_s, liquid_ml, alarm_count, alarms, client_code FROM sessions ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                long l => l.ToString(CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            }).ToArray());
        }

        return rows;
    }

    private static async Task<string> Cli(params string[] args)
    {
        var (exitCode, stdout, stderr) = await ControllerRun.ToEndAsync(args);
        Assert.True(exitCode == 0, $"sessions command failed ({exitCode}): {stderr}");
        return stdout;
    }
}
