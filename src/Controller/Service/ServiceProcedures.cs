using System.Globalization;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// The service engineer's operations — calibration, leak test, step test, auto-tuning — carried out
/// on a device through its control loop: the loop runs the physical procedure (valves, timing,
/// safety), this class decides what to ask for, reads the results and does the arithmetic. The same
/// code serves the command line and the HTTP endpoints, on hardware and on the simulator.
/// </summary>
public sealed class ServiceProcedures(IServiceDevice device, ServiceOptions options, TimeProvider wallClock)
{
    private static readonly TimeSpan StateChange = TimeSpan.FromSeconds(5);

    /// <summary>Calibration points used when the engineer names none: the setpoint range and the vented zero.</summary>
    public static IReadOnlyList<double> DefaultCalibrationPoints { get; } = [0.60, 0.45, 0.30, 0.0];

    public IServiceDevice Device => device;

    public Task EnterServiceAsync(CancellationToken cancellation) => EnterServiceAsync(0, 0.0, cancellation);

    /// <summary>Enters Service for an engineer (by number), who holds the session while signs of them come within the lease.</summary>
    public async Task EnterServiceAsync(int owner, double leaseS, CancellationToken cancellation)
    {
        if (device.Status is { State: DeviceState.Service, Service.Leaving: true })
        {
            // The last session is still venting on its way out: enter again once it is out.
            await device.WaitUntilAsync(s => s.State != DeviceState.Service, LeaveLimit, cancellation).ConfigureAwait(false);
        }

        var state = device.Status.State;
        if (state == DeviceState.Service)
        {
            return;
        }

        if (state is not (DeviceState.Idle or DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging or DeviceState.Fault))
        {
            throw new ServiceException(new ServiceText("Service.CannotEnter", ServiceWords.State(state)));
        }

        Post(ControlCommand.EnterServiceFor(owner, leaseS));
        if (await device.WaitUntilAsync(s => s.State == DeviceState.Service, StateChange, cancellation).ConfigureAwait(false) is null)
        {
            throw new ServiceException(new ServiceText("Service.DidNotEnter", ServiceWords.State(device.Status.State)));
        }
    }

    /// <summary>Leaves Service: the core vents what was held, then goes back to its normal states.</summary>
    public async Task ExitServiceAsync(CancellationToken cancellation, int owner = 0)
    {
        if (device.Status.State != DeviceState.Service)
        {
            return;
        }

        Post(ControlCommand.ExitServiceFor(owner));
        await device.WaitUntilAsync(s => s.State != DeviceState.Service, LeaveLimit, cancellation).ConfigureAwait(false);
    }

    /// <summary>The engineer holding the session is still there.</summary>
    public void Renew(int owner)
    {
        if (device.Status is { State: DeviceState.Service, Service.Leaving: false })
        {
            // Best effort: a full queue now is renewed by the next sign.
            device.TryPost(ControlCommand.RenewServiceLease(owner));
        }
    }

    /// <summary>How long leaving may take: the vent on the way out, and the state change.</summary>
    private static readonly TimeSpan LeaveLimit = StateChange + TimeSpan.FromSeconds(ServiceExit.TimeoutS);

    /// <summary>Runs one procedure to its end and returns what it found; throws if it fails or the device leaves service mode.</summary>
    public async Task<ServiceProgress> RunAsync(ServiceRequest request, TimeSpan limit, CancellationToken cancellation)
    {
        var end = await RunToEndAsync(request, limit, cancellation).ConfigureAwait(false);
        if (end.Phase == ServicePhase.Failed)
        {
            throw ProcedureFailed(request, end);
        }

        return end;
    }

    private static ServiceException ProcedureFailed(ServiceRequest request, ServiceProgress end) =>
        new(new ServiceText("Service.ProcedureFailed", ServiceWords.Procedure(request.Kind), ServiceWords.Failure(end.Failure)));

