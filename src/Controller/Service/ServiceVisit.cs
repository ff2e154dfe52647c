using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// The engineer's work on the running device, shared by every engineer endpoint: one procedure at
/// a time, the calibration points collected so far, the tuning proposal waiting for confirmation,
/// and the stores they end up in. Requests can come and go between the steps of a calibration;
/// it keeps its state — for one service visit only: whatever was not committed when the
/// device leaves Service (exit, fault, power-off) is discarded, so nothing measured then can be
/// stored or applied later from another state or another visit.
/// </summary>
public sealed class ServiceVisit(ServiceProcedures procedures, ServiceOptions options, string dataDirectory, TimeProvider wallClock) : IDisposable
{
    private readonly SemaphoreSlim _busy = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<CalibrationReading> _points = [];

    /// <summary>The engineers' numbers, as the control core knows the session's owner (names stay out here).</summary>
    private readonly Dictionary<string, int> _engineers = new(StringComparer.OrdinalIgnoreCase);
    private HeldPoint? _held;
    private TuningProposal? _tuning;
    private LeakTestResult? _lastLeakTest;
    private bool _lastLeakTestRead;

    /// <summary>The service visit (<see cref="Core.ServiceProgress.Visit"/>) the collected work belongs to; 0 = none.</summary>
    private int _visit;

    /// <summary>What was discarded last because its visit ended, for the next refusal to explain.</summary>
    private string? _discarded;

