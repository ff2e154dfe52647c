using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HydroOxygen.Controller.Fleet;

/// <summary>
/// The central database of a fleet: every event and session record the devices published, once
/// each whatever how often it arrived (the message id is the key; a repeat is ignored). SQLite
/// embedded by default, PostgreSQL (Npgsql) for a chain; several collectors may write to the same
/// one. A batch commits durably before the collector acknowledges its messages to the broker.
/// </summary>
public sealed class FleetDatabase : IDisposable
{
    private readonly DbConnection _connection;

    private FleetDatabase(DbConnection connection, bool postgres, string description)
    {
        _connection = connection;
        IsPostgres = postgres;
        Description = description;
    }

    public bool IsPostgres { get; }

    /// <summary>Where the rows go (a file, or host/database), never with a password.</summary>
    public string Description { get; }

    /// <summary>A PostgreSQL URI (<c>postgres://user@host:port/db</c>) or Npgsql connection string (<c>Host=…</c>), else a SQLite file.</summary>
    public static bool IsPostgresSpec(string spec) =>
        spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || spec.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (creating the tables if needed) the database <paramref name="spec"/> names.</summary>
    /// <exception cref="DbException">It cannot be reached or opened.</exception>
    public static FleetDatabase Open(string spec)
    {
        if (IsPostgresSpec(spec))
        {
            // No password in the URI: Npgsql takes PGPASSWORD (or ~/.pgpass), as psql does.
            var builder = new NpgsqlConnectionStringBuilder(ToConnectionString(spec));

            var connection = new NpgsqlConnection(builder.ConnectionString);
            var database = new FleetDatabase(connection, postgres: true, $"postgresql {builder.Host}:{builder.Port}/{builder.Database}");
            database.Initialize();
            return database;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(spec));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = spec, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        var file = new FleetDatabase(sqlite, postgres: false, $"sqlite {Path.GetFullPath(spec)}");
        file.Initialize();
        return file;
    }

    /// <summary>Writes a batch in one transaction; returns how many rows were new (the rest were repeats).</summary>
    public int Write(IReadOnlyList<FleetMessage> batch, string collector, DateTimeOffset receivedAt)
    {
        using var transaction = _connection.BeginTransaction();
        var inserted = 0;
        var received = receivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        foreach (var message in batch)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            if (message.IsSession)
            {
                command.CommandText = """
                    INSERT INTO fleet_sessions (id, device_id, site, seq, local_id, started_at, ended_at, end_reason, duration_s, program,
                                                gas_source, spray_s, liquid_ml, alarm_count, alarms, record, received_at, collector)
                    VALUES (@id, @device, @site, @seq, @local, @started, @ended, @reason, @duration, @program,
                            @gas, @spray, @liquid, @alarmCount, @alarms, @record, @received, @collector)
                    ON CONFLICT (id) DO NOTHING
                    """;
                Add(command, "@started", message.StartedAt);
                Add(command, "@ended", message.EndedAt);
                Add(command, "@reason", message.EndReason);
                Add(command, "@duration", message.DurationS);
                Add(command, "@program", message.Program);
                Add(command, "@gas", message.GasSource);
                Add(command, "@spray", message.SprayS);
                Add(command, "@liquid", message.LiquidMl);
                Add(command, "@alarmCount", message.AlarmCount);
                Add(command, "@alarms", message.Alarms);
            }
            else
            {
                command.CommandText = """
                    INSERT INTO fleet_events (id, device_id, site, seq, local_id, session_local_id, at, kind, state, code, value, detail,
                                              record, received_at, collector)
                    VALUES (@id, @device, @site, @seq, @local, @session, @at, @kind, @state, @code, @value, @detail,
                            @record, @received, @collector)
                    ON CONFLICT (id) DO NOTHING
                    """;
                Add(command, "@session", message.SessionLocalId);
                Add(command, "@at", message.At);
                Add(command, "@kind", message.Kind);
                Add(command, "@state", message.State);
                Add(command, "@code", message.Code);
                Add(command, "@value", message.Value);
                Add(command, "@detail", message.Detail ?? "");
            }

            Add(command, "@id", message.Id);
            Add(command, "@device", message.DeviceId);
            Add(command, "@site", message.Site);
            Add(command, "@seq", message.Seq);
            Add(command, "@local", message.LocalId);
            Add(command, "@record", message.Record);
            Add(command, "@received", received);
            Add(command, "@collector", collector);
            inserted += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return inserted;
    }

    /// <summary>Rows kept: events and sessions (optionally of one device).</summary>
    public (long Events, long Sessions) Count(string? deviceId = null)
    {
        return (Scalar("fleet_events"), Scalar("fleet_sessions"));

        long Scalar(string table)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = deviceId is null ? $"SELECT count(*) FROM {table}" : $"SELECT count(*) FROM {table} WHERE device_id = @device";
            if (deviceId is not null)
            {
                Add(command, "@device", deviceId);
            }

            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Initialize()
    {
        try
        {
            _connection.Open();
            if (!IsPostgres)
            {
                Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
            }

            var real = IsPostgres ? "DOUBLE PRECISION" : "REAL";
            var integer = IsPostgres ? "BIGINT" : "INTEGER";
            Execute($"""
                CREATE TABLE IF NOT EXISTS fleet_events (
                    id               TEXT PRIMARY KEY,
                    device_id        TEXT NOT NULL,
                    site             TEXT NOT NULL,
                    seq              {integer} NOT NULL,
                    local_id         {integer},
                    session_local_id {integer},
                    at               TEXT NOT NULL,
                    kind             TEXT NOT NULL,
                    state            TEXT,
                    code             TEXT,
                    value            {real},
                    detail           TEXT NOT NULL,
                    record           TEXT NOT NULL,
                    received_at      TEXT NOT NULL,
                    collector        TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS fleet_events_by_device ON fleet_events(device_id, seq);
                CREATE TABLE IF NOT EXISTS fleet_sessions (
                    id          TEXT PRIMARY KEY,
                    device_id   TEXT NOT NULL,
                    site        TEXT NOT NULL,
                    seq         {integer} NOT NULL,
                    local_id    {integer},
                    started_at  TEXT NOT NULL,
                    ended_at    TEXT,
                    end_reason  TEXT,
                    duration_s  {real},
                    program     TEXT,
                    gas_source  TEXT,
                    spray_s     {real},
                    liquid_ml   {real},
                    alarm_count INTEGER,
                    alarms      TEXT,
                    record      TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    collector   TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS fleet_sessions_by_device ON fleet_sessions(device_id, started_at);
                """);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary><c>postgres://user[:password]@host[:port]/database</c> to Npgsql's keywords; a keyword string as it is.</summary>
    private static string ToConnectionString(string spec)
    {
        if (!spec.Contains("://", StringComparison.Ordinal))
        {
            return spec;
        }

        var uri = new Uri(spec);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } name ? Uri.UnescapeDataString(name) : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        return builder.ConnectionString;
    }
}
