using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The technician's commands (DESIGN §3.4). Each one is checked against the latest snapshot and
/// refused with the field and its allowed values (400) or the state that forbids it (409) before
/// anything is queued; so a refused request changes nothing.
/// </summary>
public static class CommandEndpoints
{
    internal static readonly RequestShape SetpointShape = new(
        """{"mpa": 0.45}""",
        new Dictionary<string, Expectation>
        {
            ["mpa"] = new("Expect.Setpoint", DeviceWords.Mpa(PressureLimits.MinSetpointMpa), DeviceWords.Mpa(PressureLimits.MaxSetpointMpa)),
        });

    internal static readonly RequestShape SourceShape = new(
        """{"source": "oxygen"}""",
        new Dictionary<string, Expectation> { ["source"] = new("Expect.Source") });

    public static RouteGroupBuilder MapCommandEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/setpoint", SetSetpoint)
            .Accepts<SetpointRequest>("application/json")
            .WithSummary("Sets the output pressure setpoint (0.30–0.60 MPa, capped by the program's ceiling)")
            .ProducesCommandProblems();
        api.MapPost("/program", SelectProgram)
            .Accepts<ProgramRequest>("application/json")
            .WithSummary("Selects a treatment program by name; its setpoint becomes the setpoint")
            .ProducesCommandProblems();
        api.MapPost("/source", SelectSource)
            .Accepts<SourceRequest>("application/json")
            .WithSummary("Selects the gas source: oxygen or compressor")
            .ProducesCommandProblems();
        api.MapCommandWithoutBody("/alarms/ack", ControlCommand.AcknowledgeAlarms(), "Acknowledges every latched alarm; those whose cause has cleared disappear");
        api.MapPost("/shutdown", Shutdown)
            .WithSummary("Starts the shutdown sequence: stop spraying, close the source, vent, outputs safe, Off")
            .AddOpenApiOperationTransformer(ApiDocument.DescribeEmptyBody)
            .ProducesCommandProblems();
        return api;
    }

    private static async Task<Results<Ok<CommandResponse>, Accepted<CommandResponse>, ProblemHttpResult>> SetSetpoint(
        HttpRequest request, CommandGateway gateway, StatusMapper status, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.SetpointRequest, SetpointShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.Mpa is not { } mpa)
        {
            return ApiProblems.Field("mpa", ApiErrorCode.FieldRequired, SetpointShape.Expected("mpa"));
        }

        return await SendAsync(request, ControlCommand.SetSetpoint(mpa), gateway, status, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<CommandResponse>, Accepted<CommandResponse>, ProblemHttpResult>> SelectProgram(
        HttpRequest request, CommandGateway gateway, StatusMapper status, ControllerRuntime runtime, CancellationToken cancellationToken)
    {
        var shape = ProgramShape(runtime.Core.Programs);
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.ProgramRequest, shape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.Name is not { Length: > 0 } name)
        {
            return ApiProblems.Field("name", ApiErrorCode.FieldRequired, shape.Expected("name"));
        }

        return await SendAsync(request, ControlCommand.SelectProgram(runtime.Core.ProgramIndex(name)), gateway, status, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<CommandResponse>, Accepted<CommandResponse>, ProblemHttpResult>> SelectSource(
        HttpRequest request, CommandGateway gateway, StatusMapper status, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.SourceRequest, SourceShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.Source is not { Length: > 0 } source)
        {
            return ApiProblems.Field("source", ApiErrorCode.FieldRequired, SourceShape.Expected("source"));
        }

        return await SendAsync(request, ControlCommand.SelectSource(DeviceNames.ParseSource(source)), gateway, status, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Accepted<CommandResponse>, ProblemHttpResult>> Shutdown(
        HttpRequest request, CommandGateway gateway, StatusMapper status, CancellationToken cancellationToken)
    {
        // The sequence takes seconds (venting is confirmed by the sensors): accepted, not done.
        var result = await SendWithoutBodyAsync(request, ControlCommand.Shutdown(), gateway, status, cancellationToken).ConfigureAwait(false);
        return result.Result switch
        {
            Ok<CommandResponse> { Value: { } applied } => TypedResults.Accepted((string?)null, applied),
            Accepted<CommandResponse> accepted => accepted,
            ProblemHttpResult refused => refused,
            _ => throw new InvalidOperationException("a command answered with neither a status nor a problem"),
        };
    }

    /// <summary>
    /// A button's command that takes no body (an empty JSON object at most): mapped, described and
    /// answered as every command is, with the problems a command can answer.
    /// </summary>
    internal static RouteHandlerBuilder MapCommandWithoutBody(this RouteGroupBuilder api, string pattern, ControlCommand command, string summary) =>
        api.MapPost(pattern, (HttpRequest request, CommandGateway gateway, StatusMapper status, CancellationToken cancellationToken) =>
                SendWithoutBodyAsync(request, command, gateway, status, cancellationToken))
            .WithSummary(summary)
            .AddOpenApiOperationTransformer(ApiDocument.DescribeEmptyBody)
            .ProducesCommandProblems();

    /// <summary>Refuses a body other than an empty JSON object, then sends the command.</summary>
    internal static async Task<Results<Ok<CommandResponse>, Accepted<CommandResponse>, ProblemHttpResult>> SendWithoutBodyAsync(
        HttpRequest request, ControlCommand command, CommandGateway gateway, StatusMapper status, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.EmptyRequest, RequestShape.None, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        return await SendAsync(request, command, gateway, status, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Results<Ok<CommandResponse>, Accepted<CommandResponse>, ProblemHttpResult>> SendAsync(
        HttpRequest request, ControlCommand command, CommandGateway gateway, StatusMapper status, CancellationToken cancellationToken)
    {
        var result = await gateway.SendAsync(command, cancellationToken).ConfigureAwait(false);
        var programs = gateway.Programs;
        switch (result.Kind)
        {
            case CommandResultKind.Applied:
                return TypedResults.Ok(new CommandResponse(result.Id, "applied", status.Current()));
            case CommandResultKind.Queued:
                return TypedResults.Accepted((string?)null, new CommandResponse(result.Id, "queued", status.Current()));
            case CommandResultKind.Busy:
                request.HttpContext.Response.Headers[HeaderNames.RetryAfter] = "1";
                return ApiProblems.Unavailable(ApiErrorCode.CommandQueueFull);
            default:
                var refusal = CommandRefusals.Describe(ResourceText.Current, result.Outcome, result.Command, result.State, result.ProgramIndex, programs, gateway.Plans);
                return ApiProblems.Refused(result.Outcome, refusal, IsInputError(result.Outcome));
        }
    }

    /// <summary>Refusals about the value sent (400) rather than about the device's state (409).</summary>
    private static bool IsInputError(CommandOutcome outcome) => outcome is CommandOutcome.SetpointNotANumber
        or CommandOutcome.SetpointOutOfRange or CommandOutcome.SetpointAboveProgramCeiling
        or CommandOutcome.UnknownProgram or CommandOutcome.UnknownSource or CommandOutcome.InvalidServiceRequest or CommandOutcome.UnknownPlan;

    internal static RequestShape ProgramShape(IReadOnlyList<ProgramDefinition> programs) => new(
        """{"name": "cleanse"}""",
        new Dictionary<string, Expectation> { ["name"] = new("Expect.Program", string.Join(", ", programs.Select(p => p.Name))) });

    internal static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
