namespace HydroOxygen.Controller.Tests.Hosting;

/// <summary>
/// A clock whose timers fire only when the test moves it: <see cref="Advance"/> calls every timer
/// that falls due, in order and on the calling thread, so the test sees their effects at once.
/// </summary>
internal sealed class ManualTimers : TimeProvider
{
    private readonly List<Timer> _timers = [];
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan interval)
    {
        var end = _now + interval.Ticks;
        while (_timers.Where(t => t.Due <= end).MinBy(t => t.Due) is { } next)
        {
            _now = next.Due;
            next.Fire();
        }

        _now = end;
    }

    private sealed class Timer(ManualTimers clock, TimerCallback callback, object? state) : ITimer
    {
        private long _period;

        public long Due { get; private set; } = long.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : clock._now + dueTime.Ticks;
            _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            return true;
        }

        public void Fire()
        {
            Due = _period > 0 ? Due + _period : long.MaxValue;
            callback(state);
        }

        public void Dispose() => clock._timers.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
