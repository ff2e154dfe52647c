using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Tests.Hosting;
using HydroOxygen.Controller.Tests.Records;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HydroOxygen.Controller.Tests.Durability;

/// <summary>
/// Issue 8: the real controller process, recording sessions on the simulator while a technician
/// (this test, over the HTTP API) presses and releases the pedal and changes the setpoint, is
/// SIGKILLed at random instants and restarted on the same data directory, again and again. After
/// every kill the database passes SQLite's integrity check, and every session and event the API
/// had listed before the kill is still there: closed sessions unchanged, the open one with at
/// least the figures the API showed.
/// </summary>
/// <remarks>
/// The API reads only committed transactions (a separate read-only connection under WAL), so what
/// it listed is exactly what the controller had reported committed. Kills land anywhere from the
/// first second of start-up (closing the previous run's session, the self-test's events) to the
/// middle of spraying, while the writer commits an event transaction every few tens of
/// milliseconds and a checkpoint every 0.5 s.
/// </remarks>
[Collection(nameof(ProcessTests))]
public sealed class SessionKillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _data = Directory.CreateTempSubdirectory("hydroxy-kill-").FullName;
    private readonly Dictionary<long, SessionRecord> _seenSessions = [];
    private readonly Dictionary<long, EventRecord> _seenEvents = [];

    private string Database => Path.Combine(_data, RecordsOptions.DatabaseFileName);

    private string[] Arguments => ["--Records:CheckpointS=0.5", "--Service:Directory=" + _data];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Killed_in_the_middle_of_record_writes_the_database_stays_whole_and_keeps_all_it_listed()
    {
        var kills = DurabilityKills.Count(ciDefault: 20);
        var random = new Random(8_2026);
        var statesAtKill = new Dictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        for (var kill = 0; kill < kills; kill++)
        {
            await using var controller = await ControllerProcess.LaunchAsync(_data, Arguments);

            // The database the previous kill left is accepted by the restarted controller.
            var device = await controller.Http.GetFromJsonAsync<JsonElement>("api/device");
            Assert.True(device.GetProperty("records").GetBoolean(), $"kill {kill}: records unavailable after the restart\n{controller.Output}");

            using var stop = new CancellationTokenSource();
            var technician = new Technician(controller);
            var driving = technician.DriveAsync(stop.Token);
            var watching = WatchAsync(controller, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * 5.0));
            await controller.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(driving, watching);

            var state = technician.LastState ?? "booting";
            statesAtKill[state] = statesAtKill.GetValueOrDefault(state) + 1;
            CheckDatabase(kill);
        }

        // Restarted once more and left to boot: the API lists every session it ever listed.
        await using (var last = await ControllerProcess.StartAsync(_data, Arguments))
        {
            var listed = await last.Http.GetFromJsonAsync<SessionListResponse>("api/sessions?limit=1000", Web);
            Assert.Superset(_seenSessions.Keys.ToHashSet(), listed!.Sessions.Select(s => s.Id).ToHashSet());
            await last.KillAsync();
        }

        output.WriteLine(
            $"sessions: {kills} kills survived in {stopwatch.Elapsed.TotalSeconds:0} s; states at the kill: " +
            string.Join(", ", statesAtKill.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")) +
            $"; {_seenSessions.Count} sessions and {_seenEvents.Count} events listed by the API, all kept");

        // Not vacuous: the API did list records, and the pedal did make the device spray.
        Assert.True(_seenSessions.Count >= 2, $"only {_seenSessions.Count} sessions were ever listed");
        Assert.Contains(_seenEvents.Values, e => e.Kind == EventKinds.State && e.State == "Spraying");
        Assert.Contains(_seenEvents.Values, e => e.Kind == EventKinds.SessionInterrupted);
    }

    /// <summary>Keeps everything the API lists while the controller runs.</summary>
    private async Task WatchAsync(ControllerProcess controller, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var sessions = await controller.Http.GetFromJsonAsync<SessionListResponse>("api/sessions?limit=1000", Web, stop);
                var events = await controller.Http.GetFromJsonAsync<EventListResponse>("api/events?limit=1000", Web, stop);
                foreach (var session in sessions!.Sessions)
                {
                    _seenSessions[session.Id] = session;
                }

                foreach (var listed in events!.Events)
                {
                    _seenEvents[listed.Id] = listed;
                }

                await Task.Delay(20, stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // Killed under the request (refused, or the answer cut short), or stopping.
            }
        }
    }

    /// <summary>What the kill left: a whole database holding everything the API had listed.</summary>
    private void CheckDatabase(int kill)
    {
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", command.ExecuteScalar() as string);
        }

        var queries = new SessionQueries(Database);
        var sessions = queries.AllSessionsInOrder().ToDictionary(s => s.Id);
        var events = queries.RecentEvents(int.MaxValue).ToDictionary(e => e.Id);
        SqliteConnection.ClearAllPools();

        foreach (var (id, seen) in _seenSessions)
        {
            Assert.True(sessions.TryGetValue(id, out var kept), $"kill {kill}: session {id} was listed by the API and is gone");
            if (seen.EndedAt is not null)
            {
                // Closed sessions never change again.
                Assert.Equal(JsonSerializer.Serialize(seen, Web), JsonSerializer.Serialize(kept, Web));
            }
            else
            {
                Assert.Equal(seen.StartedAt, kept.StartedAt);
                Assert.True(kept.UpdatedAt >= seen.UpdatedAt, $"kill {kill}: session {id} went back from {seen.UpdatedAt:O} to {kept.UpdatedAt:O}");
                Assert.True(kept.SprayS >= seen.SprayS, $"kill {kill}: session {id} lost spraying time ({seen.SprayS} → {kept.SprayS} s)");
                Assert.True(kept.DurationS >= seen.DurationS, $"kill {kill}: session {id} lost duration ({seen.DurationS} → {kept.DurationS} s)");
            }
        }

        foreach (var (id, seen) in _seenEvents)
        {
            Assert.True(events.TryGetValue(id, out var kept), $"kill {kill}: event {id} ({seen.Kind}: {seen.Detail}) was listed by the API and is gone");
            Assert.Equal((seen.At, seen.Kind, seen.State, seen.Detail), (kept.At, kept.Kind, kept.State, kept.Detail));

            // The power-on's events are given to the session it leads to; once given, they stay.
            if (seen.SessionId is not null)
            {
                Assert.Equal(seen.SessionId, kept.SessionId);
            }
        }
    }
}
