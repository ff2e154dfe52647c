using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSubstitute;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// The host's stop (SIGTERM, Ctrl+C, systemd stop) is the device's shutdown sequence from every state,
/// Fault included (DESIGN §2.5, stored pressure is never left silently). Issue 12, finding 3: in Fault
/// the service returned at once and the process exited with the bottle charged and nothing said.
/// The real loop service on its own thread, in real time, against the simulated plant.
/// </summary>
[Collection(nameof(StopFromFaultTests))]
public sealed class StopFromFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_the_service_in_Fault_runs_the_shutdown_sequence_and_vents_the_bottle()
    {
        using var rig = Rig.Start(ControllerSettings.Default);
        await rig.ChargedAndReady();
        rig.Board.Post(PlantCommand.Inject(new FaultSpec(FaultKind.SensorDisconnected, FaultTarget.PSrc)));
        await rig.Until(s => s.State == DeviceState.Fault, "Fault");
        Assert.True(rig.Board.Plant.Snapshot().PBottleMpa > 0.3, "the faulted device holds its bottle's charge");

        await rig.Service.StopAsync(CancellationToken.None);

        var truth = rig.Board.Plant.Snapshot();
        output.WriteLine(rig.Log.Text);
        output.WriteLine($"after the stop: {rig.Runtime.Status.Read().State}, true P_out {truth.POutMpa:F3}, P_bottle {truth.PBottleMpa:F3} MPa");
        Assert.Equal(DeviceState.Off, rig.Runtime.Status.Read().State);
        Assert.InRange(truth.PBottleMpa, 0.0, 0.02);
        Assert.InRange(truth.POutMpa, 0.0, 0.02);
        Assert.Contains("Shutdown sequence ended in Off", rig.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_that_cannot_confirm_the_vent_says_the_bottle_may_be_under_pressure()
    {
        var settings = ControllerSettings.Default with { Sequence = new SequenceSettings { ShutdownTimeoutS = 2.0 } };
        using var rig = Rig.Start(settings);
        await rig.ChargedAndReady();
        rig.Board.Post(PlantCommand.Inject(new FaultSpec(FaultKind.SensorDisconnected, FaultTarget.PBottle)));
        await rig.Until(s => s.State == DeviceState.Fault, "Fault");

        await rig.Service.StopAsync(CancellationToken.None);

        output.WriteLine(rig.Log.Text);
        var status = rig.Runtime.Status.Read();
        Assert.Equal(DeviceState.Fault, status.State);
        Assert.True(status.BottleUnderPressure);
        Assert.Contains("do not open", rig.Log.Text, StringComparison.Ordinal);
    }

    private sealed class Rig : IDisposable
    {
        private Rig(ControllerRuntime runtime, SimulatedBoard board)
        {
            Runtime = runtime;
            Board = board;
            Service = new ControlLoopService(runtime, new DeviceOptions { StopTimeoutS = 30.0 }, Substitute.For<IHostApplicationLifetime>(), Log);
        }

        public ControllerRuntime Runtime { get; }
        public SimulatedBoard Board { get; }
        public ControlLoopService Service { get; }
        public ListLogger Log { get; } = new();

        public static Rig Start(ControllerSettings settings)
        {
            // A busy test machine must not stop the loop with LoopOverrun: this is about the ending.
            settings = settings with { Safety = settings.Safety with { LoopStallS = 1.0, LoopOverrunTicks = 1000 } };
            var board = SimulatedBoard.Create(PlantParameters.Default, 3, TimeProvider.System);
            var rig = new Rig(new ControllerRuntime(board, settings, TimeProvider.System, CalibrationSet.Factory), board);
            board.Post(PlantCommand.PowerSwitch(true));
            rig.Service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            return rig;
        }

        public Task ChargedAndReady() =>
            Until(s => s.State == DeviceState.Ready && s.PBottleMpa > s.SetpointMpa - 0.03, "Ready with a charged bottle");

        public async Task Until(Func<ControllerStatus, bool> reached, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                if (reached(Runtime.Status.Read()))
                {
                    return;
                }

                await Task.Delay(10);
            }

            Assert.Fail($"{what} not reached in 30 s (state {Runtime.Status.Read().State})");
        }

        public void Dispose()
        {
            Service.Dispose();
            Runtime.Dispose();
        }
    }

    private sealed class ListLogger : ILogger<ControlLoopService>
    {
        private readonly List<string> _lines = [];

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join(Environment.NewLine, _lines);
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}

[CollectionDefinition(nameof(StopFromFaultTests), DisableParallelization = true)]
public sealed class StopFromFaultTestsCollection;