    public ServiceProcedures Procedures => procedures;
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
                ForgetEndedVisit();
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
                ForgetEndedVisit();
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
                ForgetEndedVisit();
                return _tuning;
            }
        }
    }

    /// <summary>The last leak test: the one run since the controller started, else the newest in the service log (it survives a restart).</summary>
    public LeakTestResult? LastLeakTest
    {
        get
        {
            lock (_gate)
            {
                if (_lastLeakTest is null && !_lastLeakTestRead)
                {
                    _lastLeakTestRead = true;
                    _lastLeakTest = LeakTestHistory.Read(Log, 1) is [var newest] ? newest : null;
                }

                return _lastLeakTest;
            }
        }
    }

    /// <summary>The latest <paramref name="last"/> leak tests in the service log, newest first.</summary>
    public IReadOnlyList<LeakTestResult> LeakTests(int last) => LeakTestHistory.Read(Log, last);

    public async Task<LeakTestResult> LeakTestAsync(LeakTestOptions test, string engineer, CancellationToken cancellation)
    {
        var result = await procedures.LeakTestAsync(test, engineer, Log, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            _lastLeakTest = result;
        }

        return result;
    }

    /// <summary>The engineer holding the service session, or null when the device is not in Service (or nobody was named).</summary>
    public string? Owner
    {
        get
        {
            var status = procedures.Device.Status;
            return status.State == DeviceState.Service ? EngineerName(status.Service.Owner) : null;
        }
    }

    /// <summary>Enters Service for <paramref name="engineer"/>, who then holds the session; refused if another holds it.</summary>
    public async Task EnterAsync(string engineer, CancellationToken cancellation)
    {
        RequireHolder(engineer);
        await procedures.EnterServiceAsync(EngineerNumber(engineer), options.LeaseS, cancellation).ConfigureAwait(false);
        procedures.Renew(EngineerNumber(engineer));
    }

    /// <summary>A sign of the engineer: renews the lease if they hold the session (nothing otherwise).</summary>
    public void Touch(string engineer)
    {
        var status = procedures.Device.Status;
        if (status.State == DeviceState.Service && status.Service.Owner == EngineerNumber(engineer))
        {
            procedures.Renew(status.Service.Owner);
        }
    }

    /// <summary>Refuses (naming the holder and what the device is doing for them) unless the session is free or <paramref name="engineer"/>'s.</summary>
    public void RequireHolder(string engineer)
    {
        var status = procedures.Device.Status;
        if (status.State != DeviceState.Service || status.Service.Owner == 0 || status.Service.Leaving)
        {
            return;
        }

        if (status.Service.Owner != EngineerNumber(engineer))
        {
            throw new ServiceHeldException(EngineerName(status.Service.Owner) ?? "another engineer", Step(status.Service));
        }
    }

    /// <summary>What the session's procedure is doing, in the engineer's words.</summary>
    public string Step(ServiceProgress progress)
    {
        if (progress.Leaving)
        {
            return "leaving: venting";
        }

        string step;
        lock (_gate)
        {
            var points = _points.Count == 1 ? "1 calibration point collected" : $"{_points.Count} calibration points collected";
            step = progress.Kind == ServiceProcedureKind.None ? "no procedure running"
                : progress.Finished ? $"{progress.Kind} {progress.Phase}"
                : $"{progress.Kind}: {progress.Phase}";
            if (_held is { } held)
            {
                step = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"holding {held.TargetMpa:0.00} MPa for its reference reading");
            }

            if (_points.Count > 0)
            {
                step += ", " + points;
            }
        }

        return step;
    }

    private int EngineerNumber(string engineer)
    {
        lock (_engineers)
        {
            if (!_engineers.TryGetValue(engineer, out var number))
            {
                number = _engineers.Count + 1;
                _engineers[engineer] = number;
            }

            return number;
        }
    }

    private string? EngineerName(int number)
    {
        lock (_engineers)
        {
            return _engineers.FirstOrDefault(e => e.Value == number).Key;
        }
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
        var held = await procedures.HoldAsync(targetMpa, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            // A hold that ended as the device left Service is not kept: its visit is over.
            _held = ForgetEndedVisit() ? held : null;
        }

        return held;
    }

    /// <summary>Records the reference reading for the point held last (replacing an earlier reading of the same point).</summary>
    public CalibrationProposal AddReference(double referenceMpa)
    {
        lock (_gate)
        {
            RequireVisit("calibration", "hold the point again");
            var held = _held ?? throw new ServiceException("calibration: no point is held; hold one first (POST /api/service/calibration/hold)" + Discarded());
            var reading = held.WithReference(referenceMpa);
            _points.RemoveAll(p => p.TargetMpa == reading.TargetMpa);
            _points.Add(reading);
            _held = null;
            return procedures.ProposeCalibration(_points);
        }
    }

    public CalibrationProposal? Proposal()
    {
        lock (_gate)
        {
            ForgetEndedVisit();
            return _points.Count == 0 ? null : procedures.ProposeCalibration(_points);
        }
    }

    public CalibrationRecord CommitCalibration(string engineer)
    {
        lock (_gate)
        {
            RequireVisit("calibration", "measure the points again");
            if (_points.Count == 0)
            {
                throw new ServiceException("calibration: no points have been measured" + Discarded());
            }

            if (!_points.Any(p => p.TargetMpa == 0.0))
            {
                throw new ServiceException("calibration: the vented zero has not been measured (hold 0 and give reference 0)");
            }

            var record = procedures.CommitCalibration(procedures.ProposeCalibration(_points), engineer, Calibrations);
            _points.Clear();
            _held = null;
            _discarded = null;
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
        var proposal = await procedures.AutoTuneAsync(null, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            // Gains kept as they are leave nothing to apply.
            _tuning = ForgetEndedVisit() && !proposal.KeptCurrent ? proposal : null;
        }

        return proposal;
    }

    public async Task<TuningRecord> ApplyTuningAsync(string engineer, CancellationToken cancellation)
    {
        TuningProposal proposal;
        lock (_gate)
        {
            RequireVisit("tuning", "run the tuning again");
            proposal = _tuning ?? throw new ServiceException("tuning: nothing to apply; run the tuning first (POST /api/service/tune)" + Discarded());
        }

        var record = await procedures.ApplyTuningAsync(proposal, engineer, Tunings, Log, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            _tuning = null;
            _discarded = null;
        }

        return record;
    }

    /// <summary>Leaves the Service state, discarding what was not committed.</summary>
    /// <returns>What was discarded ("3 calibration points, a tuning proposal"), or null if nothing was pending.</returns>
    public async Task<string?> ExitServiceAsync(CancellationToken cancellation, string? engineer = null)
    {
        if (engineer is not null)
        {
            RequireHolder(engineer);
        }

        string? pending;
        lock (_gate)
        {
            ForgetEndedVisit();
            pending = Pending();
        }

        await procedures.ExitServiceAsync(cancellation, engineer is null ? 0 : EngineerNumber(engineer)).ConfigureAwait(false);
        lock (_gate)
        {
            Clear();
            _visit = 0;
            _discarded = null;
            return pending;
        }
    }

    public void Dispose() => _busy.Dispose();

    /// <summary>
    /// Discards what was collected in a service visit that has ended (the device left Service, or
    /// left and came back). Call under the gate.
    /// </summary>
    /// <returns>Whether the device is in Service now (work collected now belongs to this visit).</returns>
    private bool ForgetEndedVisit()
    {
        var status = procedures.Device.Status;
        var visit = status.State == DeviceState.Service ? status.Service.Visit : 0;
        if (visit != _visit || visit == 0)
        {
            if (Pending() is { } pending)
            {
                _discarded = $"discarded uncommitted because the service visit they were collected in has ended: {pending}";
            }

            Clear();
            _visit = visit;
        }

        return visit != 0;
    }

    /// <summary>Refuses unless the device is in Service, naming what the engineer must do and what was discarded. Call under the gate.</summary>
    private void RequireVisit(string what, string remedy)
    {
        if (!ForgetEndedVisit())
        {
            throw new ServiceException(
                $"{what}: the device is {procedures.Device.Status.State}, not in service mode; nothing was stored or applied (enter service mode and {remedy}){Discarded()}");
        }
    }

    private string Discarded() => _discarded is { } d ? $"; {d}" : "";

    private string? Pending()
    {
        var parts = new List<string>(3);
        if (_points.Count > 0)
        {
            parts.Add(_points.Count == 1 ? "1 calibration point" : $"{_points.Count} calibration points");
        }

        if (_held is not null)
        {
            parts.Add("a held calibration point without its reference reading");
        }

        if (_tuning is not null)
        {
            parts.Add("a tuning proposal");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private void Clear()
    {
        _points.Clear();
        _held = null;
        _tuning = null;
    }
}