    /// <summary>Runs one procedure to its end, done or failed; throws if it cannot start, overruns or the device leaves service mode.</summary>
    private async Task<ServiceProgress> RunToEndAsync(ServiceRequest request, TimeSpan limit, CancellationToken cancellation)
    {
        if (request.Problem() is { } problem)
        {
            throw ServiceWords.RequestProblem(request, problem);
        }

        if (device.Status.State != DeviceState.Service)
        {
            throw new ServiceException(new ServiceText("Service.NotInService", ServiceWords.State(device.Status.State)));
        }

        var run = device.Status.Service.Run;
        Post(ControlCommand.StartService(request));
        ControllerStatus? end;
        try
        {
            end = await device.WaitUntilAsync(
                s => s.State != DeviceState.Service || (s.Service.Run > run && s.Service.Finished),
                limit,
                cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The engineer went away (Ctrl+C, a closed connection): the procedure does not run on without them.
            device.TryPost(ControlCommand.AbortService());
            throw;
        }

        if (end is null)
        {
            Post(ControlCommand.AbortService());
            throw new ServiceException(new ServiceText("Service.TimedOut", ServiceWords.Procedure(request.Kind), limit.TotalSeconds));
        }

        var status = end.Value;
        if (status.State != DeviceState.Service)
        {
            throw new ServiceException(ServiceWords.LeftDuring(request.Kind, status));
        }

        return status.Service;
    }

    // ----- calibration ------------------------------------------------------------------------

    /// <summary>
    /// Holds each calibration point (highest first, the vented zero last), asks the reference gauge
    /// for its reading there, and fits every channel. Nothing is stored or applied: the engineer
    /// decides with <see cref="CommitCalibration"/>.
    /// </summary>
    public async Task<CalibrationProposal> CalibrateAsync(
        IReadOnlyList<double> targets,
        IReferenceGauge gauge,
        IProgress<string>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(gauge);
        var ordered = OrderPoints(targets);
        var points = new List<CalibrationReading>();
        foreach (var target in ordered)
        {
            progress?.Report(target > 0
                ? $"holding manifold, bottle and source line at {target:0.00} MPa …"
                : "venting to zero …");
            var held = await HoldAsync(target, cancellation).ConfigureAwait(false);
            var reference = target > 0 ? await gauge.ReadAsync(target, cancellation).ConfigureAwait(false) : 0.0;
            var reading = held.WithReference(reference);
            points.Add(reading);
            progress?.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"  reference {reference:0.0000} MPa; raw P_out {held.RawOutletMpa:0.0000}, P_bottle {held.RawBottleMpa:0.0000}, P_src {held.RawSourceMpa:0.0000} MPa"));
        }

