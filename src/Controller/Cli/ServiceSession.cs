using System.Globalization;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Service;

namespace HydroOxygen.Controller.Cli;

/// <summary>One engineer verb carried out against the controller: the conversation and the report.</summary>
internal sealed class ServiceSession(ServiceClient client, EngineerConsole console, ServiceCommandOptions options)
{
    private static readonly ServiceJsonContext Json = ServiceJsonContext.Default;
    private readonly ResourceText _text = CliLanguage.Text();

    private TextWriter Out => console.Out;

    /// <summary>Set while the session is open: leaving it is then owed to the device.</summary>
    private int _open;

    /// <summary>Exit code of a command interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public async Task<int> RunAsync(string verb, CancellationToken cancellation)
    {
        if (verb == "status")
        {
            Report(await client.GetAsync("api/service/status", Json.ServiceStatusResponse, cancellation).ConfigureAwait(false));
            return ExitCodes.Ok;
        }

        if (verb == "access-log")
        {
            ReportAccess(await client.GetAsync("api/service/access", AccessLogJsonContext.Default.AccessLogResponse, cancellation).ConfigureAwait(false));
            return ExitCodes.Ok;
        }

        if (verb == "certificate")
        {
            var query = options.Revision is { } rev ? "?revision=" + rev.ToString(CultureInfo.InvariantCulture) : "";
            var content = await client.GetTextAsync($"api/service/calibration/certificate.{(options.Csv ? "csv" : "txt")}{query}", cancellation).ConfigureAwait(false);
            WriteCertificate(content);
            return ExitCodes.Ok;
        }

        if (verb == "leak-tests")
        {
            var last = options.Last ?? Api.ServiceEndpoints.DefaultLeakTests;
            Report(await client.GetAsync($"api/service/leak-tests?limit={last.ToString(CultureInfo.InvariantCulture)}", Json.LeakTestHistoryResponse, cancellation).ConfigureAwait(false));
            return ExitCodes.Ok;
        }

        if (verb == "exit")
        {
            Left(await client.PostAsync("api/service/exit", Json.ServiceExitResponse, cancellation).ConfigureAwait(false));
            return ExitCodes.Ok;
        }

        var session = await client.PostAsync("api/service/enter", Json.ServiceSessionResponse, cancellation).ConfigureAwait(false);
        Interlocked.Exchange(ref _open, 1);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var renewal = RenewAsync(session.LeaseS, renewing.Token);
        var interrupted = false;
        try
        {
            return verb switch
            {
                "calibrate" => await CalibrateAsync(cancellation).ConfigureAwait(false),
                "leak-test" => await LeakTestAsync(cancellation).ConfigureAwait(false),
                "step-test" => await StepTestAsync(cancellation).ConfigureAwait(false),
                _ => await TuneAsync(cancellation).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            interrupted = true;
            Out.WriteLine(T("Cli.Service.Interrupted"));
            return Interrupted;
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            if ((!options.Stay || interrupted) && Interlocked.Exchange(ref _open, 0) == 1)
            {
                Left(await client.PostAsync("api/service/exit", Json.ServiceExitResponse, CancellationToken.None).ConfigureAwait(false));
            }
        }
    }

    /// <summary>
    /// Ctrl+C: a call in flight is cancelled by the token and the session is left after it; at a
    /// prompt (which a token cannot wake), the session is left from here and the command ends.
    /// </summary>
    public void Interrupt()
    {
        if (!console.Waiting || Interlocked.Exchange(ref _open, 0) == 0)
        {
            return;
        }

        Out.WriteLine();
        Out.WriteLine(T("Cli.Service.Interrupted"));
        try
        {
            Left(client.PostAsync("api/service/exit", Json.ServiceExitResponse, CancellationToken.None).GetAwaiter().GetResult());
        }
        catch (ServiceCallException ex)
        {
            Out.WriteLine(ex.Message);
        }

        Out.Flush();
        Environment.Exit(Interrupted);
    }

    /// <summary>While the engineer reads a gauge or thinks, the session is kept: renewed at a third of its lease.</summary>
    private async Task RenewAsync(double leaseS, CancellationToken cancellation)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1.0, leaseS / 3.0));
        try
        {
            while (true)
            {
                await Task.Delay(every, cancellation).ConfigureAwait(false);
                try
                {
                    await client.PostAsync("api/service/renew", Json.ServiceSessionResponse, cancellation).ConfigureAwait(false);
                }
                catch (ServiceCallException)
                {
                    // The session has ended (or the controller is away): the next operation says so.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Left(ServiceExitResponse left) =>
        Out.WriteLine(left.Discarded is { } discarded ? T("Cli.Service.LeftDiscarded", discarded) : T("Cli.Service.Left"));

    private async Task<int> CalibrateAsync(CancellationToken cancellation)
    {
        var points = ServiceProcedures.OrderPoints(options.Points);
        await client.DeleteAsync("api/service/calibration", cancellation).ConfigureAwait(false);
        CalibrationProposalResponse? proposal = null;
        foreach (var target in points)
        {
            Out.WriteLine(target > 0 ? T("Cli.Service.Holding", F($"{target:0.00}")) : T("Cli.Service.Venting"));
            var held = await client.PostAsync("api/service/calibration/hold", new HoldRequest(target), Json.HoldRequest, Json.HeldPointResponse, cancellation).ConfigureAwait(false);
            Out.WriteLine(T("Cli.Service.Raw", F($"{held.RawOutMpa:0.0000}"), F($"{held.RawBottleMpa:0.0000}"), F($"{held.RawSrcMpa:0.0000}")));
            var reference = target == 0.0 ? 0.0 : await ReferenceAsync(target, held, cancellation).ConfigureAwait(false);
            proposal = await client.PostAsync("api/service/calibration/reference", new ReferenceRequest(reference), Json.ReferenceRequest, Json.CalibrationProposalResponse, cancellation).ConfigureAwait(false);
        }

        Report(proposal!);
        if (!proposal!.Acceptable)
        {
            Out.WriteLine(T("Cli.Service.Implausible"));
            return ExitCodes.Failed;
        }

        if (!Confirmed(T("Cli.Service.StoreCalibration")))
        {
            Out.WriteLine(T("Cli.Service.NotStored"));
            return ExitCodes.Ok;
        }

        var committed = await client.PostAsync("api/service/calibration/commit", Json.CalibrationCommittedResponse, cancellation).ConfigureAwait(false);
        Out.WriteLine(T("Cli.Service.CalibrationStored", committed.Revision));

        // As left: every point held again with the new calibration in use and read on the gauge again.
        Out.WriteLine(T("Cli.Service.Verifying"));
        foreach (var target in points)
        {
            Out.WriteLine(target > 0 ? T("Cli.Service.Holding", F($"{target:0.00}")) : T("Cli.Service.Venting"));
            var held = await client.PostAsync("api/service/calibration/hold", new HoldRequest(target), Json.HoldRequest, Json.HeldPointResponse, cancellation).ConfigureAwait(false);
            var reference = target == 0.0 ? 0.0 : await ReferenceAsync(target, held, cancellation).ConfigureAwait(false);
            var verified = await client.PostAsync("api/service/calibration/verify", new ReferenceRequest(reference), Json.ReferenceRequest, Json.CalibrationVerificationResponse, cancellation).ConfigureAwait(false);
            if (verified.Points.FirstOrDefault(p => p.TargetMpa == target) is { AsLeftErrorsMpa: [var outlet, var bottle, var source] })
            {
                Out.WriteLine(T("Cli.Service.AsLeft", F($"{target:0.00}"), F($"{outlet * 1000:0.00}"), F($"{bottle * 1000:0.00}"), F($"{source * 1000:0.00}")));
            }
        }

        var referenceId = options.ReferenceId
            ?? (options.ReferenceFromSimulator ? "simulator" : console.Interactive ? console.Ask(T("Cli.Service.AskReferenceId")) : "not given");
        var certificate = await client.PostAsync("api/service/calibration/certificate", new CertificateRequest(referenceId), Json.CertificateRequest, Json.CalibrationCertificate, cancellation).ConfigureAwait(false);
        Out.WriteLine(T("Cli.Service.CertificateStored", certificate.Revision));
        Out.Write(await client.GetTextAsync($"api/service/calibration/certificate.txt?revision={certificate.Revision.ToString(CultureInfo.InvariantCulture)}", cancellation).ConfigureAwait(false));
        return certificate.Verified ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>A certificate to the terminal, or to <c>--out</c> (the CSV keeps its byte-order mark in a file, not on a terminal).</summary>
    private void WriteCertificate(string content)
    {
        if (options.OutFile is { } path)
        {
            File.WriteAllText(path, content, new System.Text.UTF8Encoding(false));
            Out.WriteLine(T("Cli.Service.CertificateWritten", path));
            return;
        }

        Out.Write(content.TrimStart('\uFEFF'));
    }

    private Task<double> ReferenceAsync(double target, HeldPointResponse held, CancellationToken cancellation)
    {
        _ = cancellation;
        if (options.ReferenceFromSimulator)
        {
            var reading = held.SimulatorTrueMpa ?? throw new ServiceCallException(T("Cli.Service.NotSimulator"));
            Out.WriteLine(T("Cli.Service.ReferenceSimulated", F($"{reading:0.0000}")));
            return Task.FromResult(reading);
        }

        if (options.References is { } scripted)
        {
            var reading = scripted.ReadAsync(target, CancellationToken.None).GetAwaiter().GetResult();
            Out.WriteLine(T("Cli.Service.ReferenceGiven", F($"{reading:0.0000}")));
            return Task.FromResult(reading);
        }

        // A mistyped reading is asked again (with what it probably meant): the points collected stay.
        while (true)
        {
            var reading = console.AskMpa(T("Cli.Service.AskReference", F($"{target:0.00}")));
            if (ReferenceCheck.Plausible(target, reading))
            {
                return Task.FromResult(reading);
            }

            Out.WriteLine("  " + (ReferenceCheck.Meant(target, reading) is { } meant
                ? T("Cli.Service.DidYouMean", F($"{reading}"), F($"{meant:0.000}"))
                : T("Cli.Service.FarFromHeld", F($"{reading}"), F($"{target:0.000}"))));
        }
    }

    private async Task<int> LeakTestAsync(CancellationToken cancellation)
    {
        var request = new LeakTestRequest(options.PressureMpa, options.SettleS, options.DurationS, options.LimitMpa, options.LimitKpaPerMin);
        Out.WriteLine(T("Cli.Service.LeakStart"));
        var result = await client.PostAsync("api/service/leak-test", request, Json.LeakTestRequest, Json.LeakTestResult, cancellation).ConfigureAwait(false);
        if (result.Failure is { } failure)
        {
            Out.WriteLine(T("Cli.Service.LeakAborted", failure));
            return ExitCodes.Failed;
        }

        Out.WriteLine(T("Cli.Service.LeakPressure", F($"{result.PressureMpa:0.000}"), F($"{result.StartMpa:0.0000}"), F($"{result.EndMpa:0.0000}"), F($"{result.DurationS:0}")));
        Out.WriteLine(T("Cli.Service.LeakRate", F($"{result.LeakKpaPerMin:0.00}"), Sccm(result.LeakSccm), F($"{result.PressureMpa:0.00}"), F($"{result.VolumeMl:0}"), F($"{result.LimitKpaPerMin:0.00}")));
        Out.WriteLine(T(result.Passed ? "Cli.Service.LeakPassed" : "Cli.Service.LeakFailed"));
        return result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private async Task<int> StepTestAsync(CancellationToken cancellation)
    {
        var request = new StepTestRequest(options.FromMpa, options.ToMpa, options.RecordS);
        var result = await client.PostAsync("api/service/step-test", request, Json.StepTestRequest, Json.StepTestResponse, cancellation).ConfigureAwait(false);
        Out.WriteLine(T("Cli.Service.Step", F($"{result.FromMpa:0.00}"), F($"{result.ToMpa:0.00}"), Describe(result.Figures)));
        Report(result.Targets);
        Out.WriteLine(T(result.Passed ? "Cli.Service.StepPassed" : "Cli.Service.StepFailed"));
        return result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Each figure of a measured step with its DESIGN §2.3 target and verdict.</summary>
    private void Report(IReadOnlyList<StepTargetCheck> checks)
    {
        foreach (var c in checks)
        {
            var seconds = c.Figure.EndsWith('S');
            string Show(double? v) => v is { } x ? (seconds ? F($"{x * 1000:0} ms") : F($"{x * 1000:0.0} kPa")) : T("Cli.Service.NeverReached");
            Out.WriteLine(T(
                "Cli.Service.TargetRow",
                T($"Cli.Service.Figure.{c.Figure}"),
                Show(c.Value),
                c.Limit is { } limit ? (c.Figure == "steadyStateErrorMpa" ? "± " : "≤ ") + Show(limit) : T("Cli.Service.NoTarget"),
                c.Limit is null ? "" : T(c.Passed ? "Cli.Service.Passed" : "Cli.Service.Failed")));
        }
    }

    private async Task<int> TuneAsync(CancellationToken cancellation)
    {
        Out.WriteLine(T("Cli.Service.TuneStart"));
        var t = await client.PostAsync("api/service/tune", Json.TuningResponse, cancellation).ConfigureAwait(false);
        Out.WriteLine(T("Cli.Service.Identified", F($"{t.InletConductanceRatio:0.000}"), F($"{t.InletLagS * 1000:0}"), F($"{t.VentConductanceRatio:0.000}"), F($"{t.ChargeConductanceRatio:0.000}"), F($"{t.BottleHeadspaceRatio:0.0}")));
        Out.WriteLine(Row("", T("Cli.Service.Column.InUse"), T("Cli.Service.Column.Proposed")));
        Out.WriteLine(Row(T("Cli.Service.Row.Gains"), F($"{t.Current.ProportionalGain:0} / {t.Current.IntegralGain:0}"), F($"{t.Proposed.ProportionalGain:0} / {t.Proposed.IntegralGain:0}")));
        Out.WriteLine(Row(T("Cli.Service.Row.PredictedTargets"), Targets(t.PredictedWithCurrent, t.ModelsMeetingTargetsWithCurrent, t.Models), Targets(t.PredictedWithProposed, t.ModelsMeetingTargetsWithProposed, t.Models)));
        Out.WriteLine(Row(T("Cli.Service.Row.PredictedStep"), "", Describe(t.PredictedStep)));
        Out.WriteLine(Row(T("Cli.Service.Row.MeasuredStep"), Describe(t.MeasuredStepWithCurrent), Describe(t.MeasuredStepWithProposed)));
        Out.WriteLine(T("Cli.Service.TargetsNamed"));
        Out.WriteLine(T("Cli.Service.MeasuredWithCurrent"));
        Report(t.MeasuredTargetsWithCurrent);
        if (t.KeptCurrent)
        {
            Out.WriteLine(T("Cli.Service.TuneKept", t.CandidatesMeasured));
            return ExitCodes.Ok;
        }

        Out.WriteLine(T("Cli.Service.MeasuredWithProposed"));
        Report(t.MeasuredTargetsWithProposed);
        Out.WriteLine(T("Cli.Service.TuneBeats"));
        foreach (var miss in t.PredictedWithProposed.Misses)
        {
            Out.WriteLine(T("Cli.Service.StillMisses", miss));
        }

        if (!Confirmed(T("Cli.Service.ApplyGains")))
        {
            Out.WriteLine(T("Cli.Service.NotApplied"));
            return ExitCodes.Ok;
        }

        var applied = await client.PostAsync("api/service/tune/apply", Json.TuningAppliedResponse, cancellation).ConfigureAwait(false);
        Out.WriteLine(T("Cli.Service.TuningStored", applied.Revision));
        return ExitCodes.Ok;
    }

    private bool Confirmed(string question)
    {
        if (options.Yes)
        {
            return true;
        }

        return console.Interactive ? console.Confirm(question) : false;
    }

    private void Report(CalibrationProposalResponse proposal)
    {
        Out.WriteLine(T("Cli.Service.FitHeader"));
        foreach (var c in proposal.Channels)
        {
            Out.WriteLine(F($"{c.Channel,-9} {c.Gain,7:0.0000} {c.OffsetMpa * 1000,8:0.0} kPa   {c.WorstBeforeMpa * 1000,6:0.0} kPa → {c.WorstAfterMpa * 1000:0.00} kPa"));
            if (c.Problem is { } problem)
            {
                Out.WriteLine(T("Cli.Service.Refused", problem));
            }
        }
    }

    private void Report(ServiceStatusResponse s)
    {
        var state = _text.Find("State." + s.State) ?? s.State;
        Out.WriteLine(s.State != "Service" || s.Procedure == "None"
            ? T("Cli.Service.State", state)
            : T("Cli.Service.StateProcedure", state, _text.Find("Service.Procedure." + s.Procedure) ?? s.Procedure, _text.Find("Service.Phase." + s.Phase) ?? s.Phase));
        if (s.BottleUnderPressure is { } bottle)
        {
            Out.WriteLine(T(bottle.SensorFaulty ? "Status.BottleMayBeUnderPressure" : "Status.BottleUnderPressure", F($"{bottle.Mpa:0.000}")));
        }

        var calibration = (s.Calibration.Valid, s.Calibration.Revision) switch
        {
            (false, _) => T("Cli.Service.CalibrationInvalid"),
            (true, { } revision) => T("Cli.Service.Revision", revision),
            (true, null) => T("Cli.Service.CalibrationNominal"),
        };
        Out.WriteLine(T("Cli.Service.Calibration", calibration));
        if (!s.Calibration.Valid && s.Calibration.Problem is { } why)
        {
            Out.WriteLine($"  {why}");
        }

        foreach (var c in s.Calibration.Channels)
        {
            var calibrated = c.CalibratedAt is { } at ? T("Cli.Service.ChannelCalibrated", F($"{at:yyyy-MM-dd HH:mm}"), c.Engineer ?? "") : "";
            Out.WriteLine(T("Cli.Service.Channel", F($"{c.Channel,-8}"), F($"{c.Gain:0.0000}"), F($"{c.OffsetMpa * 1000:0.0}"), calibrated));
        }

        var tuned = s.Regulator.Revision is { } rev
            ? T("Cli.Service.RegulatorTuned", rev, F($"{s.Regulator.TunedAt:yyyy-MM-dd}"), s.Regulator.Engineer ?? "")
            : T("Cli.Service.RegulatorConfigured");
        Out.WriteLine(T("Cli.Service.Regulator", F($"{s.Regulator.ProportionalGain:0}"), F($"{s.Regulator.IntegralGain:0}"), tuned));
        if (s.LastLeakTest is { } leak)
        {
            Out.WriteLine(T("Cli.Service.LastLeakTestRate", T(leak.Passed ? "Cli.Service.Passed" : "Cli.Service.Failed"), F($"{leak.LeakKpaPerMin:0.00}"), Sccm(leak.LeakSccm), F($"{leak.PressureMpa:0.00}"), F($"{leak.LimitKpaPerMin:0.00}"), F($"{leak.DurationS:0}"), F($"{leak.At.ToLocalTime():yyyy-MM-dd HH:mm}")));
        }

        if (s.PointsCollected > 0 || s.TuningPending)
        {
            Out.WriteLine(T(s.TuningPending ? "Cli.Service.PendingWithTuning" : "Cli.Service.Pending", s.PointsCollected));
        }
    }

    private string Targets(TargetFigures f, int meeting, int models) =>
        T(f.MeetsTargets ? "Cli.Service.TargetsMet" : "Cli.Service.TargetsMissed", meeting, models);

    private void Report(LeakTestHistoryResponse history)
    {
        if (history.Tests.Count == 0)
        {
            Out.WriteLine(T("Cli.Service.LeakTestsNone"));
            return;
        }

        Out.WriteLine(T("Cli.Service.LeakTestsHeader"));
        foreach (var t in history.Tests)
        {
            Out.WriteLine(T(
                "Cli.Service.LeakTestsRow",
                F($"{t.At.ToLocalTime():yyyy-MM-dd HH:mm}"),
                T(t.Passed ? "Cli.Service.Passed" : "Cli.Service.Failed"),
                t.DurationS > 0 ? F($"{t.LeakKpaPerMin:0.00}") : "—",
                Sccm(t.LeakSccm),
                F($"{t.LimitKpaPerMin:0.00}"),
                F($"{t.PressureMpa:0.00}"),
                F($"{t.DurationS:0.0}"),
                t.Engineer ?? "—"));
            if (t.Failure is { } failure)
            {
                Out.WriteLine($"  {failure}");
            }
        }
    }

    private static string Sccm(double? sccm) => sccm is { } v ? F($"{v:0.00}") : "—";

    private string Describe(StepFigures f) =>
        T("Cli.Service.StepFigures", Ms(f.RiseTimeS), Kpa(f.OvershootMpa), Ms(f.SettlingTimeS), Kpa(f.SteadyStateErrorMpa));

    private string Ms(double? s) => s is { } v ? F($"{v * 1000:0} ms") : T("Cli.Service.Never");

    /// <summary>A row of the tuning table: its label, then the settings in use and the proposal, in a terminal's columns.</summary>
    private static string Row(string label, string inUse, string proposed) =>
        $"  {TerminalColumns.Pad(label, 19)}{TerminalColumns.Pad(inUse, 44)} {proposed}";

    /// <summary>The refused engineer logins, newest first: when (local time), what, the name given, from where.</summary>
    private void ReportAccess(AccessLogResponse log)
    {
        if (log.LockedForS > 0)
        {
            Out.WriteLine(T("Cli.Service.AccessLockedNow", F($"{log.LockedForS:0}")));
        }

        if (log.Entries.Count == 0)
        {
            Out.WriteLine(T("Cli.Service.AccessNone"));
            return;
        }

        Out.WriteLine($"{TerminalColumns.Pad(T("Cli.Service.AccessColumn.Time"), 19)}  {TerminalColumns.Pad(T("Cli.Service.AccessColumn.What"), 22)}  {TerminalColumns.Pad(T("Cli.Service.AccessColumn.Engineer"), 24)}  {T("Cli.Service.AccessColumn.Address")}");
        foreach (var e in log.Entries)
        {
            var what = e.What == "lockout" ? T("Cli.Service.AccessLockout", F($"{e.LockedForS ?? 0:0}")) : T("Cli.Service.AccessWrongCredential");
            var name = e.Engineer.Length == 0 ? T("Service.Access.NoName") : EngineerAccessLog.Bounded(e.Engineer, EngineerAccessLog.MaxNameLength);
            Out.WriteLine($"{F($"{TimeZoneInfo.ConvertTime(e.At, TimeZoneInfo.Local):yyyy-MM-dd HH:mm:ss}")}  {TerminalColumns.Pad(what, 22)}  {TerminalColumns.Pad(name, 24)}  {EngineerAccessLog.Bounded(e.Address, EngineerAccessLog.MaxAddressLength)}");
        }
    }

    private static string Kpa(double? mpa) => mpa is { } v ? F($"{v * 1000:0.0} kPa") : "—";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A message for the engineer, in the terminal's language.</summary>
    private string T(string key, params object[] args) => _text[key, args];
}
