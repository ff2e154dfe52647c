using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using HydroOxygen.Controller.Service;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The service engineer's endpoints (issue 5): calibration, leak test, step test and tuning on the
/// running device. Every one needs the engineer credential (HTTP Basic: engineer name and the
/// shared credential, checked against the configured hash); the procedures run only in the
/// <c>Service</c> state, which the engineer enters and leaves explicitly. Refused requests change
/// nothing: 400 names the field, 401/403/429 the access problem, 409 the state or a running operation.
/// </summary>
public static class ServiceEndpoints
{
    public const string Realm = "hydro-oxygen service";
    private const string EngineerItem = "engineer";

    internal static readonly RequestShape HoldShape = new(
        """{"targetMpa": 0.45}""",
        new Dictionary<string, Expectation> { ["targetMpa"] = new("Expect.Service.TargetMpa", PressureLimits.MaxSetpointMpa) });

    internal static readonly RequestShape ReferenceShape = new(
        """{"referenceMpa": 0.4512}""",
        new Dictionary<string, Expectation> { ["referenceMpa"] = new("Expect.Service.ReferenceMpa") });

    internal static readonly RequestShape CertificateShape = new(
        """{"referenceId": "DPG-2041"}""",
        new Dictionary<string, Expectation> { ["referenceId"] = new("Expect.Service.ReferenceId", 1, 100) });

    internal static readonly RequestShape LeakShape = new(
        """{"pressureMpa": 0.5, "durationS": 30}""",
        new Dictionary<string, Expectation>
        {
            ["pressureMpa"] = new("Expect.Service.PressureMpa", 0.1, PressureLimits.MaxSetpointMpa),
            ["settleS"] = new("Expect.Service.SettleS", 0, 600),
            ["durationS"] = new("Expect.Service.DurationS", 1, 600),
            ["limitKpaPerMin"] = new("Expect.Service.LimitKpaPerMin", LeakTestOptions.MaxLimitKpaPerMin),
            ["limitMpa"] = new("Expect.Service.LimitMpa", 0.2),
        },
        BodyRequired: false);

    internal static readonly RequestShape StepShape = new(
        """{"fromMpa": 0.3, "toMpa": 0.5}""",
        new Dictionary<string, Expectation>
        {
            ["fromMpa"] = new("Expect.Service.FromMpa", PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa),
            ["toMpa"] = new("Expect.Service.ToMpa", PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa),
            ["recordS"] = new("Expect.Service.RecordS", 0.2, 10),
        },
        BodyRequired: false);

