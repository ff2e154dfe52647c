using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Startup;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// The controller starts its loop, with the records writer and the event pump, before the web host
/// starts (issue 18, start-up). The host's start must not start a second loop or pump; a start that
/// ends before the host's stop ran (a failed Build or Kestrel, a SIGTERM during the host's start) must
/// still run the shutdown sequence — the loop has been filling and charging — with every state change
/// seen by the sinks, from the first tick to Off.
/// </summary>
[Collection(nameof(StopFromFaultTests))]
public sealed class EarlyLoopStartTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("early-loop-");

    [Fact]
    public async Task A_start_that_ended_before_the_host_stopped_vents_the_charged_bottle_and_every_state_change_is_seen()
    {
        var board = SimulatedBoard.Create(PlantParameters.Default, 3, TimeProvider.System);
        await using var services = Services(board, out var seen);
        var started = EarlyLoopStart.Begin(services);
        await Until(services, s => s.State == DeviceState.Ready, "Ready");

        started.EndIfHostDidNot();

        var runtime = services.GetRequiredService<ControllerRuntime>();
        var truth = board.Plant.Snapshot();
        Assert.Equal(DeviceState.Off, runtime.Status.Read().State);
        Assert.InRange(truth.PBottleMpa, 0.0, 0.02);
        Assert.InRange(truth.POutMpa, 0.0, 0.02);
        var changes = seen.Changes();
        Assert.Equal(DeviceState.SelfTest, changes[0].To);
        Assert.Contains(changes, c => c.To == DeviceState.Ready);
        Assert.Equal(DeviceState.Off, changes[^1].To);
        Assert.Equal(0, runtime.Events.Dropped);
    }

    [Fact]
    public async Task The_hosts_start_joins_the_running_loop_and_pump_and_its_stop_is_the_only_ending()
    {
        var board = SimulatedBoard.Create(PlantParameters.Default, 3, TimeProvider.System);
        await using var services = Services(board, out var seen);
        var started = EarlyLoopStart.Begin(services);
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        await Until(services, s => s.State == DeviceState.Ready, "Ready");
        for (var i = hosted.Count - 1; i >= 0; i--)
        {
            await hosted[i].StopAsync(CancellationToken.None);
        }

        started.EndIfHostDidNot();

        var runtime = services.GetRequiredService<ControllerRuntime>();
        var ticks = runtime.Scheduler.Timing.Ticks;
        await Task.Delay(100);
        Assert.Equal(ticks, runtime.Scheduler.Timing.Ticks);
        var changes = seen.Changes();
        Assert.Single(changes, c => c.To == DeviceState.SelfTest);
        Assert.Single(changes, c => c.To == DeviceState.ShuttingDown);
        Assert.Equal(DeviceState.Off, changes[^1].To);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private ServiceProvider Services(SimulatedBoard board, out StateChanges seen)
    {
        // A busy test machine must not stop the loop with LoopOverrun: this is about the start and the ending.
        var settings = ControllerSettings.Default with { Safety = ControllerSettings.Default.Safety with { LoopStallS = 1.0, LoopOverrunTicks = 1000 } };
        var runtime = new ControllerRuntime(board, settings, TimeProvider.System, CalibrationSet.Factory);
        board.Post(PlantCommand.PowerSwitch(true));
        var environment = Substitute.For<IHostEnvironment>();
        environment.ContentRootPath.Returns(_data.FullName);
        seen = new StateChanges();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(runtime)
            .AddSingleton(new DeviceOptions { StopTimeoutS = 30.0 })
            .AddSingleton(new RecordsOptions { Directory = _data.FullName })
            .AddSingleton(environment)
            .AddSingleton(Substitute.For<IHostApplicationLifetime>())
            .AddSingleton<LoopClock>()
            .AddSingleton<RecordsWriter>()
            .AddHostedService(sp => sp.GetRequiredService<RecordsWriter>())
            .AddSingleton<IControlEventSink, RecordingSink>()
            .AddSingleton<IControlEventSink>(seen)
            .AddSingleton<EventPump>()
            .AddHostedService(sp => sp.GetRequiredService<EventPump>())
            .AddSingleton<ControlLoopService>()
            .AddHostedService(sp => sp.GetRequiredService<ControlLoopService>());
        return services.BuildServiceProvider();
    }

    private static async Task Until(IServiceProvider services, Func<ControllerStatus, bool> reached, string what)
    {
        var runtime = services.GetRequiredService<ControllerRuntime>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (reached(runtime.Status.Read()))
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"{what} not reached in 30 s (state {runtime.Status.Read().State})");
    }

    private sealed class StateChanges : IControlEventSink
    {
        private readonly List<ControlEvent> _changes = [];

        public void Handle(in ControlEvent controlEvent, in ControllerStatus status)
        {
            if (controlEvent.Kind == ControlEventKind.StateChanged)
            {
                lock (_changes)
                {
                    _changes.Add(controlEvent);
                }
            }
        }

        public List<ControlEvent> Changes()
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }
}
