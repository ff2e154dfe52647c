using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// Turns loop-clock seconds (what the status and events carry) into wall-clock time, for people
/// and records. Thread-safe.
/// </summary>
/// <remarks>
/// The loop's time zero is not published, so it is estimated from the status snapshots: each one
/// says "the tick at loop time t ran no later than now", so <c>now − t</c> is never earlier than the
/// origin and the earliest such estimate is the best one (within the lag of the freshest snapshot
/// seen, well under a millisecond). The estimate is kept on the monotonic timestamp, not the wall
/// clock, and converted through the wall clock only at the end, so that a wall-clock step (NTP
/// after a Pi boots without a real-time clock) moves every time consistently instead of skewing
/// the estimate.
/// </remarks>
public sealed class LoopClock(ControllerRuntime runtime)
{
    private long _origin = long.MaxValue;

    /// <summary>Refines the estimate of the loop's time zero from a snapshot.</summary>
    public void Observe(in ControllerStatus status)
    {
        if (status.Ticks == 0)
        {
            return;
        }

        var estimate = runtime.Clock.GetTimestamp() - (long)(status.Time * runtime.Clock.TimestampFrequency);
        var seen = Volatile.Read(ref _origin);
        while (estimate < seen)
        {
            var previous = Interlocked.CompareExchange(ref _origin, estimate, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>The wall-clock time (UTC, to the millisecond) of an instant on the loop clock.</summary>
    public DateTimeOffset ToWall(double loopSeconds)
    {
        var clock = runtime.Clock;
        var now = clock.GetUtcNow();
        var origin = Volatile.Read(ref _origin);
        if (origin == long.MaxValue)
        {
            return Truncate(now);
        }

        var loopNow = (double)(clock.GetTimestamp() - origin) / clock.TimestampFrequency;
        return Truncate(now - TimeSpan.FromSeconds(loopNow - loopSeconds));
    }

    /// <summary>Wall-clock now, to the millisecond.</summary>
    public DateTimeOffset Now() => Truncate(runtime.Clock.GetUtcNow());

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
