using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Loop;
using Microsoft.Extensions.Hosting;

namespace HydroOxygen.Controller.Telemetry.Metrics;

/// <summary>
/// Feeds the lateness histogram instrument from the loop's own allocation-free histogram, once a
/// second, off the tick: each new tick in a bucket is recorded at that bucket's upper edge (the
/// loop's buckets are 1/16 octave wide, much finer than the exported ones).
/// </summary>
public sealed class LoopLatenessSampler(ControllerRuntime runtime, ControllerMetrics metrics) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly long[] _seen = new long[LoopTiming.LatenessBucketCount];
    private readonly long[] _now = new long[LoopTiming.LatenessBucketCount];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, runtime.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Records the ticks counted since the last call.</summary>
    public void Sample()
    {
        runtime.Scheduler.Timing.CopyLatenessCounts(_now);
        for (var bucket = 0; bucket < _now.Length; bucket++)
        {
            var added = _now[bucket] - _seen[bucket];
            if (added <= 0)
            {
                continue;
            }

            var seconds = LoopTiming.LatenessBucketUpperUs(bucket) / 1e6;
            for (var i = 0L; i < added; i++)
            {
                metrics.LatenessHistogram.Record(seconds);
            }

            _seen[bucket] = _now[bucket];
        }
    }
}
