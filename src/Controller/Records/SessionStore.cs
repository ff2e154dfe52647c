using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// The writing side of the session database: one connection, used by the records writer's thread
/// only. WAL journal with <c>synchronous=FULL</c>: a committed batch survives a crash of the
/// process and a power loss, and readers (API, command line) never wait for the writer.
/// </summary>
internal sealed class SessionStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private SessionStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    public static SessionStore Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
            if (version > SessionSchema.Version)
            {
                throw new InvalidOperationException(
                    $"{path} was written by a newer release (schema {version}, this one knows {SessionSchema.Version}); it is left untouched");
            }

            if (version == 1)
            {
                Execute(connection, SessionSchema.MigrateFrom1);
            }

            Execute(connection, SessionSchema.Create);
            AddMissingColumns(connection);
            Execute(connection, $"PRAGMA user_version={SessionSchema.Version}");
            return new SessionStore(connection, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Begin() => _transaction = _connection.BeginTransaction();

    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Rollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        finally
        {
            _transaction?.Dispose();
            _transaction = null;
        }
    }

    /// <summary>Stores a new session; returns its id.</summary>
    public long InsertSession(SessionRecord session)
    {
        using var command = Command("""
            INSERT INTO sessions (started_at, updated_at, duration_s, program, programs, gas_source, gas_sources,
                                  setpoints_mpa, spray_s, liquid_ml, alarm_count, alarms, client_code, oxygen_l, plan, plan_step_spray_s, plans)
            VALUES ($started, $updated, $duration, $program, $programs, $gas, $gases, $setpoints, $spray, $liquid, $alarmCount, $alarms, $client, $oxygen,
                    $plan, $planSteps, $plans)
            RETURNING id
            """);
        Bind(command, session);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a session's figures (and its end, once it has one).</summary>
    public void UpdateSession(SessionRecord session)
    {
        using var command = Command("""
            UPDATE sessions SET started_at = $started, ended_at = $ended, end_reason = $reason, updated_at = $updated,
                duration_s = $duration, program = $program, programs = $programs, gas_source = $gas, gas_sources = $gases,
                setpoints_mpa = $setpoints, spray_s = $spray, liquid_ml = $liquid, alarm_count = $alarmCount,
                alarms = $alarms, client_code = $client, oxygen_l = $oxygen, plan = $plan, plan_step_spray_s = $planSteps, plans = $plans
            WHERE id = $id
            """);
        Bind(command, session);
        command.Parameters.AddWithValue("$id", session.Id);
        command.Parameters.AddWithValue("$ended", session.EndedAt is { } ended ? SessionSchema.FormatTime(ended) : DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)session.EndReason ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Appends to the event log; returns the entry's id.</summary>
    public long InsertEvent(long? sessionId, DateTimeOffset at, double? loopS, string kind, string? state, string? code, double? value, string detail)
    {
        using var command = Command("""
            INSERT INTO events (session_id, at, loop_s, kind, state, code, value, detail)
            VALUES ($session, $at, $loop, $kind, $state, $code, $value, $detail)
            RETURNING id
            """);
        command.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", SessionSchema.FormatTime(at));
        command.Parameters.AddWithValue("$loop", loopS is { } loop ? Math.Round(loop, 3) : DBNull.Value);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$state", (object?)state ?? DBNull.Value);
        command.Parameters.AddWithValue("$code", (object?)code ?? DBNull.Value);
        command.Parameters.AddWithValue("$value", value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : DBNull.Value);
        command.Parameters.AddWithValue("$detail", detail);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a session row exists (outside a transaction: after a rollback).</summary>
    public bool SessionExists(long sessionId)
    {
        using var command = Command("SELECT 1 FROM sessions WHERE id = $id");
        command.Parameters.AddWithValue("$id", sessionId);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Gives the unattached events from <paramref name="fromEventId"/> on to a session (the power-on that led to it).</summary>
    public void AttachEvents(long sessionId, long fromEventId)
    {
        using var command = Command("UPDATE events SET session_id = $session WHERE session_id IS NULL AND id >= $from");
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$from", fromEventId);
        command.ExecuteNonQuery();
    }

    /// <summary>The sessions a previous run left open (it died), oldest first.</summary>
    public IReadOnlyList<SessionRecord> OpenSessions()
    {
        using var command = Command($"SELECT {SessionSchema.SessionColumns} FROM sessions WHERE ended_at IS NULL ORDER BY id");
        using var reader = command.ExecuteReader();
        var sessions = new List<SessionRecord>();
        while (reader.Read())
        {
            sessions.Add(SessionSchema.ReadSession(reader));
        }

        return sessions;
    }

    public void Dispose()
    {
        Rollback();
        _connection.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    private static void Bind(SqliteCommand command, SessionRecord session)
    {
        var p = command.Parameters;
        p.AddWithValue("$started", SessionSchema.FormatTime(session.StartedAt));
        p.AddWithValue("$updated", SessionSchema.FormatTime(session.UpdatedAt));
        p.AddWithValue("$duration", Math.Round(session.DurationS, 3));
        p.AddWithValue("$program", session.Program);
        p.AddWithValue("$programs", SessionSchema.JoinList(session.Programs));
        p.AddWithValue("$gas", session.GasSource);
        p.AddWithValue("$gases", SessionSchema.JoinList(session.GasSources));
        p.AddWithValue("$setpoints", SessionSchema.JoinList(session.SetpointsMpa));
        p.AddWithValue("$spray", Math.Round(session.SprayS, 3));
        p.AddWithValue("$liquid", Math.Round(session.LiquidMl, 3));
        p.AddWithValue("$alarmCount", session.AlarmCount);
        p.AddWithValue("$alarms", SessionSchema.JoinList(session.Alarms));
        p.AddWithValue("$client", (object?)session.ClientCode ?? DBNull.Value);
        p.AddWithValue("$oxygen", Math.Round(session.OxygenL, 3));
        p.AddWithValue("$plan", (object?)session.Plan ?? DBNull.Value);
        p.AddWithValue("$planSteps", SessionSchema.JoinList(session.PlanStepSprayS ?? []));
        p.AddWithValue("$plans", SessionSchema.JoinPlans(session.Plans ?? []));
    }

    /// <summary>A database from before a column was added gets it (SQLite adds a column without rewriting the table).</summary>
    private static void AddMissingColumns(SqliteConnection connection)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info('sessions')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in SessionSchema.AddedSessionColumns)
        {
            if (!present.Contains(name))
            {
                Execute(connection, $"ALTER TABLE sessions ADD COLUMN {name} {definition}");
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
