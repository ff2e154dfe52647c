namespace HydroOxygen.Controller.Records;

/// <summary>
/// The telemetry outbox (DESIGN §3.6) beside the session records in the same database: the events
/// and finished session records waiting for the broker's acknowledgement, in the order they happened.
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

    /// <summary>The last event id copied into the outbox.</summary>
    public const string EventCursor = "event_cursor";

    /// <summary>The last finished session id copied into the outbox.</summary>
    public const string SessionCursor = "session_cursor";

    /// <summary>Events dropped from a full outbox, ever.</summary>
    public const string DroppedEvents = "dropped_events";

    /// <summary>What a row costs beyond its payload (id, kind, keys, index entries), bytes: an estimate for the bound.</summary>
    public const int RowOverheadBytes = 96;
}
