using System.Globalization;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Simulator.Plant;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The tester's endpoints (DESIGN §3.4, simulator backend only): the virtual foot pedal, the
/// power switch and fault injection. With a hardware backend they are not mapped at all (404):
/// nothing on a real device can press its pedal or break its valves from the network.
/// </summary>
public static class SimulatorEndpoints
{
    public const double MinLeaseS = 0.2;
    public const double MaxLeaseS = 10.0;

    internal static readonly RequestShape PedalShape = new(
        """{"down": true}""",
        new Dictionary<string, Expectation>
        {
            ["down"] = new("Expect.PedalDown"),
            ["leaseS"] = new("Expect.PedalLease", MinLeaseS, MaxLeaseS),
        });

    internal static readonly RequestShape PowerShape = new(
        """{"on": true}""",
        new Dictionary<string, Expectation> { ["on"] = new("Expect.PowerOn") });

    private static readonly string[] SensorTargets = ["p_out", "p_bottle", "p_src"];
    private static readonly string[] LeakTargets = ["manifold", "bottle"];

    private static string KindNames => string.Join(", ", FaultNames.AllKinds.Where(k => k != FaultNames.ToName(FaultKind.LoopStall)));

    internal static RequestShape FaultShape => new(
        """{"fault": "leak", "target": "manifold", "value": 0.02}""",
        new Dictionary<string, Expectation>
        {
            ["fault"] = new("Expect.FaultKind", KindNames),
            ["target"] = new("Expect.FaultTarget", string.Join(", ", FaultNames.AllTargets)),
            ["value"] = new("Expect.FaultValue"),
        });

    internal static RequestShape FaultClearShape => new(
        """{"fault": "leak", "target": "manifold"}""",
        new Dictionary<string, Expectation>
        {
            ["fault"] = new("Expect.FaultKind", KindNames),
            ["target"] = new("Expect.FaultTargetClear", string.Join(", ", FaultNames.AllTargets)),
        });

    public static RouteGroupBuilder MapSimulatorEndpoints(this RouteGroupBuilder sim)
    {
        sim.MapPost("/pedal", Pedal)
            .Accepts<PedalRequest>("application/json")
            .WithSummary("Presses or releases the virtual foot pedal (optionally on a dead-man lease)")
            .ProducesBodyProblems();
        sim.MapPost("/power", Power)
            .Accepts<PowerRequest>("application/json")
            .WithSummary("Turns the rocker power switch on or off")
            .ProducesBodyProblems();
        sim.MapGet("/faults", Faults)
            .WithSummary("The faults that can be injected, and those injected here and not yet cleared");
        sim.MapPost("/fault", Inject)
            .Accepts<FaultRequest>("application/json")
            .WithSummary("Injects a plant fault (names as in scenario files)")
            .ProducesBodyProblems();
        sim.MapPost("/fault/clear", Clear)
            .Accepts<FaultClearRequest>("application/json")
            .WithSummary("Clears a plant fault (repairs the part)")
            .ProducesBodyProblems();
        return sim;
    }

    private static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<Results<Ok<PedalResponse>, ProblemHttpResult>> Pedal(
        HttpRequest request, SimulatorControls controls, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.PedalRequest, PedalShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var (down, lease) = (body.Value!.Down, body.Value.LeaseS);
        if (down is null)
        {
            return ApiProblems.Field("down", ApiErrorCode.FieldRequired, PedalShape.Expected("down"));
        }

        if (lease is { } seconds && !(seconds is >= MinLeaseS and <= MaxLeaseS))
        {
            return ApiProblems.Field("leaseS", ApiErrorCode.PedalLeaseOutOfRange, seconds.ToString(CultureInfo.InvariantCulture), MinLeaseS, MaxLeaseS);
        }

        controls.Pedal(down.Value, lease is { } s ? TimeSpan.FromSeconds(s) : null);
        return TypedResults.Ok(new PedalResponse(down.Value, down.Value ? lease : null));
    }

    private static async Task<Results<Ok<PowerResponse>, ProblemHttpResult>> Power(
        HttpRequest request, SimulatorControls controls, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.PowerRequest, PowerShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.On is not { } on)
        {
            return ApiProblems.Field("on", ApiErrorCode.FieldRequired, PowerShape.Expected("on"));
        }

