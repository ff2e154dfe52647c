using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using HydroOxygen.Simulator.Devices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace HydroOxygen.Controller.Api;

/// <summary>What the device is doing: the status, the device's fixed description, and the live stream.</summary>
public static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", (StatusMapper status) => TypedResults.Ok(status.Current()))
            .WithSummary("The latest status: state, program, gas source, setpoint, pressures, pedal, alarms, session");
        api.MapGet("/device", Device)
            .WithSummary("The backend, the setpoint limits, the programs and the gas sources");
        api.MapGet("/stream", Stream)
            .WithSummary("Live samples (server-sent events): 'status' documents, a 'history' of the last minute, then a 'sample' every 50 ms")
            .AddOpenApiOperationTransformer(ApiDocument.DescribeEventStream);
        return api;
    }

    private static Ok<DeviceResponse> Device(ControllerRuntime runtime, RecordsWriter records, RecordsOptions options)
    {
        var programs = runtime.Core.Programs
            .Select(p => new ProgramResponse(p.Name, p.SetpointMpa, Math.Min(p.CeilingMpa, PressureLimits.MaxSetpointMpa), p.RequiresOxygen, p.Description))
            .ToArray();
        return TypedResults.Ok(new DeviceResponse(
            runtime.Board.BackendName,
            runtime.Board is ISimulatedDevice,
            new SetpointRange(PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa),
            programs,
            [DeviceNames.Source(GasSource.Oxygen), DeviceNames.Source(GasSource.Compressor)],
            records.Problem is null,
            records.Problem is null && options.ClientCodes));
    }

    private static ServerSentEventsResult<string> Stream(LiveFeed feed, IHostApplicationLifetime lifetime, HttpContext context) =>
        TypedResults.ServerSentEvents(Messages(feed, lifetime.ApplicationStopping, context.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> Messages(
        LiveFeed feed, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted)
    {
        // An open stream must not hold the service's shutdown: it ends when the application stops.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        using var subscription = feed.Subscribe();
        yield return new SseItem<string>(subscription.Status, LiveFeed.StatusEvent);
        yield return new SseItem<string>(
            JsonSerializer.Serialize(subscription.History.ToArray(), ApiJsonContext.Default.LiveSampleArray),
            LiveFeed.HistoryEvent);

        var reader = subscription.Messages;
        while (true)
        {
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                more = false;
            }

            if (!more)
            {
                yield break;
            }

            while (reader.TryRead(out var message))
            {
                yield return message;
            }
        }
    }
}
