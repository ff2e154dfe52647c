using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.FleetBench;

/// <summary>One row of the scale table: N virtual devices, a broker, two collectors sharing.</summary>
internal sealed record ScaleResult(
    int Devices,
    double Seconds,
    double ConnectSeconds,
    long Messages,
    long Events,
    long Sessions,
    long Failures,
    double MessagesPerSecond,
    double TelemetryP50Ms,
    double TelemetryP99Ms,
    double EventP50Ms,
    double EventP99Ms,
    long RowsKept,
    double BrokerCpuPercent,
    double BrokerRssMb,
    double CollectorCpuPercent,
    double CollectorRssMb,
    double DeviceSideCpuUsPerMessage,
    double DeviceSideKbPerMessage,
    int BurstRows,
    double BurstRowsPerSecond);

internal static class ScaleRun
{
    public static async Task<ScaleResult> RunAsync(int devices, BenchOptions options)
    {
        await using var broker = new LocalBroker();
        await broker.StartAsync();
        var database = Path.Combine(broker.Directory, "fleet.db");
        var c1 = new CollectorProcess(options.ControllerDll, broker.Url, database, "bench-collector-1");
        var c2 = new CollectorProcess(options.ControllerDll, broker.Url, database, "bench-collector-2");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5)); // both subscribed (their start-up is a .NET start)
            var fleet = new VirtualFleet(devices, broker.Port, seed: devices);
            var connect = Stopwatch.StartNew();
            await fleet.ConnectAsync();
            var connectSeconds = connect.Elapsed.TotalSeconds;
            await using var probe = new LatencyProbe();
            await probe.StartAsync(broker.Port, devices);

            var self = Process.GetCurrentProcess();
            var brokerCpu0 = ProcessStats.CpuSeconds(broker.Pid);
            var collectorCpu0 = ProcessStats.CpuSeconds(c1.Pid) + ProcessStats.CpuSeconds(c2.Pid);
            self.Refresh();
            var selfCpu0 = self.TotalProcessorTime.TotalSeconds;
            var allocated0 = GC.GetTotalAllocatedBytes();
            var run = Stopwatch.StartNew();
            await fleet.RunAsync(TimeSpan.FromSeconds(options.Seconds));
            var seconds = run.Elapsed.TotalSeconds;
            var (messages, events, sessions, failures) = (fleet.Messages, fleet.Events, fleet.Sessions, fleet.Failures);
            self.Refresh();
            var selfCpu = self.TotalProcessorTime.TotalSeconds - selfCpu0;
            var allocated = GC.GetTotalAllocatedBytes() - allocated0;
            var brokerCpu = ProcessStats.CpuSeconds(broker.Pid) - brokerCpu0;
            var collectorCpu = ProcessStats.CpuSeconds(c1.Pid) + ProcessStats.CpuSeconds(c2.Pid) - collectorCpu0;
            var brokerRss = ProcessStats.RssMb(broker.Pid);
            var collectorRss = (ProcessStats.RssMb(c1.Pid) + ProcessStats.RssMb(c2.Pid)) / 2;

            var expected = events + sessions;
            var kept = await WaitRowsAsync(database, expected, TimeSpan.FromSeconds(60));
            var (eventP50, eventP99) = EventLatency(database);
            var telemetry = probe.Milliseconds.Order().ToArray();

            // The burst: collectors away, a backlog queued for their sessions, then how fast they take it in.
            await c1.StopAsync();
            await c2.StopAsync();
            var burst = devices == 1 ? Math.Min(options.Burst, 5000) : options.Burst;
            await fleet.BurstAsync(burst);
            await using var d1 = new CollectorProcess(options.ControllerDll, broker.Url, database, "bench-collector-1");
            await using var d2 = new CollectorProcess(options.ControllerDll, broker.Url, database, "bench-collector-2");
            var lastRowid = MaxRowid(database);
            _ = await WaitRowsAsync(database, kept + burst, TimeSpan.FromSeconds(300));
            var (burstRows, burstSeconds) = CommitSpan(database, lastRowid);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {devices} devices: {expected + burst} events and sessions published, {kept} + {burstRows} rows kept, {fleet.AckedIds} ids acknowledged back to the devices"));
            await fleet.DisconnectAsync();

            return new ScaleResult(
                devices,
                seconds,
                connectSeconds,
                messages,
                events,
                sessions,
                failures,
                messages / seconds,
                Percentile(telemetry, 0.50),
                Percentile(telemetry, 0.99),
                eventP50,
                eventP99,
                kept,
                100 * brokerCpu / seconds,
                brokerRss,
                100 * collectorCpu / seconds / 2,
                collectorRss,
                1e6 * selfCpu / Math.Max(1, messages),
                allocated / 1024.0 / Math.Max(1, messages),
                burstRows,
                burstRows / Math.Max(0.001, burstSeconds));
        }
        finally
        {
            await c1.DisposeAsync();
            await c2.DisposeAsync();
        }
    }

    private static async Task<long> WaitRowsAsync(string database, long expected, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        long rows = 0;
        while (DateTime.UtcNow < deadline)
        {
            rows = Rows(database);
            if (rows >= expected)
            {
                break;
            }

            await Task.Delay(100);
        }

        return rows;
    }

    private static long Rows(string database)
    {
        if (!File.Exists(database))
        {
            return 0;
        }

        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM fleet_events) + (SELECT count(*) FROM fleet_sessions)";
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static long MaxRowid(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(rowid), 0) FROM fleet_events";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows committed after <paramref name="rowid"/>, and the time from the first commit to the last, s.</summary>
    private static (int Rows, double Seconds) CommitSpan(string database, long rowid)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), min(received_at), max(received_at) FROM fleet_events WHERE rowid > $rowid";
        command.Parameters.AddWithValue("$rowid", rowid);
        using var reader = command.ExecuteReader();
        reader.Read();
        var rows = reader.GetInt32(0);
        if (rows < 2)
        {
            return (rows, double.NaN);
        }

        var span = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        return (rows, span.TotalSeconds);
    }

    /// <summary>Publish time (the event's own <c>at</c>) to the collector's commit (<c>received_at</c>), ms.</summary>
    private static (double P50, double P99) EventLatency(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, received_at FROM fleet_events";
        using var reader = command.ExecuteReader();
        var ms = new List<double>();
        while (reader.Read())
        {
            ms.Add((DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture)).TotalMilliseconds);
        }

        var sorted = ms.Order().ToArray();
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
