using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>
/// The device's own records database against the central one: every event and every finished
/// session of the device, exactly once (by its local id) after de-duplication.
/// </summary>
internal static class Reconciliation
{
    public sealed record Counts(int DeviceEvents, int DeviceSessions, int FleetEvents, int FleetSessions, long Dropped, IReadOnlyList<long> MissingEvents, IReadOnlyList<long> MissingSessions, IReadOnlyList<long> TwiceEvents, IReadOnlyList<long> TwiceSessions)
    {
        public bool Complete => MissingEvents.Count == 0 && MissingSessions.Count == 0 && TwiceEvents.Count == 0 && TwiceSessions.Count == 0;

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"device: {DeviceEvents} events, {DeviceSessions} finished sessions; central: {FleetEvents} events, {FleetSessions} sessions; dropped {Dropped}; " +
            $"missing events [{string.Join(',', MissingEvents.Take(20))}] sessions [{string.Join(',', MissingSessions.Take(20))}]; twice events [{string.Join(',', TwiceEvents.Take(20))}] sessions [{string.Join(',', TwiceSessions.Take(20))}]");
    }

    public static Counts Compare(string deviceDatabase, string fleetDatabase, string deviceId)
    {
        var deviceEvents = Ids(deviceDatabase, "SELECT id FROM events");
        var deviceSessions = Ids(deviceDatabase, "SELECT id FROM sessions WHERE ended_at IS NOT NULL");
        var dropped = Ids(deviceDatabase, "SELECT value FROM outbox_progress WHERE name = 'dropped_events'").FirstOrDefault();
        var fleetEvents = File.Exists(fleetDatabase) ? Ids(fleetDatabase, $"SELECT local_id FROM fleet_events WHERE device_id = '{deviceId}'") : [];
        var fleetSessions = File.Exists(fleetDatabase) ? Ids(fleetDatabase, $"SELECT local_id FROM fleet_sessions WHERE device_id = '{deviceId}'") : [];
        return new Counts(
            deviceEvents.Count,
            deviceSessions.Count,
            fleetEvents.Count,
            fleetSessions.Count,
            dropped,
            deviceEvents.Except(fleetEvents).ToList(),
            deviceSessions.Except(fleetSessions).ToList(),
            fleetEvents.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList(),
            fleetSessions.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList());
    }

    /// <summary>Waits until everything the device recorded is in the central database; the last comparison either way.</summary>
    public static async Task<Counts> WaitCompleteAsync(string deviceDatabase, string fleetDatabase, string deviceId, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var counts = Compare(deviceDatabase, fleetDatabase, deviceId);
            if (counts.Complete || DateTime.UtcNow > deadline)
            {
                return counts;
            }

            await Task.Delay(250);
        }
    }

    private static List<long> Ids(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
