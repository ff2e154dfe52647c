using HydroOxygen.Controller.Loop;
using HydroOxygen.Hal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// Kicks the watchdog once a period — but only if the control loop has ticked since the previous
/// beat (DESIGN §2.5). A loop that stalls or dies stops the kicks, and whatever stands behind the
/// watchdog restarts the service or resets the device, whose de-energized outputs vent it.
/// </summary>
/// <remarks>
/// The beat runs on a <see cref="TimeProvider"/> timer, off the loop thread: the loop only counts
/// its ticks (<see cref="LoopTiming.Ticks"/>), so a heartbeat that blocks can never delay a tick,
/// and a tick that hangs is exactly what the missing kick reports. The service is registered before
/// the control loop, so it stops after it and keeps kicking through the shutdown sequence.
/// </remarks>
public sealed class LoopHeartbeat(IWatchdog watchdog, LoopTiming timing, TimeSpan period, TimeProvider clock, ILogger<LoopHeartbeat> logger)
    : IHostedService, IDisposable
{
    private ITimer? _timer;
    private long _lastTicks;
    private int _beating;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lastTicks = timing.Ticks;
        _timer = clock.CreateTimer(_ => Beat(), null, period, period);
        logger.LogInformation("Watchdog heartbeat every {Period} ms while the control loop ticks", period.TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Beat()
    {
        // A timer can call back again while a slow beat is still running; one judge at a time.
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }

        try
        {
            var ticks = timing.Ticks;
            if (ticks > _lastTicks)
            {
                watchdog.Kick();
            }
            else
            {
                logger.LogError("Control loop made no progress for {Period} ms: withholding the watchdog heartbeat", period.TotalMilliseconds);
            }

            _lastTicks = ticks;
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }
}