        controls.Power(on);
        return TypedResults.Ok(new PowerResponse(on));
    }

    private static Ok<FaultCatalogResponse> Faults(SimulatorControls controls)
    {
        var kinds = Enum.GetValues<FaultKind>()
            .Where(k => k != FaultKind.LoopStall)
            .Select(k => k switch
            {
                FaultKind.SensorStuck or FaultKind.SensorDisconnected => new FaultKindResponse(FaultNames.ToName(k), SensorTargets, true, null),
                FaultKind.SensorDrift => new FaultKindResponse(FaultNames.ToName(k), SensorTargets, true, ResourceText.Current["Ui.Sim.Drift"]),
                FaultKind.Leak => new FaultKindResponse(FaultNames.ToName(k), LeakTargets, true, ResourceText.Current["Ui.Sim.LeakValue"]),
                FaultKind.AdcNack => new FaultKindResponse(FaultNames.ToName(k), SensorTargets, false, null),
                _ => new FaultKindResponse(FaultNames.ToName(k), [], false, null),
            })
            .OrderBy(k => k.Name, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new FaultCatalogResponse(kinds, controls.Injected.Select(Describe).ToArray()));
    }

    private static async Task<Results<Ok<FaultResponse>, ProblemHttpResult>> Inject(
        HttpRequest request, SimulatorControls controls, CancellationToken cancellationToken)
    {
        var shape = FaultShape;
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.FaultRequest, shape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fault = body.Value!;
        var (kind, target, named) = ParseFault(fault.Fault, fault.Target, shape);
        if (named is not null)
        {
            return named;
        }

        if (fault.Value is not null && !TakesValue(kind))
        {
            return ApiProblems.Field("value", ApiErrorCode.FaultTakesNoValue, fault.Fault ?? "");
        }

        var spec = new FaultSpec(kind, target, fault.Value ?? 0.0);
        if (spec.Problem() is { } specProblem)
        {
            // Problem() does not say which field is wrong: if a good value would cure it, the value was.
            var field = (spec with { Value = SampleValue(kind) }).Problem() is null ? "value" : "target";
            return ApiProblems.Field(field, ApiErrorCode.FaultInvalid, specProblem);
        }

        controls.Inject(spec);
        return TypedResults.Ok(Describe(spec));
    }

    private static async Task<Results<Ok<FaultResponse>, ProblemHttpResult>> Clear(
        HttpRequest request, SimulatorControls controls, CancellationToken cancellationToken)
    {
        var shape = FaultClearShape;
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.FaultClearRequest, shape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var fault = body.Value!;
        var (kind, target, named) = ParseFault(fault.Fault, fault.Target, shape);
        if (named is not null)
        {
            return named;
        }

        controls.Clear(kind, target);
        return TypedResults.Ok(Describe(new FaultSpec(kind, target)));
    }

    /// <summary>The fault and target a request names (inject and clear name them alike).</summary>
    private static (FaultKind Kind, FaultTarget Target, ProblemHttpResult? Problem) ParseFault(string? name, string? targetName, RequestShape shape)
    {
        var (kind, kindProblem) = ParseKind(name, shape);
        if (kindProblem is not null)
        {
            return (kind, FaultTarget.None, kindProblem);
        }

        var target = FaultTarget.None;
        return targetName is not null && !FaultNames.TryParseTarget(targetName, out target)
            ? (kind, target, ApiProblems.Field("target", ApiErrorCode.FaultTargetUnknown, targetName, shape.Expected("target")))
            : (kind, target, null);
    }

    private static (FaultKind Kind, ProblemHttpResult? Problem) ParseKind(string? name, RequestShape shape)
    {
        if (name is null)
        {
            return (default, ApiProblems.Field("fault", ApiErrorCode.FieldRequired, shape.Expected("fault")));
        }

        if (!FaultNames.TryParseKind(name, out var kind))
        {
            return (default, ApiProblems.Field("fault", ApiErrorCode.FaultUnknown, name, shape.Expected("fault")));
        }

        // The loop's runner acts on a stall, not the plant: posted to the plant it would throw on the tick.
        return kind == FaultKind.LoopStall
            ? (kind, ApiProblems.Field("fault", ApiErrorCode.LoopStallNotInjectable, shape.Expected("fault")))
            : (kind, null);
    }

    private static bool TakesValue(FaultKind kind) => kind is FaultKind.SensorDrift or FaultKind.Leak;

    private static double SampleValue(FaultKind kind) => kind == FaultKind.Leak ? 0.01 : 0.0;

    private static FaultResponse Describe(FaultSpec fault) => new(
        FaultNames.ToName(fault.Kind),
        fault.Target == FaultTarget.None ? null : FaultNames.ToName(fault.Target),
        TakesValue(fault.Kind) ? fault.Value : null);
}