        return ProposeCalibration(points);
    }

    /// <summary>The calibration points in the order they are held: highest first, the vented zero last (so the device ends vented).</summary>
    public static IReadOnlyList<double> OrderPoints(IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var ordered = targets.Distinct().OrderByDescending(t => t).ToList();
        if (ordered.Count < 2 || !ordered.Contains(0.0))
        {
            throw new ServiceException(new ServiceText("Service.PointsMissing"), "points");
        }

        if (ordered.Any(t => !(t is >= 0.0 and <= PressureLimits.MaxSetpointMpa)))
        {
            throw new ServiceException(new ServiceText("Service.PointsOutside", PressureLimits.MaxSetpointMpa), "points");
        }

        return ordered;
    }

    /// <summary>
    /// Brings manifold, bottle and source line to one pressure (or vents them) and averages the raw
    /// readings of all three transducers there. The pressure is then held (source shut, volumes
    /// joined) for the engineer to read the reference gauge.
    /// </summary>
    public async Task<HeldPoint> HoldAsync(double targetMpa, CancellationToken cancellation)
    {
        await EnterServiceAsync(cancellation).ConfigureAwait(false);
        var held = await RunAsync(ServiceRequest.HoldPressure(targetMpa), TimeSpan.FromSeconds(90), cancellation).ConfigureAwait(false);
        return new HeldPoint(targetMpa, held.RawOutletMpa, held.RawBottleMpa, held.RawSourceMpa, device.Plant?.POutMpa);
    }

    /// <summary>Fits every channel to the points collected (reference against raw), judged against the limits.</summary>
    public CalibrationProposal ProposeCalibration(IReadOnlyList<CalibrationReading> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var current = device.Calibration;
        return new CalibrationProposal(
        [
            ChannelFit.Fit(PressureChannel.POut, points.Select(p => new CalibrationPoint(p.ReferenceMpa, p.RawOutletMpa)).ToList(), current.POut, options.Calibration),
            ChannelFit.Fit(PressureChannel.PBottle, points.Select(p => new CalibrationPoint(p.ReferenceMpa, p.RawBottleMpa)).ToList(), current.PBottle, options.Calibration),
            ChannelFit.Fit(PressureChannel.PSrc, points.Select(p => new CalibrationPoint(p.ReferenceMpa, p.RawSourceMpa)).ToList(), current.PSrc, options.Calibration),
        ]);
    }

    /// <summary>Stores an accepted calibration (audit trail, then the file) and puts it in use.</summary>
    public CalibrationRecord CommitCalibration(CalibrationProposal proposal, string engineer, CalibrationStore store)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (!proposal.Acceptable)
        {
            throw new ServiceException(new ServiceText("Service.CalibrationImplausible", ServiceWords.Joined(proposal.Problems)));
        }

        RequireEngineer(engineer);
        RequireService("calibration");
        var previous = store.Load();
        var now = wallClock.GetUtcNow();
        var changes = proposal.Channels.ToDictionary(
            c => c.Channel,
            c => new ChannelRecord { Gain = c.Gain, OffsetMpa = c.OffsetMpa, CalibratedAt = now, Engineer = engineer, Points = c.Points });
        CalibrationRecord saved;
        try
        {
            saved = store.Save(previous.IsOk ? previous.Value : null, changes, now);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full or read-only data directory: the engineer must be told where and why, and the
            // loop keeps the calibration it has (the file, if it was replaced at all, is whole).
            throw new ServiceException(
                new ServiceText("Service.CalibrationNotStored", System.IO.Path.GetDirectoryName(store.Path), ex.Message), "calibration", ex);
        }

        device.UseCalibration(saved.ToSet());
        return saved;
    }

    // ----- leak test --------------------------------------------------------------------------

    public async Task<LeakTestResult> LeakTestAsync(LeakTestOptions test, string engineer, ServiceLog? log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (test.Problems("leak test") is { Count: > 0 } problems)
        {
            throw new ServiceException(new ServiceText(ServiceText.VerbatimKey, problems));
        }

        await EnterServiceAsync(cancellation).ConfigureAwait(false);
        var limit = TimeSpan.FromSeconds(60 + test.SettleS + test.DurationS);
        var request = ServiceRequest.LeakTest(test.PressureMpa, test.SettleS, test.DurationS);
        ServiceProgress progress;
        try
        {
            progress = await RunToEndAsync(request, limit, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ServiceException)
        {
            // An interrupted test is part of the device's history too: it says when and why nothing was measured.
            log?.Record("leak-test-interrupted", wallClock.GetUtcNow(), engineer, new { test.PressureMpa, Reason = ex is OperationCanceledException ? "the engineer's connection ended" : ex.Message });
            throw;
        }

        if (progress.Phase == ServicePhase.Failed && progress.Failure is ServiceFailure.Aborted or ServiceFailure.LeftService)
        {
            log?.Record("leak-test-interrupted", wallClock.GetUtcNow(), engineer, new { test.PressureMpa, Reason = ServiceWords.Failure(progress.Failure).ToString() });
        }

        LeakTestResult result;
        if (progress.Phase != ServicePhase.Failed)
        {
            // Falling well below the test pressure while settling, before the measurement began,
            // is a leak too: a decay measured from wherever it ended up would hide it.
            var fellWhileSettling = progress.StartMpa < test.PressureMpa - LeakStartWithinMpa;
            // A manifold emptied to the atmosphere reads around zero, a hair below as often as above: say 0.000, not -0.000.
            var failure = fellWhileSettling ? new ServiceText(LeakFellWhileSettling, test.PressureMpa, Math.Max(0.0, progress.StartMpa)) : null;
            result = new LeakTestResult(
                wallClock.GetUtcNow(), test.PressureMpa, progress.StartMpa, progress.EndMpa, progress.MeasuredS, test.RateLimitKpaPerMin, IsolatedVolumeMl, failure?.ToString(), engineer)
            {
                FailureText = failure,
            };
        }
        else if (progress.Failure == ServiceFailure.CouldNotReachPressure)
        {
            // A leak too large for the supply to make up is the worst result a leak test can have,
            // not a procedure that went wrong: it is a failed test and recorded as one.
            var failure = new ServiceText(LeakNotReached, test.PressureMpa, progress.EndMpa);
            result = new LeakTestResult(
                wallClock.GetUtcNow(), test.PressureMpa, progress.StartMpa, progress.EndMpa, 0.0, test.RateLimitKpaPerMin, IsolatedVolumeMl, failure.ToString(), engineer)
            {
                FailureText = failure,
            };
        }
        else
        {
            throw ProcedureFailed(request, progress);
        }

        log?.Record("leak-test", result.At, engineer, new
        {
            result.PressureMpa,
            result.StartMpa,
            result.EndMpa,
            result.DurationS,
            result.DecayMpa,
            result.LimitMpa,
            result.LimitKpaPerMin,
            result.LeakKpaPerMin,
            result.VolumeMl,
            result.LeakSccm,
            result.Passed,
            result.Failure,
            FailureKey = result.FailureText?.Key,
            FailureArguments = result.FailureText?.Arguments,
        });
        return result;
    }

    /// <summary>A leak test's failures (key and figures: the test pressure, then the pressure found), as logged and said.</summary>
    public const string LeakFellWhileSettling = "Service.Leak.FellWhileSettling";

    public const string LeakNotReached = "Service.Leak.NotReached";

    /// <summary>The volume a leak test isolates: the manifold and the bottle's gas space (inlet, vent and spray valves shut), mL.</summary>
    private double IsolatedVolumeMl => device.Core.RegulatorSettings.ManifoldMl + device.Core.RegulatorSettings.BottleHeadspaceMl;

    /// <summary>How far below the test pressure a leak test's measurement may begin (the fill stops within 0.02 MPa; settling loses a little), MPa.</summary>
    private const double LeakStartWithinMpa = 0.05;

    // ----- step test and tuning -----------------------------------------------------------------

    public async Task<StepTestResult> StepTestAsync(double fromMpa, double toMpa, double recordS, CancellationToken cancellation)
    {
        await EnterServiceAsync(cancellation).ConfigureAwait(false);
        var progress = await RunAsync(ServiceRequest.StepTest(fromMpa, toMpa, recordS), TimeSpan.FromSeconds(60 + recordS), cancellation).ConfigureAwait(false);
        return StepResult(device.Recording, fromMpa, toMpa, progress.StepAt, recordS);
    }

    /// <summary>
    /// Identifies the inlet, vent and charge valves from pulse tests, chooses regulator gains for the
    /// identified plant by simulating candidates against the DESIGN §2.3 targets, and measures the
    /// step response on the device with the settings in use and with the proposal (the proposal is
    /// applied only for that measurement; the settings in use are restored afterwards).
    /// </summary>
    public async Task<TuningProposal> AutoTuneAsync(IProgress<string>? progress, CancellationToken cancellation)
    {
        await EnterServiceAsync(cancellation).ConfigureAwait(false);
        var current = device.Core.RegulatorSettings;

        progress?.Report("pulsing the inlet valve …");
        var inletPulse = await PulseAsync(ServiceRequest.ValvePulse(TestValve.Inlet, 0.25, 0.25, 0.25), cancellation).ConfigureAwait(false);
        var inlet = Identify(() => SystemIdentification.FitInlet(inletPulse, current));
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  inlet: conductance × {inlet.ConductanceRatio:0.000}, lag {inlet.TimeConstantS * 1000:0.0} ms (fit rms {inlet.RmsErrorMpa * 1000:0.00} kPa)"));

        progress?.Report("pulsing the vent valve …");
        var ventPulse = await PulseAsync(ServiceRequest.ValvePulse(TestValve.Vent, 0.55, 1.0, 0.3), cancellation).ConfigureAwait(false);
        var vent = Identify(() => SystemIdentification.FitVent(ventPulse, current));
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  vent: conductance × {vent.ConductanceRatio:0.000}, opening delay {vent.TimeConstantS * 1000:0.0} ms (fit rms {vent.RmsErrorMpa * 1000:0.00} kPa)"));

        progress?.Report("venting the bottle and opening it to the pressurised manifold …");
        var chargePulse = await PulseAsync(ServiceRequest.ValvePulse(TestValve.Charge, 0.50, 1.0, 1.5), cancellation).ConfigureAwait(false);
        var charge = Identify(() => SystemIdentification.FitCharge(chargePulse, current));
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  charge valve: conductance × {charge.ConductanceRatio:0.000}; bottle gas space {charge.HeadspaceRatio:0.00} × the manifold (fit rms {charge.RmsErrorMpa * 1000:0.00} kPa)"));

        progress?.Report("choosing gains on the identified plant (simulated against the regulation targets) …");
        var controller = device.Core.Settings;
        var identified = RegulatorTuner.WithIdentifiedPlant(current, inlet, vent, charge);
        var ranked = RegulatorTuner.Rank(controller, current, identified, cancellation);
        var before = ranked.First(c => ReferenceEquals(c.Settings, current));

        progress?.Report("measuring the step response with the settings in use …");
        var withCurrent = await StepTestAsync(StepFrom, StepTo, StepRecordS, cancellation).ConfigureAwait(false);

        // The models are not the device: a candidate the models prefer is proposed only if its step,
        // measured on the device, is worse than the gains in use on none of the figures and better on one.
        var best = before;
        var measured = withCurrent;
        var tried = 0;
        foreach (var candidate in ranked.TakeWhile(c => !ReferenceEquals(c.Settings, current)).Take(MeasuredCandidates))
        {
            tried++;
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"measuring the step response with candidate {tried} (Kp {candidate.Settings.ProportionalGain:0}, Ki {candidate.Settings.IntegralGain:0}) …"));
            var step = await MeasureWithAsync(candidate.Settings, cancellation).ConfigureAwait(false);
            if (StepTargets.Beats(step.Figures, withCurrent.Figures))
            {
                best = candidate;
                measured = step;
                break;
            }
        }

        var proposed = best.Settings;
        var predicted = Predict(controller, proposed);
        return new TuningProposal(current, proposed, inlet, vent, charge, before, best, predicted, withCurrent, measured, tried);
    }

    /// <summary>How many of the candidates the models rank above the gains in use are measured on the device, at most.</summary>
    private const int MeasuredCandidates = 3;

    /// <summary>A step measured with <paramref name="settings"/> on trial; the settings in use are back afterwards.</summary>
    private async Task<StepTestResult> MeasureWithAsync(RegulatorSettings settings, CancellationToken cancellation)
    {
        var current = device.Core.RegulatorSettings;
        await SwitchRegulatorAsync(settings, keep: false, cancellation).ConfigureAwait(false);
        try
        {
            return await StepTestAsync(StepFrom, StepTo, StepRecordS, cancellation).ConfigureAwait(false);
        }
        finally
        {
            // Out of Service (a fault during the step) the core has already gone back to the kept
            // settings, and would refuse the switch.
            if (device.Status.State == DeviceState.Service)
            {
                await SwitchRegulatorAsync(current, keep: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stores accepted tuning (audit trail, then the file) and puts it in use.</summary>
    public async Task<TuningRecord> ApplyTuningAsync(TuningProposal proposal, string engineer, TuningStore store, ServiceLog? log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        RequireEngineer(engineer);
        RequireService("tuning");
        var previous = store.Load();
        TuningRecord saved;
        try
        {
            saved = store.Save(previous.IsOk ? previous.Value : null, proposal.Proposed, engineer, wallClock.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // As for the calibration: say where and why, and keep regulating with the gains in use.
            throw new ServiceException(
                new ServiceText("Service.TuningNotStored", System.IO.Path.GetDirectoryName(store.Path), ex.Message), "tuning", ex);
        }

        await SwitchRegulatorAsync(proposal.Proposed, keep: true, cancellation).ConfigureAwait(false);
        log?.Record("tuning-applied", saved.TunedAt, engineer, new { saved.Revision, proposal.Inlet, proposal.Vent, proposal.Measured.Figures });
        return saved;
    }

    private const double StepFrom = 0.30;
    private const double StepTo = 0.50;
    private const double StepRecordS = 1.5;

    private static StepTestResult Predict(ControllerSettings controller, RegulatorSettings proposed)
    {
        var model = RegulatorTuner.Model(proposed, 1.0) with { SensorNoiseKpa = 0.2 };
        var runner = new SimulationRunner(controller with { Regulator = proposed }, model, seed: 0);
        var simulated = new VirtualServiceDevice(runner);
        runner.PowerSwitch(true);
        runner.RunUntil(1.0);
        var operations = new ServiceProcedures(simulated, new ServiceOptions(), TimeProvider.System);
        return operations.StepTestAsync(StepFrom, StepTo, StepRecordS, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static T Identify<T>(Func<T> fit)
    {
        try
        {
            return fit();
        }
        catch (ArgumentException e)
        {
            throw new ServiceException(new ServiceText("Service.IdentificationFailed", e.Message));
        }
    }

    /// <summary>Switches the regulator between ticks: kept (confirmed) or on trial until the device leaves Service.</summary>
    private async Task SwitchRegulatorAsync(RegulatorSettings settings, bool keep, CancellationToken cancellation)
    {
        device.Core.ProposeRegulatorSettings(settings);
        Post(keep ? ControlCommand.ApplyRegulatorSettings() : ControlCommand.TryRegulatorSettings());
        if (await device.WaitUntilAsync(_ => ReferenceEquals(device.Core.RegulatorSettings, settings), StateChange, cancellation).ConfigureAwait(false) is null)
        {
            throw new ServiceException(new ServiceText("Service.RegulatorNotTakenUp"));
        }
    }

    private async Task<PulseResponse> PulseAsync(ServiceRequest request, CancellationToken cancellation)
    {
        var progress = await RunAsync(request, TimeSpan.FromSeconds(60), cancellation).ConfigureAwait(false);
        var recording = device.Recording;
        var count = recording.Count;
        return new PulseResponse(
            recording.Times[..count],
            recording.OutletMpa[..count],
            recording.BottleMpa[..count],
            recording.SourceMpa[..count],
            request.Valve == TestValve.Inlet ? request.Opening : 1.0,
            progress.StepAt);
    }

    private static StepTestResult StepResult(ServiceRecording recording, double fromMpa, double toMpa, double stepAt, double recordS)
    {
        var count = recording.Count;
        var times = recording.Times[..count];
        var pressures = recording.OutletMpa[..count];
        var meter = new StepResponseMeter(stepAt, fromMpa, toMpa, band: 0.01, window: recordS, measured: true);
        for (var i = 0; i < count; i++)
        {
            meter.Add(times[i], pressures[i]);
        }

        return new StepTestResult(fromMpa, toMpa, meter.Result(), times.Select(t => t - stepAt).ToArray(), pressures);
    }

    private void Post(ControlCommand command)
    {
        var verdict = device.Core.Check(command);
        if (verdict != CommandOutcome.Accepted && command.Kind != CommandKind.AbortServiceProcedure)
        {
            var status = device.Status;
            throw new ServiceException(ServiceText.Said(text => CommandRefusals.Describe(text, verdict, command, status.State, status.ProgramIndex, device.Core.Programs).ToString()));
        }

        if (!device.TryPost(command))
        {
            throw new ServiceException(new ServiceText("Service.QueueFull"));
        }
    }

    /// <summary>
    /// Storing and applying are the engineer's, in the Service state only (issue 5); refused before
    /// anything is written. The control step re-checks the regulator switch against its own state.
    /// </summary>
    private void RequireService(string what)
    {
        var state = device.Status.State;
        if (state != DeviceState.Service)
        {
            throw new ServiceException(new ServiceText("Service.NotInServiceNothingStored", ServiceWords.State(state)), what);
        }
    }

    private static void RequireEngineer(string engineer)
    {
        if (string.IsNullOrWhiteSpace(engineer) || engineer.Length > 64)
        {
            throw new ServiceException(new ServiceText("Service.EngineerMissing"), "engineer");
        }
    }
}
