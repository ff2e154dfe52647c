using HydroOxygen.Controller.Records;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Telemetry.Tests.Units;

/// <summary>A records database of its own in a scratch directory, for the outbox tests; gone after each test.</summary>
public abstract class RecordsDatabaseTest : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _scratch = new();

    protected RecordsDatabaseTest()
    {
        Records = SessionStore.Open(Database);
    }

    private protected SessionStore Records { get; }

    protected string Database => _scratch.File("sessions.db");

    public void Dispose()
    {
        Records.Dispose();
        SqliteConnection.ClearAllPools();
        _scratch.Dispose();
        GC.SuppressFinalize(this);
    }
}
