using System.Globalization;
using HydroOxygen.Hal;
using Microsoft.Extensions.Hosting.Systemd;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// systemd's service watchdog (<c>WatchdogSec=</c> in the unit): each kick is a <c>WATCHDOG=1</c>
/// notification. systemd restarts a service that goes quiet for longer than the timeout, and the
/// SoC watchdog (<c>RuntimeWatchdogSec=</c>) resets the Pi if systemd itself stops.
/// </summary>
public sealed class SystemdWatchdog(ISystemdNotifier notifier) : IWatchdog
{
    private static readonly ServiceState Alive = new("WATCHDOG=1");

    public void Kick() => notifier.Notify(Alive);

    /// <summary>
    /// The watchdog timeout systemd asks this process to honour, as sd_watchdog_enabled(3) reads it:
    /// <c>WATCHDOG_USEC</c> a positive whole number of microseconds, and <c>WATCHDOG_PID</c>, when
    /// given, this process (a child that inherited the environment must not answer for its parent).
    /// </summary>
    public static bool TryReadTimeout(string? watchdogUsec, string? watchdogPid, int currentPid, out TimeSpan timeout)
    {
        timeout = default;
        if (!long.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return false;
        }

        if (watchdogPid is not null
            && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != currentPid))
        {
            return false;
        }

        timeout = TimeSpan.FromMicroseconds(microseconds);
        return true;
    }

    /// <summary>The timeout from this process's environment, if systemd set one for it.</summary>
    public static bool TryReadTimeout(out TimeSpan timeout) => TryReadTimeout(
        Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
        Environment.GetEnvironmentVariable("WATCHDOG_PID"),
        Environment.ProcessId,
        out timeout);
}
