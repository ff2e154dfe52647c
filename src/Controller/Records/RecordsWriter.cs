using System.Collections.Concurrent;
using HydroOxygen.Controller.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// Owns the session database for the life of the service: one thread drains a bounded queue of
/// record messages and writes them in batches, one transaction each, and checkpoints the open
/// session's figures. Nothing that posts to it ever waits for the disk.
/// </summary>
/// <remarks>
/// A database that cannot be opened (read-only directory, a newer schema) costs the records, never
/// the treatment: the problem is logged and reported by the API, and the device runs on. The same
/// goes for a batch that fails to write (disk full): it is logged and dropped.
/// </remarks>
public sealed class RecordsWriter(
    RecordsOptions options,
    ControllerRuntime runtime,
    LoopClock loopClock,
    IHostEnvironment environment,
    ILogger<RecordsWriter> logger) : IHostedService, IDisposable
{
    public const int QueueCapacity = 4096;
    private const int BatchLimit = 256;
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    private readonly BlockingCollection<RecordMessage> _queue = new(new ConcurrentQueue<RecordMessage>(), QueueCapacity);
    private readonly string _path = options.DatabasePath(environment.ContentRootPath);
    private SessionStore? _store;
    private SessionRecorder? _recorder;
    private Thread? _thread;
    private long _dropped;
    private long _reportedDrops;
    private long _openSessionId;
    private long? _lastFailureLogged;
    private bool _started;

    /// <summary>The database file.</summary>
    public string DatabasePath => _path;

    /// <summary>Why there are no records (disabled, or the database could not be opened); null when they are kept.</summary>
    public string? Problem { get; private set; }

    /// <summary>Read access to the records; null when <see cref="Problem"/> is set.</summary>
    public SessionQueries? Queries { get; private set; }

    /// <summary>The id of the session being recorded, if one is open.</summary>
    public long? OpenSessionId => Volatile.Read(ref _openSessionId) is var id and > 0 ? id : null;

    /// <summary>Opens the records once; the controller starts it ahead of the host, which then finds it started.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return Task.CompletedTask;
        }

        _started = true;
        if (!options.Enabled)
        {
            Problem = $"session records are switched off ({RecordsOptions.Section}:Enabled is false)";
            return Task.CompletedTask;
        }

        try
        {
            _store = SessionStore.Open(_path);
            _recorder = new SessionRecorder(_store, runtime.Core.Programs, options.TreatmentIdleMinutes * 60, runtime.Core.Plans);
            _store.Begin();
            var interrupted = _recorder.CloseInterrupted(loopClock.Now());
            _store.Commit();
            foreach (var id in interrupted)
            {
                logger.LogWarning("Session {Id} was left open by a previous run (crash or power loss); closed as interrupted with its last figures", id);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            _store?.Dispose();
            _store = null;
            Problem = $"session records are unavailable: {ex.Message}";
            logger.LogError("Session records are unavailable ({Path}): {Problem}; the device runs without them", _path, ex.Message);
            return Task.CompletedTask;
        }

        Queries = new SessionQueries(_path);
        _thread = new Thread(Run) { Name = "records-writer", IsBackground = true };
        _thread.Start();
        logger.LogInformation("Session records in {Path}", _path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.CompleteAdding();
        if (_thread is not null && !_thread.Join(TimeSpan.FromSeconds(10)))
        {
            logger.LogWarning("The records writer did not finish in time; the last events may be missing");
        }

        return Task.CompletedTask;
    }

    /// <summary>Queues a message; false (and counted) if the writer is not running or has fallen too far behind.</summary>
    internal bool Post(in RecordMessage message)
    {
        try
        {
            if (_thread is not null && _queue.TryAdd(message))
            {
                return true;
            }
        }
        catch (InvalidOperationException)
        {
            // Stopping: the queue takes no more.
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Sets the client code of the open session; the session's id, or null if none is open.</summary>
    public Task<long?> SetClientCodeAsync(string code)
    {
        var reply = new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(new RecordMessage(RecordMessageKind.ClientCode, loopClock.Now(), ClientCode: code, Reply: reply)))
        {
            reply.TrySetException(new InvalidOperationException(Problem ?? "the records writer is not running"));
        }

        return reply.Task;
    }

    public void Dispose()
    {
        _queue.Dispose();
        _store?.Dispose();
    }

    private void Run()
    {
        var clock = runtime.Clock;
        var interval = (long)(options.CheckpointS * clock.TimestampFrequency);
        var nextCheckpoint = clock.GetTimestamp() + interval;
        var batch = new List<RecordMessage>(BatchLimit);
        while (!_queue.IsCompleted)
        {
            var wait = TimeSpan.FromSeconds(Math.Max(0, nextCheckpoint - clock.GetTimestamp()) / (double)clock.TimestampFrequency);
            batch.Clear();
            try
            {
                if (_queue.TryTake(out var first, wait))
                {
                    batch.Add(first);
                    while (batch.Count < BatchLimit && _queue.TryTake(out var next))
                    {
                        batch.Add(next);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // Completed while waiting: the loop condition ends it.
            }

            var checkpointDue = clock.GetTimestamp() >= nextCheckpoint;
            if (checkpointDue)
            {
                nextCheckpoint = clock.GetTimestamp() + interval;
            }

            if (batch.Count > 0 || checkpointDue)
            {
                Write(batch, checkpointDue);
            }

            ReportDrops();
        }

        Finish();
    }

    private void Write(List<RecordMessage> batch, bool checkpoint)
    {
        var store = _store!;
        var recorder = _recorder!;
        var replies = new List<(TaskCompletionSource<long?> Reply, long? Id)>();
        try
        {
            store.Begin();
            foreach (var message in batch)
            {
                switch (message.Kind)
                {
                    case RecordMessageKind.Event:
                        var controlEvent = message.Event;
                        var status = message.Status;
                        recorder.Record(in controlEvent, in status, message.At);
                        break;
                    case RecordMessageKind.ClientCode:
                        replies.Add((message.Reply!, recorder.SetClientCode(message.ClientCode!)));
                        break;
                }
            }

            if (checkpoint)
            {
                var status = runtime.Status.Read();
                loopClock.Observe(in status);
                recorder.Checkpoint(in status, loopClock.ToWall(status.Time));
            }

            store.Commit();
            Volatile.Write(ref _openSessionId, recorder.OpenSessionId ?? 0);
            foreach (var (reply, id) in replies)
            {
                reply.TrySetResult(id);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            store.Rollback();
            try
            {
                recorder.RolledBack();
            }
            catch (Exception again) when (again is SqliteException or IOException or InvalidOperationException)
            {
                // The database cannot even be read: the next batch fails and tries again.
            }

            foreach (var (reply, _) in replies)
            {
                reply.TrySetException(ex);
            }

            foreach (var message in batch)
            {
                message.Reply?.TrySetException(ex);
            }

            // The first failure is always logged; after it, at most one a minute (a full disk fails
            // every batch). Not "now - long.MinValue", which overflows and never logged at all.
            var now = runtime.Clock.GetTimestamp();
            if (_lastFailureLogged is not { } last || now - last > FailureLogInterval.TotalSeconds * runtime.Clock.TimestampFrequency)
            {
                _lastFailureLogged = now;
                logger.LogError(
                    ex,
                    "Writing {Count} session records to {Path} failed ({Problem}); they are lost, the device runs on (repeats are logged once a minute)",
                    batch.Count,
                    _path,
                    ex.Message);
            }
        }
    }

    private void Finish()
    {
        try
        {
            _store!.Begin();
            var status = runtime.Status.Read();
            loopClock.Observe(in status);
            var open = _recorder!.OpenSessionId;
            _recorder.Stop(in status, loopClock.ToWall(status.Time));
            _store.Commit();
            if (open is not null)
            {
                logger.LogWarning("Session {Id} was still open when the service stopped (device in {State}); closed as stopped", open, status.State);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            _store!.Rollback();
            logger.LogError(ex, "Closing the open session failed; it will be closed as interrupted at the next start");
        }

        ReportDrops();
    }

    private void ReportDrops()
    {
        var dropped = Interlocked.Read(ref _dropped);
        if (dropped != _reportedDrops)
        {
            logger.LogWarning("{Count} record messages were dropped because the records writer fell behind", dropped - _reportedDrops);
            _reportedDrops = dropped;
        }
    }
}
