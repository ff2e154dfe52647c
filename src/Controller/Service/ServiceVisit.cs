using System.Globalization;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;

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

    /// <summary>The calibration committed in this visit, with its as-found points, and the as-left points measured since.</summary>
    private (CalibrationRecord Record, CalibrationProposal Proposal, List<CalibrationReading> Points)? _committed;
    private readonly List<(double TargetMpa, double ReferenceMpa, double[] ErrorsMpa)> _asLeft = [];
    private bool _lastLeakTestRead;

    /// <summary>The service visit (<see cref="Core.ServiceProgress.Visit"/>) the collected work belongs to; 0 = none.</summary>
    private int _visit;

    /// <summary>What was discarded last because its visit ended, for the next refusal to explain.</summary>
    private ServiceText? _discarded;

    public ServiceProcedures Procedures => procedures;
    public ServiceOptions Options => options;
    public CalibrationStore Calibrations { get; } = new(dataDirectory);
    public CertificateStore Certificates { get; } = new(dataDirectory);
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
            throw new ServiceHeldException(EngineerName(status.Service.Owner), Step(status.Service));
        }
    }

    /// <summary>What the session's procedure is doing, in the engineer's words.</summary>
    public ServiceText Step(ServiceProgress progress)
    {
        if (progress.Leaving)
        {
            return new ServiceText("Service.Step.Leaving");
        }

        ServiceText step;
        lock (_gate)
        {
            step = progress.Kind == ServiceProcedureKind.None ? new ServiceText("Service.Step.None")
                : new ServiceText("Service.Step.Procedure", ServiceWords.Procedure(progress.Kind), ServiceWords.Phase(progress.Phase));
            if (_held is { } held)
            {
                step = new ServiceText("Service.Step.Holding", held.TargetMpa);
            }

            if (_points.Count > 0)
            {
                step = new ServiceText(_points.Count == 1 ? "Service.Step.OnePoint" : "Service.Step.Points", step, _points.Count);
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
            RequireVisit("calibration", new ServiceText("Service.Remedy.HoldAgain"));
            var held = _held ?? throw new ServiceException(new ServiceText("Service.NoPointHeld", Discarded()), "calibration");
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
            RequireVisit("calibration", new ServiceText("Service.Remedy.MeasureAgain"));
            if (_points.Count == 0)
            {
                throw new ServiceException(new ServiceText("Service.NoPoints", Discarded()), "calibration");
            }

            if (!_points.Any(p => p.TargetMpa == 0.0))
            {
                throw new ServiceException(new ServiceText("Service.NoZero"), "calibration");
            }

            var proposal = procedures.ProposeCalibration(_points);
            var record = procedures.CommitCalibration(proposal, engineer, Calibrations);
            _committed = (record, proposal, [.. _points]);
            _asLeft.Clear();
            _points.Clear();
            _held = null;
            _discarded = null;
            return record;
        }
    }

    /// <summary>
    /// As-left verification: the reference gauge's reading at the point held again after the commit;
    /// the errors are those of the new calibration, now in use. Answers the points verified so far.
    /// </summary>
    public IReadOnlyList<CertificatePoint> AddVerification(double referenceMpa)
    {
        lock (_gate)
        {
            RequireVisit("calibration", new ServiceText("Service.Remedy.CalibrateAgain"));
            var committed = _committed ?? throw new ServiceException(new ServiceText("Service.NothingToVerify"), "calibration");
            var held = _held ?? throw new ServiceException(new ServiceText("Service.NoPointHeldToVerify"), "calibration");
            if (!committed.Points.Any(p => p.TargetMpa == held.TargetMpa))
            {
                throw new ServiceException(new ServiceText("Service.NotACalibrationPoint", held.TargetMpa, string.Join(" / ", committed.Points.Select(p => p.TargetMpa.ToString("0.00", CultureInfo.InvariantCulture)))), "calibration");
            }

            var reading = held.WithReference(referenceMpa);
            var inUse = procedures.Device.Calibration;
            _asLeft.RemoveAll(p => p.TargetMpa == reading.TargetMpa);
            _asLeft.Add((reading.TargetMpa, reading.ReferenceMpa,
            [
                inUse.POut.Apply(reading.RawOutletMpa) - reading.ReferenceMpa,
                inUse.PBottle.Apply(reading.RawBottleMpa) - reading.ReferenceMpa,
                inUse.PSrc.Apply(reading.RawSourceMpa) - reading.ReferenceMpa,
            ]));
            _held = null;
            return Certificate(engineer: "", referenceId: "").Points;
        }
    }

    /// <summary>Holds every calibration point again and verifies it against <paramref name="gauge"/> (the scripted and simulated benches).</summary>
    public async Task<IReadOnlyList<CertificatePoint>> VerifyAsync(IReferenceGauge gauge, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(gauge);
        var targets = ServiceProcedures.OrderPoints(_committed?.Points.Select(p => p.TargetMpa).ToList() ?? []);
        IReadOnlyList<CertificatePoint> verified = [];
        foreach (var target in targets)
        {
            await HoldAsync(target, cancellation).ConfigureAwait(false);
            verified = AddVerification(target > 0 ? await gauge.ReadAsync(target, cancellation).ConfigureAwait(false) : 0.0);
        }

        return verified;
    }

    /// <summary>Issues the certificate of the calibration committed in this visit and keeps it next to the stored calibration.</summary>
    public CalibrationCertificate IssueCertificate(string engineer, string referenceId, ResourceText text)
    {
        lock (_gate)
        {
            RequireVisit("calibration", new ServiceText("Service.Remedy.CalibrateAgain"));
            if (_committed is null)
            {
                throw new ServiceException(new ServiceText("Service.NoCalibrationToCertify"), "calibration");
            }

            if (string.IsNullOrWhiteSpace(referenceId) || referenceId.Trim().Length > 100)
            {
                throw new ServiceException(new ServiceText("Expect.Service.ReferenceId", 1, 100), "referenceId");
            }

            var certificate = Certificate(engineer, referenceId.Trim());
            try
            {
                Certificates.Save(certificate, text);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ServiceException(new ServiceText("Service.CertificateNotStored", ex.Message), "calibration", ex);
            }

            return certificate;
        }
    }

    private CalibrationCertificate Certificate(string engineer, string referenceId)
    {
        var (record, proposal, points) = _committed!.Value;
        var certificatePoints = points.OrderByDescending(p => p.TargetMpa).Select(p =>
        {
            var index = points.IndexOf(p);
            var left = _asLeft.FirstOrDefault(a => a.TargetMpa == p.TargetMpa);
            return new CertificatePoint(
                p.TargetMpa,
                p.ReferenceMpa,
                proposal.Channels.Select(c => c.BeforeErrorsMpa[index]).ToList(),
                left.ErrorsMpa is null ? null : left.ReferenceMpa,
                left.ErrorsMpa ?? []);
        }).ToList();
        var channels = proposal.Channels.Select((c, i) => new CertificateChannel(
            c.Channel.ToString(),
            c.Gain,
            c.OffsetMpa,
            c.WorstBeforeMpa,
            _asLeft.Count == 0 ? null : _asLeft.Max(a => Math.Abs(a.ErrorsMpa[i])))).ToList();
        var at = record.POut.CalibratedAt;
        return new CalibrationCertificate(record.Revision, engineer, referenceId, at, at.AddDays(options.CalibrationIntervalDays), channels, certificatePoints);
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
            RequireVisit("tuning", new ServiceText("Service.Remedy.TuneAgain"));
            proposal = _tuning ?? throw new ServiceException(new ServiceText("Service.NothingToApply", Discarded()), "tuning");
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
    public async Task<ServiceText?> ExitServiceAsync(CancellationToken cancellation, string? engineer = null)
    {
        if (engineer is not null)
        {
            RequireHolder(engineer);
        }

        ServiceText? pending;
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
                _discarded = pending;
            }

            Clear();
            _visit = visit;
        }

        return visit != 0;
    }

    /// <summary>Refuses unless the device is in Service, naming what the engineer must do and what was discarded. Call under the gate.</summary>
    private void RequireVisit(string what, ServiceText remedy)
    {
        if (!ForgetEndedVisit())
        {
            throw new ServiceException(
                new ServiceText("Service.NotInServiceVisit", ServiceWords.State(procedures.Device.Status.State), remedy, Discarded()), what);
        }
    }

    /// <summary>"; discarded …" after a refusal, or nothing.</summary>
    private ServiceText Discarded() => _discarded is { } d ? new ServiceText("Service.Discarded", d) : ServiceText.Verbatim("");

    private ServiceText? Pending()
    {
        var parts = new List<ServiceText>(3);
        if (_points.Count > 0)
        {
            parts.Add(_points.Count == 1 ? new ServiceText("Service.Pending.OnePoint") : new ServiceText("Service.Pending.Points", _points.Count));
        }

        if (_held is not null)
        {
            parts.Add(new ServiceText("Service.Pending.Held"));
        }

        if (_tuning is not null)
        {
            parts.Add(new ServiceText("Service.Pending.Tuning"));
        }

        return parts.Count == 0 ? null : new ServiceText("Service.Pending", parts);
    }

    private void Clear()
    {
        _points.Clear();
        _held = null;
        _tuning = null;
        _committed = null;
        _asLeft.Clear();
    }
}
