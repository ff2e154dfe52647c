using HydroOxygen.Hal;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// The simulated device's watchdog: it counts kicks and says whether a real one would have reset
/// the device (at some moment, no kick for longer than its timeout since it was armed or last
/// kicked). A reset cannot be undone, so a late kick does not clear it.
/// </summary>
public sealed class SimulatedWatchdog : IWatchdog
{
    /// <summary>The timeout of the installed unit (<c>WatchdogSec=5</c>).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock;
    private long _lastKick;
    private long _kicks;
    private int _expired;

    /// <summary>Arms the watchdog: the first kick is due within <paramref name="timeout"/> from now.</summary>
    public SimulatedWatchdog(TimeProvider clock, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _clock = clock;
        Timeout = timeout;
        _lastKick = clock.GetTimestamp();
    }

    public TimeSpan Timeout { get; }

    public long Kicks => Interlocked.Read(ref _kicks);

    /// <summary>A real watchdog would have reset the device: it went unkicked for longer than its timeout.</summary>
    public bool WouldHaveReset => Volatile.Read(ref _expired) == 1 || Overdue();

    public void Kick()
    {
        if (Overdue())
        {
            Volatile.Write(ref _expired, 1);
        }

        Interlocked.Exchange(ref _lastKick, _clock.GetTimestamp());
        Interlocked.Increment(ref _kicks);
    }

    private bool Overdue() => _clock.GetElapsedTime(Interlocked.Read(ref _lastKick)) > Timeout;
}
