using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
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
        new Dictionary<string, string> { ["targetMpa"] = $"0 (vented) or a number of MPa up to {PressureLimits.MaxSetpointMpa:0.00}" });

    internal static readonly RequestShape ReferenceShape = new(
        """{"referenceMpa": 0.4512}""",
        new Dictionary<string, string> { ["referenceMpa"] = "the reference gauge's reading at the point held, MPa (gauge)" });

    internal static readonly RequestShape LeakShape = new(
        """{"pressureMpa": 0.5, "durationS": 30}""",
        new Dictionary<string, string>
        {
            ["pressureMpa"] = "the test pressure, 0.1–0.6 MPa",
            ["settleS"] = "seconds to settle after isolating, 0–600",
            ["durationS"] = "seconds to measure the decay, 1–600",
            ["limitMpa"] = "the most the pressure may fall over the measuring time, MPa (above 0, at most 0.2)",
        },
        BodyRequired: false);

    internal static readonly RequestShape StepShape = new(
        """{"fromMpa": 0.3, "toMpa": 0.5}""",
        new Dictionary<string, string>
        {
            ["fromMpa"] = $"the starting pressure, {PressureLimits.MinSetpointMpa:0.00}–{PressureLimits.MaxSetpointMpa:0.00} MPa",
            ["toMpa"] = $"the pressure stepped to, {PressureLimits.MinSetpointMpa:0.00}–{PressureLimits.MaxSetpointMpa:0.00} MPa",
            ["recordS"] = "seconds recorded after the step, 0.2–10",
        },
        BodyRequired: false);

    /// <summary>Registers the visit and the access check for the running device.</summary>
    public static IServiceCollection AddServiceEndpoints(this IServiceCollection services, ServiceOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new EngineerAccess(options.EngineerCredentialHash, TimeProvider.System));
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
        service.MapDelete("/calibration", Discard).WithSummary("Discards the points collected")
            .Produces(StatusCodes.Status204NoContent).NoBody().Refusals();
        service.MapPost("/leak-test", LeakTest).WithSummary("Pressurises, isolates and measures the decay; pass/fail, recorded")
            .Accepts(typeof(LeakTestRequest), isOptional: true, "application/json").Produces<LeakTestResult>().Refusals();
        service.MapPost("/step-test", StepTest).WithSummary("Steps the setpoint and reports rise, overshoot, settling and steady-state error")
            .Accepts(typeof(StepTestRequest), isOptional: true, "application/json").Produces<StepTestResponse>().Refusals();
        service.MapPost("/tune", Tune).WithSummary("Identifies the valves and proposes gains, with predicted and measured step responses")
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
        switch (access.Check(http.Request.Headers.Authorization, out var engineer, out var retryAfter))
        {
            case AccessVerdict.Granted:
                http.Items[EngineerItem] = engineer;
                http.RequestServices.GetRequiredService<ServiceVisit>().Touch(engineer!);
                return await next(context).ConfigureAwait(false);

            case AccessVerdict.NotConfigured:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Engineer operations are switched off",
                    detail: "no engineer credential is configured (Service:EngineerCredentialHash; make one with 'hash-credential')");

            case AccessVerdict.LockedOut:
                http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many wrong credentials",
                    detail: $"engineer access is locked for {Math.Ceiling(retryAfter.TotalSeconds):0} s after {EngineerAccess.MaxFailures} wrong credentials");

            default:
                http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Engineer credential required",
                    detail: "authorization: give the engineer's name and the engineer credential (HTTP Basic)");
        }
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
        var calibration = new CalibrationInfo(inUse.Valid, record?.Revision, stored.IsOk ? null : stored.Problem, channels);

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
                visit.LastLeakTest,
                status.State == DeviceState.Service ? visit.Owner : null,
                status.State == DeviceState.Service && status.Service.LeaseS > 0 ? status.Service.LeaseLeftS : null,
                status.State == DeviceState.Service && status.Service.Leaving,
                status.Service.End == ServiceEnd.None ? null : status.Service.End.ToString()),
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
            return ApiProblems.Conflict($"the device is {state}, not in service mode: the session has ended (enter service mode again)");
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
                new ServiceExitResponse(runtime.Status.Read().State.ToString(), discarded is null ? null : $"not committed, discarded: {discarded}"),
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

        if (body.Value!.TargetMpa is not { } target || !(target is >= 0.0 and <= PressureLimits.MaxSetpointMpa))
        {
            return ApiProblems.Field("targetMpa", $"targetMpa: required; {HoldShape.Expected("targetMpa")}");
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
            return ApiProblems.Field("referenceMpa", $"referenceMpa: required; {ReferenceShape.Expected("referenceMpa")}");
        }

        try
        {
            visit.RequireHolder(Engineer(request.HttpContext));
            var proposal = visit.AddReference(reference);
            return Json(CalibrationProposalResponse.From(proposal, visit.Points), ServiceJsonContext.Default.CalibrationProposalResponse);
        }
        catch (ServiceException ex)
        {
            return Refusal(ex);
        }
    }

    private static IResult Proposal(ServiceVisit visit) =>
        visit.Proposal() is { } proposal
            ? Json(CalibrationProposalResponse.From(proposal, visit.Points), ServiceJsonContext.Default.CalibrationProposalResponse)
            : ApiProblems.NotFound("calibration: no points have been measured yet");

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

        var defaults = visit.Options.LeakTest;
        var request = body.Value!;
        var test = defaults with
        {
            PressureMpa = request.PressureMpa ?? defaults.PressureMpa,
            SettleS = request.SettleS ?? defaults.SettleS,
            DurationS = request.DurationS ?? defaults.DurationS,
            LimitMpa = request.LimitMpa ?? defaults.LimitMpa,
        };
        if (test.Problems("leak test") is [var invalid, ..])
        {
            var field = invalid.Key.Split(':')[^1];
            return ApiProblems.Field(char.ToLowerInvariant(field[0]) + field[1..], invalid.ToString());
        }

        return await Guarded(visit, runtime, http, async () =>
        {
            var result = await visit.LeakTestAsync(test, Engineer(http), cancellation).ConfigureAwait(false);
            return Json(result, ServiceJsonContext.Default.LeakTestResult);
        }).ConfigureAwait(false);
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
                return ApiProblems.Field(field, $"{field}: {StepShape.Expected(field)}, was {value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (!(record is >= 0.2 and <= 10.0))
        {
            return ApiProblems.Field("recordS", $"recordS: {StepShape.Expected("recordS")}, was {record.ToString(CultureInfo.InvariantCulture)}");
        }

        return await Guarded(visit, runtime, request.HttpContext, async () =>
        {
            var result = await visit.Procedures.StepTestAsync(from, to, record, cancellation).ConfigureAwait(false);
            return Json(new StepTestResponse(from, to, StepFigures.From(result.Figures)), ServiceJsonContext.Default.StepTestResponse);
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
            return Task.FromResult<IResult>(ApiProblems.Conflict($"the device is {state}: enter service mode first (POST /api/service/enter); nothing was done"));
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
        if (ex is ServiceHeldException held)
        {
            return ApiProblems.Conflict(ApiErrorCode.ServiceHeldByOther, held.Owner, held.Step);
        }

        var field = ApiProblems.FieldOf(ex.Message);
        return field is "body" or "calibration" or "tuning" ? ApiProblems.Conflict(ex.Message) : ApiProblems.FieldMessage(ex.Message);
    }

    private static IResult Json<T>(T value, JsonTypeInfo<T> type) => TypedResults.Json(value, type);
}
