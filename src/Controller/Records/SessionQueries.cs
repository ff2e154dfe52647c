using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// The reading side of the session database, for the API and the command line: a read-only
/// connection per call, so any thread may use it and none of them can change a record. Under WAL a
/// reader sees the last committed batch and never waits for the writer.
/// </summary>
public sealed class SessionQueries(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
    }.ToString();

    public string Path => path;

    public bool Exists => File.Exists(path);

    /// <summary>Sessions, newest first; all of them when <paramref name="limit"/> is null.</summary>
    public IReadOnlyList<SessionRecord> Sessions(int? limit = null) =>
        Query(
            $"SELECT {SessionSchema.SessionColumns} FROM sessions ORDER BY id DESC" + (limit is null ? "" : " LIMIT $limit"),
            SessionSchema.ReadSession,
            command => AddLimit(command, limit));

    /// <summary>Every session, oldest first (the order of an export).</summary>
    public IReadOnlyList<SessionRecord> AllSessionsInOrder() =>
        Query($"SELECT {SessionSchema.SessionColumns} FROM sessions ORDER BY id", SessionSchema.ReadSession, _ => { });

    public SessionRecord? Session(long id) =>
        Query(
            $"SELECT {SessionSchema.SessionColumns} FROM sessions WHERE id = $id",
            SessionSchema.ReadSession,
            command => command.Parameters.AddWithValue("$id", id)).FirstOrDefault();

    /// <summary>A session's events, in order.</summary>
    public IReadOnlyList<EventRecord> EventsOf(long sessionId) =>
        Query(
            $"SELECT {SessionSchema.EventColumns} FROM events WHERE session_id = $id ORDER BY id",
            SessionSchema.ReadEvent,
            command => command.Parameters.AddWithValue("$id", sessionId));

    /// <summary>The latest events of the whole log (in and out of sessions), newest first.</summary>
    public IReadOnlyList<EventRecord> RecentEvents(int limit) =>
        Query(
            $"SELECT {SessionSchema.EventColumns} FROM events ORDER BY id DESC LIMIT $limit",
            SessionSchema.ReadEvent,
            command => AddLimit(command, limit));

    /// <summary>
    /// The daily summary of the local days from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive) in <paramref name="zone"/>: the treatments begun and the alarms raised in them.
    /// </summary>
    public DailySummary Summary(DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = SessionSchema.FormatTime(Midnight(from, zone));
        var end = SessionSchema.FormatTime(Midnight(to.AddDays(1), zone));
        var treatments = Query(
            $"SELECT {SessionSchema.SessionColumns} FROM sessions WHERE started_at >= $from AND started_at < $to ORDER BY id",
            SessionSchema.ReadSession,
            command => Range(command, start, end));
        var alarms = Query(
            $"SELECT at FROM events WHERE kind = '{EventKinds.AlarmRaised}' AND at >= $from AND at < $to",
            row => SessionSchema.ParseTime(row.GetString(0)),
            command => Range(command, start, end));
        return DailySummary.Of(treatments, alarms, from, to, zone);

        static void Range(SqliteCommand command, string from, string to)
        {
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
        }
    }

    /// <summary>The instant a local day begins (the first valid local time of it, across a daylight-saving jump).</summary>
    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, Action<SqliteCommand> bind)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static void AddLimit(SqliteCommand command, int? limit)
    {
        if (limit is { } value)
        {
            command.Parameters.AddWithValue("$limit", value);
        }
    }
}
