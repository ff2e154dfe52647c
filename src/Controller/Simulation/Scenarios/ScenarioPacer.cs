namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Keeps virtual time in step with the wall clock for <c>--realtime</c>, so a tester can watch a
/// run (dashboard, stream) as it would happen on the device. Without it virtual time runs as fast
/// as the machine allows.
/// </summary>
public sealed class ScenarioPacer
{
    // Sleeping for less than a couple of milliseconds costs more than it gains on a desktop kernel.
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromMilliseconds(2);

    private readonly TimeProvider _clock;
    private readonly bool _realtime;
    private readonly CancellationToken _cancellation;
    private long _start;

    public ScenarioPacer(TimeProvider clock, bool realtime, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _realtime = realtime;
        _cancellation = cancellation;
        _start = clock.GetTimestamp();
    }

    /// <summary>Wall time since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => _clock.GetElapsedTime(_start);

    public void Start() => _start = _clock.GetTimestamp();

    /// <summary>In real-time mode, waits until the wall clock has caught up with <paramref name="virtualSeconds"/>.</summary>
    public void WaitFor(double virtualSeconds)
    {
        if (!_realtime)
        {
            return;
        }

        var ahead = TimeSpan.FromSeconds(virtualSeconds) - Elapsed;
        if (ahead >= MinimumSleep)
        {
            Task.Delay(ahead, _clock, _cancellation).GetAwaiter().GetResult();
        }
    }
}
