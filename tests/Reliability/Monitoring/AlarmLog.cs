using HydroOxygen.Controller.Core;

namespace HydroOxygen.Reliability.Monitoring;

/// <summary>
/// Drains the controller's <see cref="EventRing"/> — the log the technician and the records see — and
/// keeps what the oracles need: each raised alarm with its time. Bounded, so that a soak of many
/// hours does not grow the heap: past <c>keep</c> entries only the per-code counts and the latest
/// time of each code are kept.
/// </summary>
public sealed class AlarmLog
{
    private readonly EventRing _ring;
    private readonly int _keep;
    private readonly List<ControlEvent> _raised = [];
    private readonly long[] _counts = new long[AlarmCatalog.Count];
    private readonly double[] _lastRaised = new double[AlarmCatalog.Count];

    public AlarmLog(EventRing ring, int keep = 256)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
        _keep = keep;
        Array.Fill(_lastRaised, double.NaN);
    }

    /// <summary>The first raised-alarm events, in order (at most <c>keep</c>).</summary>
    public IReadOnlyList<ControlEvent> Raised => _raised;

    public long Events { get; private set; }

    /// <summary>Events the ring had to drop because nobody read it in time (must stay 0).</summary>
    public long Dropped => _ring.Dropped;

    public long RaisedCount(AlarmCode code) => _counts[(int)code];

    /// <summary>When the code was last raised, NaN if never.</summary>
    public double LastRaisedAt(AlarmCode code) => _lastRaised[(int)code];

    public void Drain()
    {
        while (_ring.TryRead(out var item))
        {
            Events++;
            if (item.Kind != ControlEventKind.AlarmRaised)
            {
                continue;
            }

            _counts[(int)item.Alarm]++;
            _lastRaised[(int)item.Alarm] = item.Time;
            if (_raised.Count < _keep)
            {
                _raised.Add(item);
            }
        }
    }

    /// <summary>Forgets the kept events (the counts stay): for runs long enough to need it.</summary>
    public void ForgetKept() => _raised.Clear();
}
