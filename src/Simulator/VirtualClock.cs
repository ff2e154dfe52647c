namespace HydroOxygen.Simulator;

/// <summary>
/// A clock that only moves when told to: the simulation's virtual time, which lets a 90-minute
/// session run in seconds while every component still asks a <see cref="TimeProvider"/> for "now".
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly DateTimeOffset _epoch;
    private long _ticks;

    /// <param name="epoch">Wall-clock time the simulation starts at (only used for record timestamps).</param>
    public VirtualClock(DateTimeOffset? epoch = null) => _epoch = epoch ?? new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Volatile.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => _epoch + TimeSpan.FromTicks(Volatile.Read(ref _ticks));

    public TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _ticks));

    public void Advance(TimeSpan interval)
    {
        if (interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "Time does not run backwards.");
        }

        Interlocked.Add(ref _ticks, interval.Ticks);
    }
}
