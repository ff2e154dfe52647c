using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Records;

/// <summary>The database layout of session records and the event log, and how rows map to records.</summary>
/// <remarks>
/// Times are stored as ISO 8601 UTC text (readable with the sqlite3 shell, sortable as text); lists
/// as <c>;</c>-joined text, like the trace's <c>alarms</c> column. The schema version is SQLite's
/// <c>user_version</c>, so that a later release can migrate what an earlier one wrote.
/// </remarks>
internal static class SessionSchema
{
    public const int Version = 2;
    public const char ListSeparator = ';';
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS sessions (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at   TEXT    NOT NULL,
            ended_at     TEXT,
            end_reason   TEXT,
            updated_at   TEXT    NOT NULL,
            duration_s   REAL    NOT NULL DEFAULT 0,
            program      TEXT    NOT NULL,
            programs     TEXT    NOT NULL,
            gas_source   TEXT    NOT NULL,
            gas_sources  TEXT    NOT NULL,
            setpoints_mpa TEXT   NOT NULL,
            spray_s      REAL    NOT NULL DEFAULT 0,
            liquid_ml    REAL    NOT NULL DEFAULT 0,
            alarm_count  INTEGER NOT NULL DEFAULT 0,
            alarms       TEXT    NOT NULL DEFAULT '',
            client_code  TEXT,
            oxygen_l     REAL    NOT NULL DEFAULT 0,
            plan         TEXT,
            plan_step_spray_s TEXT NOT NULL DEFAULT '',
            plans        TEXT    NOT NULL DEFAULT ''
        );
        CREATE TABLE IF NOT EXISTS events (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id INTEGER REFERENCES sessions(id),
            at         TEXT    NOT NULL,
            loop_s     REAL,
            kind       TEXT    NOT NULL,
            state      TEXT,
            code       TEXT,
            value      REAL,
            detail     TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS events_by_session ON events(session_id, id);
        CREATE INDEX IF NOT EXISTS sessions_open ON sessions(id) WHERE ended_at IS NULL;
        """;

    /// <summary>From version 1 (no oxygen figure): the column is added, its old rows read 0.</summary>
    public const string MigrateFrom1 = "ALTER TABLE sessions ADD COLUMN oxygen_l REAL NOT NULL DEFAULT 0;";

    public const string SessionColumns =
        "id, started_at, ended_at, end_reason, updated_at, duration_s, program, programs, gas_source, gas_sources, " +
        "setpoints_mpa, spray_s, liquid_ml, alarm_count, alarms, client_code, oxygen_l, plan, plan_step_spray_s, plans";

    /// <summary>
    /// Columns added after the first release, with their definitions: a database written before them
    /// gets them (empty) when it is opened.
    /// </summary>
    public static readonly (string Name, string Definition)[] AddedSessionColumns =
    [
        ("plan", "TEXT"),
        ("plan_step_spray_s", "TEXT NOT NULL DEFAULT ''"),
        ("plans", "TEXT NOT NULL DEFAULT ''"),
    ];

    /// <summary>Separates the plan runs of a session in the <c>plans</c> column (and the CSV's).</summary>
    public const char PlanSeparator = '|';

    /// <summary><c>name=s;s;s|name=s;s</c>: each plan run with its spray seconds per step.</summary>
    public static string JoinPlans(IEnumerable<PlanRun> runs) =>
        string.Join(PlanSeparator, runs.Select(run => run.Plan + "=" + JoinList(run.StepSprayS)));

    public static IReadOnlyList<PlanRun> SplitPlans(string text) =>
        text.Length == 0
            ? []
            : [.. text.Split(PlanSeparator).Select(run =>
            {
                var at = run.LastIndexOf('=');
                return new PlanRun(run[..at], SplitNumbers(run[(at + 1)..]));
            })];

    public const string EventColumns = "id, session_id, at, loop_s, kind, state, code, value, detail";

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string JoinList(IEnumerable<string> items) => string.Join(ListSeparator, items);

    public static string JoinList(IEnumerable<double> values) =>
        string.Join(ListSeparator, values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));

    public static IReadOnlyList<string> SplitList(string text) =>
        text.Length == 0 ? [] : text.Split(ListSeparator);

    public static IReadOnlyList<double> SplitNumbers(string text) =>
        SplitList(text).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public static SessionRecord ReadSession(SqliteDataReader row) => new(
        Id: row.GetInt64(0),
        StartedAt: ParseTime(row.GetString(1)),
        EndedAt: row.IsDBNull(2) ? null : ParseTime(row.GetString(2)),
        EndReason: row.IsDBNull(3) ? null : row.GetString(3),
        UpdatedAt: ParseTime(row.GetString(4)),
        DurationS: row.GetDouble(5),
        Program: row.GetString(6),
        Programs: SplitList(row.GetString(7)),
        GasSource: row.GetString(8),
        GasSources: SplitList(row.GetString(9)),
        SetpointsMpa: SplitNumbers(row.GetString(10)),
        SprayS: row.GetDouble(11),
        LiquidMl: row.GetDouble(12),
        AlarmCount: row.GetInt32(13),
        Alarms: SplitList(row.GetString(14)),
        ClientCode: row.IsDBNull(15) ? null : row.GetString(15),
        OxygenL: row.GetDouble(16),
        Plan: row.IsDBNull(17) ? null : row.GetString(17),
        PlanStepSprayS: SplitNumbers(row.GetString(18)),
        Plans: SplitPlans(row.GetString(19)));

    public static EventRecord ReadEvent(SqliteDataReader row) => new(
        Id: row.GetInt64(0),
        SessionId: row.IsDBNull(1) ? null : row.GetInt64(1),
        At: ParseTime(row.GetString(2)),
        LoopS: row.IsDBNull(3) ? null : row.GetDouble(3),
        Kind: row.GetString(4),
        State: row.IsDBNull(5) ? null : row.GetString(5),
        Code: row.IsDBNull(6) ? null : row.GetString(6),
        Value: row.IsDBNull(7) ? null : row.GetDouble(7),
        Detail: row.GetString(8));
}
