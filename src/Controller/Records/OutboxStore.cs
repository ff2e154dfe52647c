using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// The telemetry outbox in the records database (<see cref="OutboxSchema"/>): copies what the
/// records writer committed (events, finished sessions) into it, hands out the oldest messages,
/// marks those the broker acknowledged, and removes them once a collector acknowledged committing
/// them (or, for a site without our collector, on the broker's acknowledgement). Its own connection, off the tick; every
/// change is one transaction, <c>synchronous=FULL</c> like the records themselves, so a kill or a
/// power cut leaves each message either waiting or acknowledged, never half-way.
/// </summary>
/// <remarks>
/// Copying from the committed tables (instead of being told by the writer) means a message exists
/// for every record the database kept, whatever happened to the process in between: the cursor
/// and the copied rows commit together.
/// </remarks>
internal sealed class OutboxStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private long _depth;
    private long _sessionDepth;
    private long _bytes;
    private long _dropped;
    private long _awaitingCollector;

    private OutboxStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Messages waiting (events and sessions).</summary>
    public long Depth => Interlocked.Read(ref _depth);

    /// <summary>Of <see cref="Depth"/>, messages the broker acknowledged that wait for a collector's acknowledgement.</summary>
    public long AwaitingCollector => Interlocked.Read(ref _awaitingCollector);

    /// <summary>Of <see cref="Depth"/>, messages not (or no longer) acknowledged by the broker: sent at the next drain.</summary>
    public long AwaitingBroker => Depth - AwaitingCollector;

    /// <summary>Session records waiting.</summary>
    public long SessionDepth => Interlocked.Read(ref _sessionDepth);

    /// <summary>The outbox's size as the bound counts it (payloads plus a per-row estimate), bytes.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Events dropped from a full outbox since the database was made.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>Opens the outbox in the records database at <paramref name="path"/>, which the records writer has created.</summary>
    public static OutboxStore Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version", null), CultureInfo.InvariantCulture);
            if (version > SessionSchema.Version)
            {
                throw new InvalidOperationException($"{path} was written by a newer release (schema {version}); the outbox leaves it untouched");
            }

            Execute(connection, OutboxSchema.Create);
            AddAckColumns(connection);
            var store = new OutboxStore(connection);
            store.LoadTotals();
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies up to <paramref name="limit"/> new events and finished sessions into the outbox, each
    /// with a new id and the next sequence number; returns how many were copied.
    /// </summary>
    /// <param name="powerOnHold">
    /// How long the events of a power-on may wait for the session they lead to: the recorder gives
    /// them to that session once it starts (<see cref="SessionStore.AttachEvents"/>), and a copy taken
    /// before would say "no session" for ever. A power-on that leads to no session (a fault in the
    /// self-test) is sent when the hold ends.
    /// </param>
    public int Capture(Func<EventRecord, string> eventPayload, Func<SessionRecord, string> sessionPayload, int limit, DateTimeOffset now, TimeSpan powerOnHold)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var added = 0;
            var addedSessions = 0;
            long addedBytes = 0;
            var created = SessionSchema.FormatTime(now);

            var eventCursor = Progress(transaction, OutboxSchema.EventCursor);
            var holdFrom = PowerOnAwaitingSession(transaction, now - powerOnHold) ?? long.MaxValue;
            var events = new List<EventRecord>();
            using (var command = Command(transaction, $"SELECT {SessionSchema.EventColumns} FROM events WHERE id > $cursor AND id < $hold ORDER BY id LIMIT $limit"))
            {
                command.Parameters.AddWithValue("$cursor", eventCursor);
                command.Parameters.AddWithValue("$hold", holdFrom);
                command.Parameters.AddWithValue("$limit", limit);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    events.Add(SessionSchema.ReadEvent(reader));
                }
            }

            foreach (var record in events)
            {
                addedBytes += Insert(transaction, OutboxSchema.EventKind, record.Id, eventPayload(record), created);
                eventCursor = record.Id;
                added++;
            }

            var sessionCursor = Progress(transaction, OutboxSchema.SessionCursor);
            var sessions = new List<SessionRecord>();
            using (var command = Command(transaction, $"SELECT {SessionSchema.SessionColumns} FROM sessions WHERE id > $cursor ORDER BY id LIMIT $limit"))
            {
                command.Parameters.AddWithValue("$cursor", sessionCursor);
                command.Parameters.AddWithValue("$limit", limit);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    sessions.Add(SessionSchema.ReadSession(reader));
                }
            }

            // Only finished records are sent, in order: the open one (always the newest) waits.
            foreach (var record in sessions.TakeWhile(s => s.EndedAt is not null))
            {
                addedBytes += Insert(transaction, OutboxSchema.SessionKind, record.Id, sessionPayload(record), created);
                sessionCursor = record.Id;
                added++;
                addedSessions++;
            }

            if (added == 0)
            {
                transaction.Rollback();
                return 0;
            }

            SetProgress(transaction, OutboxSchema.EventCursor, eventCursor);
            SetProgress(transaction, OutboxSchema.SessionCursor, sessionCursor);
            transaction.Commit();
            Interlocked.Add(ref _depth, added);
            Interlocked.Add(ref _sessionDepth, addedSessions);
            Interlocked.Add(ref _bytes, addedBytes);
            return added;
        }
    }

    /// <summary>
    /// Keeps the outbox within <paramref name="maxBytes"/> by dropping the oldest events (never a
    /// session record); returns how many were dropped now. The count is kept in the database.
    /// </summary>
    public int EnforceBound(long maxBytes)
    {
        lock (_gate)
        {
            if (Bytes <= maxBytes)
            {
                return 0;
            }

            using var transaction = _connection.BeginTransaction();
            var over = Bytes - maxBytes;
            var dropped = 0;
            var droppedAwaitingCollector = 0;
            long freed = 0;
            while (freed < over)
            {
                var oldest = new List<(long Seq, long Bytes, bool BrokerAcked)>();
                using (var command = Command(transaction, "SELECT seq, length(CAST(payload AS BLOB)), broker_acked_ms IS NOT NULL FROM outbox WHERE kind = $kind ORDER BY seq LIMIT 256"))
                {
                    command.Parameters.AddWithValue("$kind", OutboxSchema.EventKind);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        oldest.Add((reader.GetInt64(0), reader.GetInt64(1) + OutboxSchema.RowOverheadBytes, reader.GetBoolean(2)));
                    }
                }

                if (oldest.Count == 0)
                {
                    break; // only session records are left, and those are kept whatever it costs
                }

                foreach (var (seq, bytes, brokerAcked) in oldest)
                {
                    if (freed >= over)
                    {
                        break;
                    }

                    using var delete = Command(transaction, "DELETE FROM outbox WHERE seq = $seq");
                    delete.Parameters.AddWithValue("$seq", seq);
                    delete.ExecuteNonQuery();
                    freed += bytes;
                    dropped++;
                    droppedAwaitingCollector += brokerAcked ? 1 : 0;
                }
            }

            if (dropped == 0)
            {
                transaction.Rollback();
                return 0;
            }

            SetProgress(transaction, OutboxSchema.DroppedEvents, DroppedEvents + dropped);
            transaction.Commit();
            Interlocked.Add(ref _depth, -dropped);
            Interlocked.Add(ref _bytes, -freed);
            Interlocked.Add(ref _dropped, dropped);
            Interlocked.Add(ref _awaitingCollector, -droppedAwaitingCollector);
            return dropped;
        }
    }

    /// <summary>The oldest messages waiting (whether or not the broker acknowledged them), in sequence order.</summary>
    public IReadOnlyList<OutboxEntry> Oldest(int limit) => Select("", limit);

    /// <summary>The oldest messages waiting for the broker (new, or offered again), in sequence order: what is sent next.</summary>
    public IReadOnlyList<OutboxEntry> OldestAwaitingBroker(int limit) => Select("WHERE broker_acked_ms IS NULL", limit);

    private List<OutboxEntry> Select(string where, int limit)
    {
        lock (_gate)
        {
            using var command = Command(null, $"SELECT seq, id, kind, payload FROM outbox {where} ORDER BY seq LIMIT $limit");
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var entries = new List<OutboxEntry>();
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return entries;
        }
    }

    /// <summary>
    /// Marks messages the broker acknowledged: kept until a collector acknowledges them, and offered
    /// again after <paramref name="firstWait"/> doubled per earlier re-offer, at most <paramref name="maxWait"/>
    /// (those already gone or already marked are left as they are).
    /// </summary>
    public void MarkBrokerAcknowledged(IReadOnlyCollection<long> sequences, DateTimeOffset now, TimeSpan firstWait, TimeSpan maxWait)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var marked = 0;
            foreach (var seq in sequences)
            {
                using var command = Command(transaction, """
                    UPDATE outbox SET broker_acked_ms = $now, reoffer_at_ms = $now + min($first * (1 << min(reoffers, 20)), $max)
                    WHERE seq = $seq AND broker_acked_ms IS NULL
                    """);
                command.Parameters.AddWithValue("$seq", seq);
                command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$first", (long)firstWait.TotalMilliseconds);
                command.Parameters.AddWithValue("$max", (long)maxWait.TotalMilliseconds);
                marked += command.ExecuteNonQuery();
            }

            transaction.Commit();
            Interlocked.Add(ref _awaitingCollector, marked);
        }
    }

    /// <summary>
    /// Removes the messages a collector acknowledged, by id, whatever the broker said of them;
    /// ids the outbox does not hold (already removed, another device's, made up) change nothing.
    /// Returns how many were removed.
    /// </summary>
    public int RemoveCollected(IReadOnlyCollection<string> ids) => RemoveBy("id", ids);

    /// <summary>
    /// After a reconnect: every message the broker acknowledged but no collector has is to be sent
    /// again, in order (the broker may have lost it). Returns how many.
    /// </summary>
    public int OfferAllAgain()
    {
        lock (_gate)
        {
            using var command = Command(null, "UPDATE outbox SET broker_acked_ms = NULL, reoffer_at_ms = NULL WHERE broker_acked_ms IS NOT NULL");
            var count = command.ExecuteNonQuery();
            Interlocked.Add(ref _awaitingCollector, -count);
            return count;
        }
    }

    /// <summary>
    /// Messages whose re-offer time has come (or lies further ahead than <paramref name="maxWait"/>:
    /// the wall clock went back) are to be sent again, each with its back-off doubled. Returns how many.
    /// </summary>
    public int OfferDueAgain(DateTimeOffset now, TimeSpan maxWait)
    {
        if (AwaitingCollector == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            using var command = Command(null, """
                UPDATE outbox SET broker_acked_ms = NULL, reoffer_at_ms = NULL, reoffers = reoffers + 1
                WHERE reoffer_at_ms <= $now OR reoffer_at_ms > $late
                """);
            var nowMs = now.ToUnixTimeMilliseconds();
            command.Parameters.AddWithValue("$now", nowMs);
            command.Parameters.AddWithValue("$late", nowMs + (long)maxWait.TotalMilliseconds);
            var count = command.ExecuteNonQuery();
            Interlocked.Add(ref _awaitingCollector, -count);
            return count;
        }
    }

    /// <summary>Removes messages acknowledged for good (those already gone are ignored).</summary>
    public void Remove(IReadOnlyCollection<long> sequences) => RemoveBy("seq", sequences);

    /// <summary>Deletes the rows whose <paramref name="column"/> is one of <paramref name="keys"/>, in one transaction.</summary>
    private int RemoveBy<TKey>(string column, IReadOnlyCollection<TKey> keys)
        where TKey : notnull
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var removed = new Removal();
            foreach (var key in keys)
            {
                using var command = Command(transaction, $"DELETE FROM outbox WHERE {column} = $key RETURNING kind, length(CAST(payload AS BLOB)), broker_acked_ms IS NOT NULL");
                command.Parameters.AddWithValue("$key", key);
                removed.Read(command);
            }

            transaction.Commit();
            Account(removed);
            return removed.Count;
        }
    }

    private void Account(Removal removed)
    {
        Interlocked.Add(ref _depth, -removed.Count);
        Interlocked.Add(ref _sessionDepth, -removed.Sessions);
        Interlocked.Add(ref _bytes, -removed.Bytes);
        Interlocked.Add(ref _awaitingCollector, -removed.AwaitingCollector);
    }

    /// <summary>What a removal took out, for the running totals.</summary>
    private sealed class Removal
    {
        public int Count;
        public int Sessions;
        public long Bytes;
        public int AwaitingCollector;

        public void Read(SqliteCommand deleteReturning)
        {
            using var reader = deleteReturning.ExecuteReader();
            if (reader.Read())
            {
                Count++;
                Sessions += reader.GetString(0) == OutboxSchema.SessionKind ? 1 : 0;
                Bytes += reader.GetInt64(1) + OutboxSchema.RowOverheadBytes;
                AwaitingCollector += reader.GetBoolean(2) ? 1 : 0;
            }
        }
    }

    public void Dispose() => _connection.Dispose();

    private void LoadTotals()
    {
        using var command = Command(null, """
            SELECT count(*), coalesce(sum(kind = 'session'), 0), coalesce(sum(length(CAST(payload AS BLOB))), 0) + count(*) * $overhead,
                   coalesce((SELECT value FROM outbox_progress WHERE name = $dropped), 0), coalesce(sum(broker_acked_ms IS NOT NULL), 0)
            FROM outbox
            """);
        command.Parameters.AddWithValue("$overhead", OutboxSchema.RowOverheadBytes);
        command.Parameters.AddWithValue("$dropped", OutboxSchema.DroppedEvents);
        using var reader = command.ExecuteReader();
        reader.Read();
        _depth = reader.GetInt64(0);
        _sessionDepth = reader.GetInt64(1);
        _bytes = reader.GetInt64(2);
        _dropped = reader.GetInt64(3);
        _awaitingCollector = reader.GetInt64(4);
    }

    /// <summary>An outbox made by an earlier release gains the acknowledgement columns (rows in it: waiting for the broker).</summary>
    private static void AddAckColumns(SqliteConnection connection)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info('outbox')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in OutboxSchema.AckColumns)
        {
            if (!present.Contains(name))
            {
                Execute(connection, $"ALTER TABLE outbox ADD COLUMN {name} {definition}");
            }
        }

        Execute(connection, "CREATE INDEX IF NOT EXISTS outbox_by_reoffer ON outbox(reoffer_at_ms)");
    }

    private long Insert(SqliteTransaction transaction, string kind, long sourceId, string payload, string now)
    {
        using var command = Command(transaction, "INSERT INTO outbox (id, kind, source_id, payload, created_at) VALUES ($id, $kind, $source, $payload, $now)");
        command.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString("D"));
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$source", sourceId);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
        return System.Text.Encoding.UTF8.GetByteCount(payload) + OutboxSchema.RowOverheadBytes;
    }

    /// <summary>
    /// The first event of the latest power-on (the entry into SelfTest) while it is not yet part
    /// of a session, no session has started since, and it happened after <paramref name="holdSince"/>;
    /// else null.
    /// </summary>
    private long? PowerOnAwaitingSession(SqliteTransaction transaction, DateTimeOffset holdSince)
    {
        using var command = Command(transaction, $"""
            SELECT id FROM events p
            WHERE p.id = (SELECT max(id) FROM events WHERE kind = '{EventKinds.State}' AND state = 'SelfTest')
              AND p.session_id IS NULL AND p.at > $since
              AND NOT EXISTS (SELECT 1 FROM events s WHERE s.id > p.id AND s.kind = '{EventKinds.SessionStarted}')
            """);
        command.Parameters.AddWithValue("$since", SessionSchema.FormatTime(holdSince));
        return command.ExecuteScalar() is long id ? id : null;
    }

    private long Progress(SqliteTransaction transaction, string name)
    {
        using var command = Command(transaction, "SELECT value FROM outbox_progress WHERE name = $name");
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private void SetProgress(SqliteTransaction transaction, string name, long value)
    {
        using var command = Command(transaction, "INSERT INTO outbox_progress (name, value) VALUES ($name, $value) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
