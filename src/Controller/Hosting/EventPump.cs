using HydroOxygen.Controller.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// The single reader of the loop's event ring: drains it every few milliseconds and hands each event
/// to every sink, so that logging, records and streams all happen here and never on the tick.
/// Also logs the loop's timing once a minute.
/// </summary>
public sealed class EventPump(
    ControllerRuntime runtime,
    IEnumerable<IControlEventSink> sinks,
    ILogger<EventPump> logger) : BackgroundService
{
    private static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan TimingInterval = TimeSpan.FromMinutes(1);
    private readonly IControlEventSink[] _sinks = sinks.ToArray();
    private long _reportedDrops;

    /// <summary>
    /// Starts the pump unless it runs already: the controller starts it before the loop, ahead of the
    /// web host, so that nothing the loop does at start-up waits on the host to be logged or recorded.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken) =>
        ExecuteTask is null ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextTimingReport = runtime.Clock.GetTimestamp() + (long)(TimingInterval.TotalSeconds * runtime.Clock.TimestampFrequency);
        using var timer = new PeriodicTimer(DrainInterval, runtime.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Drain();
                if (runtime.Clock.GetTimestamp() >= nextTimingReport)
                {
                    nextTimingReport += (long)(TimingInterval.TotalSeconds * runtime.Clock.TimestampFrequency);
                    ReportTiming();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        Drain();
    }

    private void Drain()
    {
        var status = runtime.Status.Read();
        while (runtime.Events.TryRead(out var controlEvent))
        {
            foreach (var sink in _sinks)
            {
                try
                {
                    sink.Handle(in controlEvent, in status);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    logger.LogError(ex, "Event sink {Sink} failed on {Event}", sink.GetType().Name, controlEvent.Kind);
                }
            }
        }

        var dropped = runtime.Events.Dropped;
        if (dropped != _reportedDrops)
        {
            logger.LogWarning("{Count} control events were dropped because the event reader fell behind", dropped - _reportedDrops);
            _reportedDrops = dropped;
        }
    }

    private void ReportTiming()
    {
        var timing = runtime.Scheduler.Timing.Snapshot();
        logger.LogInformation(
            "Loop timing: {Ticks} ticks, lateness p50 {P50:F0} µs p99 {P99:F0} µs max {Max:F0} µs, period {Min:F0}–{MaxPeriod:F0} µs, {Overruns} overruns",
            timing.Ticks,
            timing.LatenessP50Us,
            timing.LatenessP99Us,
            timing.LatenessMaxUs,
            timing.MinPeriodUs,
            timing.MaxPeriodUs,
            timing.Overruns);
    }
}
