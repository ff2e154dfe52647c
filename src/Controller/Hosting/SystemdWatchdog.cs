using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// Sends systemd's <c>WATCHDOG=1</c> every half watchdog interval — but only if the control loop
/// has ticked since the last one. A loop that stalls or dies stops the heartbeat, and systemd
/// restarts the service (whose de-energized outputs have already vented the device).
/// </summary>
public sealed class SystemdWatchdog(ControllerRuntime runtime, ISystemdNotifier notifier, ILogger<SystemdWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled || !TryReadInterval(out var interval))
        {
            return;
        }

        logger.LogInformation("systemd watchdog: heartbeat every {Interval} ms while the loop ticks", interval.TotalMilliseconds);
        var lastTicks = runtime.Scheduler.Timing.Ticks;
        using var timer = new PeriodicTimer(interval / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var ticks = runtime.Scheduler.Timing.Ticks;
                if (ticks > lastTicks)
                {
                    notifier.Notify(new ServiceState("WATCHDOG=1"));
                }
                else
                {
                    logger.LogError("Control loop made no progress for {Interval} ms: withholding the watchdog heartbeat", interval.TotalMilliseconds / 2);
                }

                lastTicks = ticks;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static bool TryReadInterval(out TimeSpan interval)
    {
        interval = default;
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (!long.TryParse(usec, NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return false;
        }

        interval = TimeSpan.FromMicroseconds(microseconds);
        return true;
    }
}
