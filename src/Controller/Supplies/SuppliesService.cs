using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Supplies;

/// <summary>
/// Feeds the ledger from the loop's status snapshot a few times a second and writes a checkpoint
/// every <see cref="SuppliesOptions.CheckpointS"/> (and after every change a person makes, and at a
/// clean stop). Off the tick: the loop never waits for it.
/// </summary>
public sealed partial class SuppliesService : BackgroundService
{
    private static readonly TimeSpan ObservePeriod = TimeSpan.FromMilliseconds(200);
    private readonly ControllerRuntime _runtime;
    private readonly SupplyStore _store;
    private readonly ILogger<SuppliesService> _logger;
    private readonly Lock _saving = new();

    public SuppliesService(ControllerRuntime runtime, SuppliesOptions options, SupplyStore store, ILogger<SuppliesService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runtime = runtime;
        _store = store;
        _logger = logger;
        var loaded = store.Load();
        SupplyRecord? restored = null;
        switch (loaded.Status)
        {
            case DocumentStatus.Ok:
                restored = loaded.Value;
                break;
            case DocumentStatus.Corrupt:
                var aside = store.SetAside(runtime.Clock.GetUtcNow());
                LogUnreadable(loaded.Problem, aside);
                break;
        }

        Ledger = new SupplyLedger(options, restored);
        CheckpointPeriod = TimeSpan.FromSeconds(options.CheckpointS);
        LastSaved = Ledger.Record();
    }

    public SupplyLedger Ledger { get; }

    /// <summary>Wall-clock time, for the records a person makes.</summary>
    public DateTimeOffset Now => _runtime.Clock.GetUtcNow();

    public TimeSpan CheckpointPeriod { get; }

    /// <summary>What the last checkpoint wrote (what a kill now would leave).</summary>
    public SupplyRecord LastSaved { get; private set; }

    /// <summary>The last checkpoint could not be written: why (null when it was).</summary>
    public string? Problem { get; private set; }

    /// <summary>Takes the latest status and writes a checkpoint at once (after a person's change).</summary>
    public void CheckpointNow()
    {
        Ledger.Observe(_runtime.Status.Read());
        Save();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ObservePeriod, _runtime.Clock);
        var nextCheckpoint = _runtime.Clock.GetUtcNow() + CheckpointPeriod;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var status = _runtime.Status.Read();
                Ledger.Observe(in status);
                if (Ledger.FollowDayRoutine(status.DayRoutine, _runtime.Clock.GetUtcNow()))
                {
                    // Each run is logged: written at once, not at the next checkpoint.
                    Save();
                    nextCheckpoint = _runtime.Clock.GetUtcNow() + CheckpointPeriod;
                }
                else if (_runtime.Clock.GetUtcNow() >= nextCheckpoint)
                {
                    Save();
                    nextCheckpoint = _runtime.Clock.GetUtcNow() + CheckpointPeriod;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        CheckpointNow();
    }

    private void Save()
    {
        lock (_saving)
        {
            var record = Ledger.NextCheckpoint(_runtime.Clock.GetUtcNow());
            try
            {
                _store.Save(record);
                LastSaved = record;
                Problem = null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The counters go on in memory; the next checkpoint tries again. Never a silent loss.
                Problem = ex.Message;
                LogNotSaved(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The supplies and wear counters file could not be read ({Problem}); set aside as {Aside}, counting from zero")]
    private partial void LogUnreadable(string problem, string aside);

    [LoggerMessage(Level = LogLevel.Error, Message = "The supplies and wear counters could not be written: {Problem}")]
    private partial void LogNotSaved(string problem);
}
