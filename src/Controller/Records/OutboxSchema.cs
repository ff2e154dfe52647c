namespace HydroOxygen.Controller.Records;

/// <summary>
/// The telemetry outbox (DESIGN §3.6) beside the session records in the same database: the events
/// and finished session records waiting to reach the central database, in the order they happened.
/// A row the broker acknowledged (PUBACK) is kept, marked with when, until a collector says it
/// committed the row's id (<c>…/acks</c>): a broker may acknowledge before it has saved anything.
/// </summary>
/// <remarks>
/// Only added tables: a release without telemetry opens the database as before. The sequence is
/// <c>AUTOINCREMENT</c>, so a number is never given twice even after every row was sent and deleted;
/// the id is made once per message and kept, so a message sent again after a reconnect carries it.
/// </remarks>
internal static class OutboxSchema
{
    public const string EventKind = "event";
    public const string SessionKind = "session";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS outbox (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            id         TEXT    NOT NULL UNIQUE,
            kind       TEXT    NOT NULL,
            source_id  INTEGER NOT NULL,
            payload    TEXT    NOT NULL,
            created_at TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS outbox_by_kind ON outbox(kind, seq);
        CREATE TABLE IF NOT EXISTS outbox_progress (
            name  TEXT    PRIMARY KEY,
            value INTEGER NOT NULL
        );
        """;

    /// <summary>
    /// Columns added to a database made before the collector's acknowledgement: when the broker
    /// acknowledged the row (Unix ms, null while it waits for the broker), when it is offered again
    /// if no collector acknowledged it, and how often it was offered again so (for the back-off).
    /// </summary>
    public static readonly (string Name, string Definition)[] AckColumns =
    [
        ("broker_acked_ms", "INTEGER"),
        ("reoffer_at_ms", "INTEGER"),
        ("reoffers", "INTEGER NOT NULL DEFAULT 0"),
    ];

    /// <summary>The last event id copied into the outbox.</summary>
    public const string EventCursor = "event_cursor";

    /// <summary>The last finished session id copied into the outbox.</summary>
    public const string SessionCursor = "session_cursor";

    /// <summary>Events dropped from a full outbox, ever.</summary>
    public const string DroppedEvents = "dropped_events";

    /// <summary>What a row costs beyond its payload (id, kind, keys, index entries), bytes: an estimate for the bound.</summary>
    public const int RowOverheadBytes = 96;
}
