using System.Collections.Concurrent;
using HydroOxygen.Controller.Fleet;
using HydroOxygen.Controller.Telemetry;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>A <c>fleet collect</c> running in the test process against a test broker and a central database.</summary>
internal sealed class CollectorRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly FleetDatabase _database;

    private CollectorRun(FleetDatabase database, FleetCollector collector, ConcurrentQueue<string> lines)
    {
        _database = database;
        Collector = collector;
        Lines = lines;
        _running = Task.Run(() => collector.RunAsync(_stop.Token));
    }

    public FleetCollector Collector { get; }

    /// <summary>What the collector said (connections, rejections).</summary>
    public ConcurrentQueue<string> Lines { get; }

    public static CollectorRun Start(int port, string database, string name, string group = "hydroxy-collectors")
    {
        var lines = new ConcurrentQueue<string>();
        var db = FleetDatabase.Open(database);
        var connection = new BrokerConnectionOptions(BrokerAddress.Parse($"mqtt://127.0.0.1:{port}"), new BrokerCredentials());
        var collector = new FleetCollector(connection, db, "hydroxy", group, name, lines.Enqueue);
        return new CollectorRun(db, collector, lines);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(20));
        _database.Dispose();
        _stop.Dispose();
    }
}
