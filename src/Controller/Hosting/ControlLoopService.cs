using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Loop;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// Runs the control loop on its own thread for the life of the host, and turns the host's stop
/// (SIGTERM, Ctrl+C, systemd stop) into the device's shutdown sequence before letting go.
/// </summary>
/// <remarks>
/// The loop thread is the only thread that touches the board. If anything escapes a tick, the loop
/// forces the hardware safe at once, reports the fault, and stops the application with a non-zero
/// exit code so that systemd restarts it; the process never carries on with a loop it cannot trust.
/// </remarks>
public sealed class ControlLoopService(
    ControllerRuntime runtime,
    DeviceOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<ControlLoopService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private Exception? _fault;
    private int _stopping;
    private long _origin;
    private GcCounters _steadyFrom;
    private GcCounters? _steadyGc;

    /// <summary>Set when the loop died of an exception; the host then exits non-zero.</summary>
    public Exception? LoopFault => Volatile.Read(ref _fault);

    /// <summary>Whether the loop has been stopped (<see cref="StopAsync"/> ran or is running).</summary>
    public bool Stopped => Volatile.Read(ref _stopping) != 0;

    /// <summary>
    /// Starts the loop thread unless it runs already: the controller starts it before the web host
    /// starts (once the event pump reads its events), and the host's start then finds it running.
    /// </summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _origin = runtime.Clock.GetTimestamp();
        _thread = new Thread(RunLoop)
        {
            Name = "control-loop",
            IsBackground = false,
            Priority = ThreadPriority.Highest,
        };
        _thread.Start();
        logger.LogInformation(
            "Control loop started at {Rate} Hz on the {Backend} backend",
            runtime.Core.Settings.LoopRateHz,
            runtime.Board.BackendName);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Start();

        // Start-up ends when the host has started (Kestrel listening, every service running): the
        // steady state after it is what the loop's timing targets are about.
        lifetime.ApplicationStarted.Register(() =>
        {
            _steadyFrom = GcCounters.Now();
            runtime.Scheduler.Timing.EnterPhase(LoopPhase.Steady);
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs the shutdown sequence (unless the loop failed), stops the loop thread and forces the
    /// outputs safe; once only — a start that failed after the loop began calls it outside the host.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            return;
        }

        if (runtime.Scheduler.Timing.Phase == LoopPhase.Steady)
        {
            _steadyGc = GcCounters.Now().Since(_steadyFrom);
        }

        runtime.Scheduler.Timing.EnterPhase(LoopPhase.Stopping);
        if (_thread is { IsAlive: true } && LoopFault is null)
        {
            await ShutDownDeviceAsync(cancellationToken).ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _thread?.Join(TimeSpan.FromSeconds(5));
        runtime.ForceSafe();
        var timing = runtime.Scheduler.Timing.Snapshot();
        logger.LogInformation(
            "Control loop stopped after {Ticks} ticks (lateness p99 {P99:F0} µs, p99.9 {P999:F0} µs, max {Max:F0} µs, {Overruns} overruns; thread nice {Nice}); outputs in the safe state",
            timing.Ticks,
            timing.LatenessP99Us,
            timing.LatenessP999Us,
            timing.LatenessMaxUs,
            timing.Overruns,
            runtime.Scheduler.ThreadNice?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
        LogPhases(runtime.Scheduler.Timing);
    }

    /// <summary>The run's timing by phase, and what the loop saw during its late steady-state ticks.</summary>
    private void LogPhases(LoopTiming timing)
    {
        var startUp = timing.Snapshot(LoopPhase.StartUp);
        var steady = timing.Snapshot(LoopPhase.Steady);
        var stopping = timing.Snapshot(LoopPhase.Stopping);
        logger.LogInformation(
            "Control loop lateness by phase: start-up {StartTicks} ticks (p99.9 {StartP999:F0} µs, max {StartMax:F0} µs, {StartOverruns} overruns); steady {SteadyTicks} ticks (p99 {SteadyP99:F0} µs, p99.9 {SteadyP999:F0} µs, max {SteadyMax:F0} µs, {SteadyOverruns} overruns); stopping {StopTicks} ticks (p99.9 {StopP999:F0} µs, max {StopMax:F0} µs, {StopOverruns} overruns)",
            startUp.Ticks,
            startUp.LatenessP999Us,
            startUp.LatenessMaxUs,
            startUp.Overruns,
            steady.Ticks,
            steady.LatenessP99Us,
            steady.LatenessP999Us,
            steady.LatenessMaxUs,
            steady.Overruns,
            stopping.Ticks,
            stopping.LatenessP999Us,
            stopping.LatenessMaxUs,
            stopping.Overruns);
        logger.LogInformation(
            "Control loop late ticks (> {Threshold:F0} µs) at start-up: {StartUp} {StartUpCauses}; stopping: {Stopping} {StoppingCauses}",
            LoopTiming.LateThresholdUs,
            startUp.LateTicks.Total,
            startUp.LateTicks.Breakdown(),
            stopping.LateTicks.Total,
            stopping.LateTicks.Breakdown());
        var late = steady.LateTicks;
        var gc = _steadyGc ?? default;
        logger.LogInformation(
            "Control loop steady state: {Late} ticks later than {Threshold:F0} µs {Causes}; garbage collections {Gen0}/{Gen1}/{Gen2} (gen 0/1/2), {PausedMs:F1} ms paused, {AllocatedKb} KB allocated",
            late.Total,
            LoopTiming.LateThresholdUs,
            late.Breakdown(),
            gc.Gen0,
            gc.Gen1,
            gc.Gen2,
            gc.Paused.TotalMilliseconds,
            gc.AllocatedBytes / 1024);
    }

    /// <summary>
    /// Every ending vents what can be vented (DESIGN §2.5), from Fault too: a faulted device has its
    /// outputs safe but its bottle sealed, and once the process is gone nothing will ever open the
    /// charge valve again. Whatever cannot be vented is said in the log before the process goes.
    /// </summary>
    private async Task ShutDownDeviceAsync(CancellationToken cancellationToken)
    {
        var state = runtime.Status.Read().State;
        if (state is DeviceState.Off)
        {
            ReportStoredPressure();
            return;
        }

        logger.LogInformation("Stop requested: running the shutdown sequence (from {State})", state);
        var frequency = runtime.Clock.TimestampFrequency;
        var deadline = runtime.Clock.GetTimestamp() + (long)(options.StopTimeoutS * frequency);
        var started = state == DeviceState.ShuttingDown;
        var posted = runtime.Clock.GetTimestamp();
        runtime.Commands.TryPost(ControlCommand.Shutdown());
        while (runtime.Clock.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            state = runtime.Status.Read().State;
            started |= state == DeviceState.ShuttingDown;

            // Off ends it; so does Fault, but only once the sequence has run (it started from Fault).
            if (state == DeviceState.Off || (started && state == DeviceState.Fault))
            {
                logger.LogInformation("Shutdown sequence ended in {State}", state);
                ReportStoredPressure();
                return;
            }

            if (!started && runtime.Clock.GetTimestamp() - posted > frequency / 2)
            {
                // Not taken up within half a second (the command queue was full): ask again.
                posted = runtime.Clock.GetTimestamp();
                runtime.Commands.TryPost(ControlCommand.Shutdown());
            }

            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }

        logger.LogWarning("Shutdown sequence did not finish in {Seconds} s; forcing the safe state", options.StopTimeoutS);
        ReportStoredPressure();
    }

    private void ReportStoredPressure()
    {
        var status = runtime.Status.Read();
        if (status.BottleUnderPressure || status.State is not DeviceState.Off)
        {
            // Also a sequence cut short: with the charge valve de-energized the bottle keeps whatever it holds.
            if (status.PBottleDoubted || status.PBottleMpa >= runtime.Core.Settings.Sequence.ShutdownVentedBelowMpa)
            {
                logger.LogWarning("The process stops with the {Warning}", BottleWarning.Text(status.PBottleMpa, status.PBottleDoubted));
            }
        }
    }

    public void Dispose()
    {
        // A loop nobody stopped (a start that failed before anything could) stops here, outputs safe.
        if (_thread is { IsAlive: true } thread)
        {
            _stop.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
            runtime.ForceSafe();
        }

        _stop.Dispose();
    }

    private void RunLoop()
    {
        if (options.LoopRealtimePriority > 0)
        {
            var problem = RealtimeScheduling.TryMakeCurrentThreadFifo(options.LoopRealtimePriority);
            if (problem is null)
            {
                logger.LogInformation("Control loop thread runs SCHED_FIFO at priority {Priority}", options.LoopRealtimePriority);
            }
            else
            {
                logger.LogWarning("Control loop thread stays under the normal scheduler: {Problem}", problem);
            }
        }

        var frequency = (double)runtime.Clock.TimestampFrequency;
        try
        {
            runtime.Scheduler.Run(
                (started, overruns) =>
                {
                    runtime.Cycle.Run(started, (started - _origin) / frequency, overruns);
                    runtime.Status.Publish(in runtime.Core.Status);
                },
                _stop.Token);
        }
        catch (Exception ex)
        {
            runtime.ForceSafe();
            Volatile.Write(ref _fault, ex);
            logger.LogCritical(ex, "The control loop failed; outputs forced safe, stopping the service");
            lifetime.StopApplication();
        }
    }
}
