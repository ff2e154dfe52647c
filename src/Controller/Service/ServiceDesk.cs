using HydroOxygen.Controller.Calibration;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// The engineer's work on the running device, shared by every engineer endpoint: one procedure at
/// a time, the calibration points collected so far, the tuning proposal waiting for confirmation,
/// and the stores they end up in. Requests can come and go between the steps of a calibration;
/// the desk keeps its state.
/// </summary>
public sealed class ServiceDesk(ServiceOperations operations, ServiceOptions options, string dataDirectory, TimeProvider wallClock) : IDisposable
{
    private readonly SemaphoreSlim _busy = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<CalibrationReading> _points = [];
    private HeldPoint? _held;
    private TuningProposal? _tuning;
    private LeakTestResult? _lastLeakTest;

    public ServiceOperations Operations => operations;
    public ServiceOptions Options => options;
    public CalibrationStore Calibrations { get; } = new(dataDirectory);
    public TuningStore Tunings { get; } = new(dataDirectory);
    public ServiceLog Log { get; } = new(dataDirectory);
    public TimeProvider WallClock => wallClock;

    /// <summary>The point held last and waiting for its reference reading, if any.</summary>
    public HeldPoint? Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    public IReadOnlyList<CalibrationReading> Points
    {
        get
        {
            lock (_gate)
            {
                return [.. _points];
            }
        }
    }

    public TuningProposal? PendingTuning
    {
        get
        {
            lock (_gate)
            {
                return _tuning;
            }
        }
    }

    /// <summary>The last leak test run since the controller started, if any (all are in the service log).</summary>
    public LeakTestResult? LastLeakTest
    {
        get
        {
            lock (_gate)
            {
                return _lastLeakTest;
            }
        }
    }

    public async Task<LeakTestResult> LeakTestAsync(LeakTestOptions test, string engineer, CancellationToken cancellation)
    {
        var result = await operations.LeakTestAsync(test, engineer, Log, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            _lastLeakTest = result;
        }

        return result;
    }

    /// <summary>Runs one operation if none is running; otherwise refuses at once.</summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!await _busy.WaitAsync(TimeSpan.Zero).ConfigureAwait(false))
        {
            throw new ServiceBusyException();
        }

        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            _busy.Release();
        }
    }

    public async Task<HeldPoint> HoldAsync(double targetMpa, CancellationToken cancellation)
    {
        var held = await operations.HoldAsync(targetMpa, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            _held = held;
        }

        return held;
    }

    /// <summary>Records the reference reading for the point held last (replacing an earlier reading of the same point).</summary>
    public CalibrationProposal AddReference(double referenceMpa)
    {
        lock (_gate)
        {
            var held = _held ?? throw new ServiceException("calibration: no point is held; hold one first (POST /api/service/calibration/hold)");
            var reading = held.WithReference(referenceMpa);
            _points.RemoveAll(p => p.TargetMpa == reading.TargetMpa);
            _points.Add(reading);
            _held = null;
            return operations.ProposeCalibration(_points);
        }
    }

    public CalibrationProposal? Proposal()
    {
        lock (_gate)
        {
            return _points.Count == 0 ? null : operations.ProposeCalibration(_points);
        }
    }

    public CalibrationRecord CommitCalibration(string engineer)
    {
        lock (_gate)
        {
            if (_points.Count == 0)
            {
                throw new ServiceException("calibration: no points have been measured");
            }

            if (!_points.Any(p => p.TargetMpa == 0.0))
            {
                throw new ServiceException("calibration: the vented zero has not been measured (hold 0 and give reference 0)");
            }

            var record = operations.CommitCalibration(operations.ProposeCalibration(_points), engineer, Calibrations);
            _points.Clear();
            _held = null;
            return record;
        }
    }

    public void DiscardCalibration()
    {
        lock (_gate)
        {
            _points.Clear();
            _held = null;
        }
    }

    public async Task<TuningProposal> TuneAsync(CancellationToken cancellation)
    {
        var proposal = await operations.AutoTuneAsync(null, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            _tuning = proposal;
        }

        return proposal;
    }

    public async Task<TuningRecord> ApplyTuningAsync(string engineer, CancellationToken cancellation)
    {
        var proposal = PendingTuning ?? throw new ServiceException("tuning: nothing to apply; run the tuning first (POST /api/service/tune)");
        var record = await operations.ApplyTuningAsync(proposal, engineer, Tunings, Log, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            _tuning = null;
        }

        return record;
    }

    public void Dispose() => _busy.Dispose();
}