    /// <summary>Registers the visit and the access check for the running device.</summary>
    public static IServiceCollection AddServiceEndpoints(this IServiceCollection services, ServiceOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new EngineerAccess(options.EngineerCredentialHash, TimeProvider.System));
        services.AddSingleton(sp => new EngineerAccessLog(sp.GetRequiredService<ServiceVisit>().Log, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EngineerAccessLog>>()));
        services.AddSingleton(sp =>
        {
            var runtime = sp.GetRequiredService<ControllerRuntime>();
            var operations = new ServiceProcedures(new LiveServiceDevice(runtime), options, TimeProvider.System);
            return new ServiceVisit(operations, options, dataDirectory, TimeProvider.System);
        });
        return services;
    }

    public static WebApplication MapServiceEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var service = app.MapGroup("/api/service").WithTags("service engineer").AddEndpointFilter(RequireEngineer);
        service.MapGet("/status", Status).WithSummary("Calibration, tuning and the procedure in progress")
            .Produces<ServiceStatusResponse>();
        service.MapGet("/access", AccessLog).WithSummary("Refused engineer logins and lockouts (name given, source address, time), newest first; ?limit=1–500, 50 by default")
            .AddOpenApiOperationTransformer(ApiDocument.IntegerQuery("limit", 1, EngineerAccessLog.MaxRecords, 50, ApiDocumentMessages.Limit))
            .Produces<AccessLogResponse>().ProducesValidationProblem();
        service.MapPost("/enter", Enter).WithSummary("Enters the Service state (from Idle, Pressurizing, Ready, Charging or Fault); the engineer then holds the session for its lease, renewed by every request of theirs")
            .Produces<ServiceSessionResponse>().NoBody().Refusals();
        service.MapPost("/renew", Renew).WithSummary("Renews the service session's lease (the engineer is still there, e.g. reading a gauge)")
            .Produces<ServiceSessionResponse>().NoBody().Refusals();
        service.MapPost("/exit", Exit).WithSummary("Leaves the Service state: vents what is held, then the device restarts from Idle; uncommitted calibration points and tuning proposals are discarded")
            .Produces<ServiceExitResponse>().NoBody().Refusals();
        service.MapPost("/calibration/hold", Hold).WithSummary("Holds a calibration pressure (0 = vented) and answers the raw readings")
            .Accepts<HoldRequest>("application/json").Produces<HeldPointResponse>().Refusals();
        service.MapPost("/calibration/reference", Reference).WithSummary("Gives the reference gauge's reading for the point held last; answers the fit so far")
            .Accepts<ReferenceRequest>("application/json").Produces<CalibrationProposalResponse>().Refusals();
        service.MapGet("/calibration", Proposal).WithSummary("The fit of the points collected so far, with before/after errors")
            .Produces<CalibrationProposalResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        service.MapPost("/calibration/commit", Commit).WithSummary("Stores and applies the calibration (refused if implausible)")
            .Produces<CalibrationCommittedResponse>().NoBody().Refusals();
        service.MapPost("/calibration/verify", Verify).WithSummary("As-left verification: the reference gauge's reading at a calibration point held again after the commit; answers the errors as found and as left")
            .Accepts<ReferenceRequest>("application/json").Produces<CalibrationVerificationResponse>().Refusals();
        service.MapPost("/calibration/certificate", IssueCertificate).WithSummary("Issues the certificate of the calibration committed in this visit (points, errors as found and as left, reference gauge, engineer, date, due date) and keeps it with the calibration")
            .Accepts<CertificateRequest>("application/json").Produces<CalibrationCertificate>().Refusals();
        service.MapGet("/calibration/certificate.txt", CertificateText).WithSummary("A stored calibration certificate as text (?revision=N, default the newest)")
            .AddOpenApiOperationTransformer(ApiDocument.IntegerQuery("revision", 1, int.MaxValue, 1, "The calibration revision; default the newest certificate"))
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        service.MapGet("/calibration/certificate.csv", CertificateCsv).WithSummary("A stored calibration certificate as CSV, UTF-8 with a byte-order mark (?revision=N, default the newest)")
            .AddOpenApiOperationTransformer(ApiDocument.IntegerQuery("revision", 1, int.MaxValue, 1, "The calibration revision; default the newest certificate"))
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        service.MapDelete("/calibration", Discard).WithSummary("Discards the points collected")
            .Produces(StatusCodes.Status204NoContent).NoBody().Refusals();
        service.MapPost("/leak-test", LeakTest).WithSummary("Pressurises, isolates and measures the decay; pass/fail, recorded")
            .Accepts(typeof(LeakTestRequest), isOptional: true, "application/json").Produces<LeakTestResult>().Refusals();
        service.MapGet("/leak-tests", LeakTests).WithSummary("The latest leak tests in the service log, newest first (?limit=1–1000, default 10); kept across restarts")
            .AddOpenApiOperationTransformer(ApiDocument.IntegerQuery("limit", 1, LeakTestHistory.MaxCount, DefaultLeakTests, ApiDocumentMessages.Limit))
            .Produces<LeakTestHistoryResponse>().ProducesValidationProblem();
        service.MapPost("/step-test", StepTest).WithSummary("Steps the setpoint and reports rise, overshoot, settling and steady-state error, each against its DESIGN §2.3 target, and pass/fail")
            .Accepts(typeof(StepTestRequest), isOptional: true, "application/json").Produces<StepTestResponse>().Refusals();
        service.MapPost("/tune", Tune).WithSummary("Identifies the valves and proposes gains, with predicted and measured step responses; gains that measured worse than the ones in use on any compared figure are never proposed (keptCurrent)")
            .Produces<TuningResponse>().NoBody().Refusals();
        service.MapPost("/tune/apply", ApplyTuning).WithSummary("Stores and applies the proposed gains (the engineer's confirmation)")
            .Produces<TuningAppliedResponse>().NoBody().Refusals();
        service.MapMaintenanceServiceEndpoints();
        return app;
    }

    private static async ValueTask<object?> RequireEngineer(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<EngineerAccess>();
        var attempt = access.Check(http.Request.Headers.Authorization);
        if (attempt.Verdict == AccessVerdict.Granted)
        {
            http.Items[EngineerItem] = attempt.Engineer;
            http.RequestServices.GetRequiredService<ServiceVisit>().Touch(attempt.Engineer);
            return await next(context).ConfigureAwait(false);
        }

        // The connection's own address: headers such as X-Forwarded-For are anyone's to write.
        http.RequestServices.GetRequiredService<EngineerAccessLog>().Record(attempt, http.Connection.RemoteIpAddress?.ToString(), DateTimeOffset.UtcNow);
        var text = ResourceText.Current;
        switch (attempt.Verdict)
        {
            case AccessVerdict.NotConfigured:
                return ApiProblems.Caller(StatusCodes.Status403Forbidden, "Problem.Title.EngineerOff", "authorization", ApiErrorCode.ServiceRefused, text["Service.Access.Off"].Value);

            case AccessVerdict.LockedOut:
                var seconds = Math.Ceiling(attempt.RetryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ApiProblems.Caller(
                    StatusCodes.Status429TooManyRequests, "Problem.Title.EngineerLocked", "authorization", ApiErrorCode.ServiceRefused,
                    new ServiceText("Service.Access.Locked", seconds, EngineerAccess.MaxFailures).In(text));

            default:
                http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
                return ApiProblems.Caller(StatusCodes.Status401Unauthorized, "Problem.Title.EngineerCredential", "authorization", ApiErrorCode.ServiceRefused, text["Service.Access.Required"].Value);
        }
    }

    /// <summary>The refused engineer logins and lockouts, newest first, with whether access is locked now.</summary>
    private static IResult AccessLog(string? limit, EngineerAccess access, EngineerAccessLog log)
    {
        var count = 50;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > EngineerAccessLog.MaxRecords))
        {
            return ApiProblems.Field("limit", ApiErrorCode.LimitInvalid, EngineerAccessLog.MaxRecords, EngineerAccessLog.Bounded(limit, 20));
        }

        var text = ResourceText.Current;
        var entries = log.Recent(count)
            .Select(r => new AccessEntry(r.At, r.What == EngineerAccessLog.Lockout ? "lockout" : "wrongCredential", r.Engineer, r.Address, r.LockedForS, EngineerAccessLog.Sentence(r).In(text)))
            .ToList();
        return Json(new AccessLogResponse(Math.Ceiling(access.LockedFor().TotalSeconds), entries), AccessLogJsonContext.Default.AccessLogResponse);
    }

    private static string Engineer(HttpContext http) => (string)http.Items[EngineerItem]!;

    /// <summary>A change that takes no fields: nothing, or <c>{}</c>, read strictly like every other body.</summary>
    private static RouteHandlerBuilder NoBody(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(ApiDocument.DescribeEmptyBody);

    /// <summary>What a change can be refused with: its body (400, 413), the state or a running operation (409).</summary>
    private static RouteHandlerBuilder Refusals(this RouteHandlerBuilder endpoint, bool conflict = true)
    {
        endpoint.ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return conflict ? endpoint.ProducesProblem(StatusCodes.Status409Conflict) : endpoint;
    }

    /// <summary>Reads the body of a change that takes no fields; a problem to answer with, or null.</summary>
    private static async Task<IResult?> NoFieldsAsync(HttpRequest request, CancellationToken cancellation) =>
        (await JsonBody.ReadAsync(request, ApiJsonContext.Default.EmptyRequest, RequestShape.None, cancellation).ConfigureAwait(false)).Problem;

    private static IResult Status(ServiceVisit visit, ControllerRuntime runtime)
    {
        var status = runtime.Status.Read();
        var stored = visit.Calibrations.Load();
        var inUse = runtime.Cycle.Calibration;
        var record = stored.IsOk ? stored.Value : null;
        var channels = Enum.GetValues<PressureChannel>().Select(c => Channel(c, inUse, record)).ToList();
        var calibration = new CalibrationInfo(
            inUse.Valid, record?.Revision, stored.IsOk ? null : Localization.ResourceText.Current["Service.CalibrationFile." + stored.Status, stored.Problem].Value, channels);

        var tuning = visit.Tunings.Load();
        var regulator = runtime.Core.RegulatorSettings;
        var tuned = tuning.IsOk ? tuning.Value : null;
        var regulatorInfo = new RegulatorInfo(
            tuned?.Revision, tuned?.TunedAt, tuned?.Engineer, regulator.ProportionalGain, regulator.IntegralGain, regulator.IntegratorErrorLimitMpa, regulator.InletC, regulator.VentC, regulator.ChargeC);
        var held = visit.Held is { } h ? HeldPointResponse.From(h) : null;
        return Json(
            new ServiceStatusResponse(
                status.State.ToString(),
                status.Service.Kind.ToString(),
                status.Service.Phase.ToString(),
                calibration,
                regulatorInfo,
                held,
                visit.Points.Count,
                visit.PendingTuning is not null,
                visit.LastLeakTest?.In(ResourceText.Current),
                status.State == DeviceState.Service ? visit.Owner : null,
                status.State == DeviceState.Service && status.Service.LeaseS > 0 ? status.Service.LeaseLeftS : null,
                status.State == DeviceState.Service && status.Service.Leaving,
                status.Service.End == ServiceEnd.None ? null : status.Service.End.ToString(),
                StatusMapper.BottleWarning(in status)),
            ServiceJsonContext.Default.ServiceStatusResponse);
    }

    private static ChannelInfo Channel(PressureChannel channel, CalibrationSet inUse, CalibrationRecord? record)
    {
        var coefficients = channel switch
        {
            PressureChannel.POut => inUse.POut,
            PressureChannel.PBottle => inUse.PBottle,
            _ => inUse.PSrc,
        };
        var stored = record?[channel];
        return new ChannelInfo(channel.ToString(), coefficients.Gain, coefficients.OffsetMpa, stored?.CalibratedAt, stored?.Engineer);
    }

    private static async Task<IResult> Enter(HttpContext http, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation) =>
        await NoFieldsAsync(http.Request, cancellation).ConfigureAwait(false) ?? await Exclusive(visit, async () =>
        {
            await visit.EnterAsync(Engineer(http), cancellation).ConfigureAwait(false);
            return Session(visit, runtime);
        }).ConfigureAwait(false);

    private static async Task<IResult> Renew(HttpContext http, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation)
    {
        if (await NoFieldsAsync(http.Request, cancellation).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        var state = runtime.Status.Read().State;
        if (state != DeviceState.Service)
        {
            return Refused(new ServiceText("Service.SessionEnded", ServiceWords.State(state)));
        }

        try
        {
            // The filter has renewed the lease if this engineer holds it; anyone else is told who does.
            visit.RequireHolder(Engineer(http));
            return Session(visit, runtime);
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }
    }

    private static IResult Session(ServiceVisit visit, ControllerRuntime runtime)
    {
        var status = runtime.Status.Read();
        return Json(
            new ServiceSessionResponse(status.State.ToString(), visit.Owner, status.Service.LeaseS, status.Service.LeaseS > 0 ? status.Service.LeaseS : 0.0),
            ServiceJsonContext.Default.ServiceSessionResponse);
    }

    /// <summary>Leaving is never refused to the session's engineer, even while their operation runs (Ctrl+C): it stops it.</summary>
    private static async Task<IResult> Exit(HttpContext http, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation)
    {
        if (await NoFieldsAsync(http.Request, cancellation).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        try
        {
            var discarded = await visit.ExitServiceAsync(cancellation, Engineer(http)).ConfigureAwait(false);
            return Json(
                new ServiceExitResponse(runtime.Status.Read().State.ToString(), discarded is null ? null : new ServiceText("Service.NotCommittedDiscarded", discarded).In(ResourceText.Current)),
                ServiceJsonContext.Default.ServiceExitResponse);
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }
    }

    private static async Task<IResult> Hold(HttpRequest request, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation)
    {
        var body = await JsonBody.ReadAsync(request, ServiceJsonContext.Default.HoldRequest, HoldShape, cancellation).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.TargetMpa is not { } target)
        {
            return ApiProblems.Field("targetMpa", ApiErrorCode.FieldRequired, HoldShape.Expected("targetMpa"));
        }

        if (!(target is >= 0.0 and <= PressureLimits.MaxSetpointMpa))
        {
            return OutOfRange("targetMpa", HoldShape, target);
        }

        return await Guarded(visit, runtime, request.HttpContext, async () =>
        {
            var held = await visit.HoldAsync(target, cancellation).ConfigureAwait(false);
            return Json(HeldPointResponse.From(held), ServiceJsonContext.Default.HeldPointResponse);
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> Reference(HttpRequest request, ServiceVisit visit, CancellationToken cancellation)
    {
        var body = await JsonBody.ReadAsync(request, ServiceJsonContext.Default.ReferenceRequest, ReferenceShape, cancellation).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.ReferenceMpa is not { } reference)
        {
            return ApiProblems.Field("referenceMpa", ApiErrorCode.FieldRequired, ReferenceShape.Expected("referenceMpa"));
        }

        try
        {
            visit.RequireHolder(Engineer(request.HttpContext));
            var proposal = visit.AddReference(reference);
            return Json(CalibrationProposalResponse.From(proposal, visit.Points, ResourceText.Current), ServiceJsonContext.Default.CalibrationProposalResponse);
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }
    }

    private static async Task<IResult> Verify(HttpRequest request, ServiceVisit visit, CancellationToken cancellation)
    {
        var body = await JsonBody.ReadAsync(request, ServiceJsonContext.Default.ReferenceRequest, ReferenceShape, cancellation).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.ReferenceMpa is not { } reference)
        {
            return ApiProblems.Field("referenceMpa", $"referenceMpa: required; {ReferenceShape.Expected("referenceMpa")}");
        }

        try
        {
            visit.RequireHolder(Engineer(request.HttpContext));
            return Json(new CalibrationVerificationResponse(visit.AddVerification(reference)), ServiceJsonContext.Default.CalibrationVerificationResponse);
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }
    }

    private static async Task<IResult> IssueCertificate(HttpRequest request, ServiceVisit visit, CancellationToken cancellation)
    {
        var body = await JsonBody.ReadAsync(request, ServiceJsonContext.Default.CertificateRequest, CertificateShape, cancellation).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.ReferenceId is not { } referenceId || string.IsNullOrWhiteSpace(referenceId) || referenceId.Trim().Length > 100)
        {
            return ApiProblems.Field("referenceId", ApiErrorCode.FieldRequired, CertificateShape.Expected("referenceId"));
        }

        try
        {
            visit.RequireHolder(Engineer(request.HttpContext));
            var language = request.HttpContext.RequestServices.GetService<Localization.UiOptions>()?.Language;
            var text = language is null ? Localization.ResourceText.English : Localization.ResourceText.For(language);
            return Json(visit.IssueCertificate(Engineer(request.HttpContext), referenceId, text), ServiceJsonContext.Default.CalibrationCertificate);
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }
    }

    private static IResult CertificateText(ServiceVisit visit, string? revision) => StoredCertificate(visit, revision, csv: false);

    private static IResult CertificateCsv(ServiceVisit visit, string? revision) => StoredCertificate(visit, revision, csv: true);

    private static IResult StoredCertificate(ServiceVisit visit, string? revision, bool csv)
    {
        int? wanted = null;
        if (revision is not null)
        {
            if (!int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                var shown = revision.Length > 20 ? revision[..20] + "…" : revision;
                return ApiProblems.FieldSentence("revision", nameof(ApiErrorCode.ValueOutOfRange), Localization.ResourceText.Current["Service.RevisionInvalid", shown]);
            }

            wanted = number;
        }

        var chosen = wanted ?? visit.Certificates.Latest();
        if (chosen is not { } found || visit.Certificates.Read(found, csv) is not { } content)
        {
            var text = Localization.ResourceText.Current;
            return ApiProblems.NotFound("calibration: " + (wanted is null ? text["Service.NoCertificate"] : text["Service.NoCertificateForRevision", wanted]));
        }

        return csv ? TypedResults.Text(content, "text/csv; charset=utf-8") : TypedResults.Text(content, "text/plain; charset=utf-8");
    }

    private static IResult Proposal(ServiceVisit visit) =>
        visit.Proposal() is { } proposal
            ? Json(CalibrationProposalResponse.From(proposal, visit.Points, ResourceText.Current), ServiceJsonContext.Default.CalibrationProposalResponse)
            : ApiProblems.NotFound($"calibration: {new ServiceText("Service.NoPointsYet").In(ResourceText.Current)}");

    private static async Task<IResult> Commit(HttpContext http, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation) =>
        await NoFieldsAsync(http.Request, cancellation).ConfigureAwait(false) ?? await Guarded(visit, runtime, http, () =>
        {
            var record = visit.CommitCalibration(Engineer(http));
            var channels = Enum.GetValues<PressureChannel>()
                .Select(c => new ChannelInfo(c.ToString(), record[c].Gain, record[c].OffsetMpa, record[c].CalibratedAt, record[c].Engineer))
                .ToList();
            return Task.FromResult(Json(new CalibrationCommittedResponse(record.Revision, channels), ServiceJsonContext.Default.CalibrationCommittedResponse));
        }).ConfigureAwait(false);

    private static async Task<IResult> Discard(HttpRequest request, ServiceVisit visit, CancellationToken cancellation)
    {
        if (await NoFieldsAsync(request, cancellation).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        try
        {
            visit.RequireHolder(Engineer(request.HttpContext));
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }

        visit.DiscardCalibration();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> LeakTest(HttpContext http, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation)
    {
        var body = await JsonBody.ReadAsync(http.Request, ServiceJsonContext.Default.LeakTestRequest, LeakShape, cancellation).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        if (request.LimitMpa is not null && request.LimitKpaPerMin is not null)
        {
            return ApiProblems.FieldSentence("limitKpaPerMin", nameof(ApiErrorCode.FieldRepeated), Localization.ResourceText.Current["Service.LimitGivenTwice"]);
        }

        var test = visit.Options.LeakTest.With(request);
        if (test.Problems("leak test") is [var invalid, ..])
        {
            var field = invalid.Key.Split(':')[^1];
            field = char.ToLowerInvariant(field[0]) + field[1..];
            return OutOfRange(field, LeakShape, invalid.Arguments[^1]);
        }

        return await Guarded(visit, runtime, http, async () =>
        {
            var result = await visit.LeakTestAsync(test, Engineer(http), cancellation).ConfigureAwait(false);
            return Json(result.In(ResourceText.Current), ServiceJsonContext.Default.LeakTestResult);
        }).ConfigureAwait(false);
    }

    /// <summary>How many leak tests the history lists when not told.</summary>
    public const int DefaultLeakTests = 10;

    private static IResult LeakTests(ServiceVisit visit, string? limit)
    {
        var count = DefaultLeakTests;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= LeakTestHistory.MaxCount))
        {
            return ApiProblems.Field("limit", ApiErrorCode.LimitInvalid, LeakTestHistory.MaxCount, limit);
        }

        return Json(new LeakTestHistoryResponse([.. visit.LeakTests(count).Select(t => t.In(ResourceText.Current))]), ServiceJsonContext.Default.LeakTestHistoryResponse);
    }

    private static async Task<IResult> StepTest(HttpRequest request, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation)
    {
        var body = await JsonBody.ReadAsync(request, ServiceJsonContext.Default.StepTestRequest, StepShape, cancellation).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var from = body.Value!.FromMpa ?? 0.30;
        var to = body.Value.ToMpa ?? 0.50;
        var record = body.Value.RecordS ?? 1.5;
        foreach (var (field, value) in new[] { ("fromMpa", from), ("toMpa", to) })
        {
            if (!(value is >= PressureLimits.MinSetpointMpa and <= PressureLimits.MaxSetpointMpa))
            {
                return OutOfRange(field, StepShape, value);
            }
        }

        if (!(record is >= 0.2 and <= 10.0))
        {
            return OutOfRange("recordS", StepShape, record);
        }

        return await Guarded(visit, runtime, request.HttpContext, async () =>
        {
            var result = await visit.Procedures.StepTestAsync(from, to, record, cancellation).ConfigureAwait(false);
            return Json(StepTestResponse.From(result), ServiceJsonContext.Default.StepTestResponse);
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> Tune(HttpRequest request, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation) =>
        await NoFieldsAsync(request, cancellation).ConfigureAwait(false) ?? await Guarded(visit, runtime, request.HttpContext, async () =>
        {
            var proposal = await visit.TuneAsync(cancellation).ConfigureAwait(false);
            return Json(TuningResponse.From(proposal), ServiceJsonContext.Default.TuningResponse);
        }).ConfigureAwait(false);

    private static async Task<IResult> ApplyTuning(HttpContext http, ServiceVisit visit, ControllerRuntime runtime, CancellationToken cancellation) =>
        await NoFieldsAsync(http.Request, cancellation).ConfigureAwait(false) ?? await Guarded(visit, runtime, http, async () =>
        {
            var record = await visit.ApplyTuningAsync(Engineer(http), cancellation).ConfigureAwait(false);
            return Json(new TuningAppliedResponse(record.Revision, TuningResponse.Gains(record.Regulator)), ServiceJsonContext.Default.TuningAppliedResponse);
        }).ConfigureAwait(false);

    /// <summary>
    /// Runs an engineer operation: in the Service state only (409 otherwise, nothing done), alone
    /// (409 if another is running), with its refusals as problem answers. The operations re-check
    /// the state where they store or apply, and the control step has the last word.
    /// </summary>
    private static Task<IResult> Guarded(ServiceVisit visit, ControllerRuntime runtime, HttpContext http, Func<Task<IResult>> operation)
    {
        var state = runtime.Status.Read().State;
        if (state != DeviceState.Service)
        {
            return Task.FromResult(Refused(new ServiceText("Service.EnterFirst", ServiceWords.State(state))));
        }

        try
        {
            visit.RequireHolder(Engineer(http));
        }
        catch (ServiceException ex)
        {
            return Task.FromResult(Refusal(ex));
        }

        return Exclusive(visit, operation);
    }

    /// <summary>Runs an operation alone (409 if another is running), with its refusals as problem answers.</summary>
    private static async Task<IResult> Exclusive(ServiceVisit visit, Func<Task<IResult>> operation)
    {
        try
        {
            return await visit.ExclusiveAsync(operation).ConfigureAwait(false);
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }
    }

    /// <summary>A refusal that names a request field is bad input (400); anything else is the device's state (409).</summary>
    private static IResult Refusal(ServiceException ex)
    {
        var text = ResourceText.Current;
        if (ex is ServiceHeldException held)
        {
            return ApiProblems.Conflict(ApiErrorCode.ServiceHeldByOther, held.Owner ?? text["Service.AnotherEngineer"], held.Step.In(text));
        }

        return ex.Field is null or "body" or "calibration" or "tuning"
            ? ApiProblems.Conflict(ex.Describe(text))
            : ApiProblems.FieldSentence(ex.Field, nameof(ApiErrorCode.ServiceRefused), ex.Text.In(text));
    }

    /// <summary>A 400 for a number outside its field's range: what is allowed, and what was sent, in the request's language.</summary>
    private static IResult OutOfRange(string field, RequestShape shape, object? value) =>
        ApiProblems.FieldSentence(field, nameof(ApiErrorCode.ValueOutOfRange), new ServiceText("Service.FieldWas", shape.Expected(field), value).In(ResourceText.Current));

    /// <summary>A 409 from the service desk, in the request's language.</summary>
    private static IResult Refused(ServiceText sentence) => ApiProblems.Conflict(sentence.In(ResourceText.Current));

    private static IResult Json<T>(T value, JsonTypeInfo<T> type) => TypedResults.Json(value, type);
}
