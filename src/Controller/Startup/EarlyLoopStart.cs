using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Supplies;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace HydroOxygen.Controller.Startup;

/// <summary>
/// The control loop and everything that observes it, started from the built host before the host's
/// own start (its endpoints, Kestrel and the other services follow while the self-test runs). The
/// records writer and the event pump start right after it, before anything else, so every state change
/// is logged and recorded as on a loop started by the host; <see cref="EndIfHostDidNot"/> gives a start that never reached the
/// host's stop the same ending: the shutdown sequence, the last events drained and written, and the
/// supplies' last checkpoint.
/// </summary>
internal sealed class EarlyLoopStart
{
    private readonly IServiceProvider _services;
    private readonly RecordsWriter _writer;
    private readonly EventPump _pump;

    private EarlyLoopStart(IServiceProvider services, RecordsWriter writer, EventPump pump, ControlLoopService loop)
    {
        _services = services;
        _writer = writer;
        _pump = pump;
        Loop = loop;
    }

    public ControlLoopService Loop { get; }

    public static EarlyLoopStart Begin(IServiceProvider services)
    {
        // An instrument nobody listens to drops what it counts: the metrics' listener comes first, before
        // the pump's sinks are built (they count the sprays from zero as they are made).
        services.GetService<MeterProvider>();

        // The loop's first events wait in its event ring until the pump reads them, so the loop need
        // not wait for the records database to open: the pump starts as soon as the writer takes posts.
        var loop = services.GetRequiredService<ControlLoopService>();
        var writer = services.GetRequiredService<RecordsWriter>();
        var pump = services.GetRequiredService<EventPump>();
        loop.Start();
        writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        pump.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new(services, writer, pump, loop);
    }

    /// <summary>
    /// For a start that failed or was stopped before the host's stop ran (a SIGTERM during its start,
    /// Kestrel refusing its address): the loop runs the shutdown sequence — the manifold and a charged
    /// bottle are vented as on any stop — and the pump and the writer take its events in. The supplies
    /// are checkpointed last, from the loop's final counts: the host's stop, which would have done it,
    /// never ran (its services may not even have been made).
    /// </summary>
    public void EndIfHostDidNot()
    {
        if (Loop.Stopped)
        {
            return;
        }

        Loop.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _pump.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _writer.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _services.GetService<SuppliesService>()?.CheckpointNow();
    }
}
