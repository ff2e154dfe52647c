using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Loop;
using HydroOxygen.Hal;
using HydroOxygen.Simulator.Devices;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace HydroOxygen.Controller.Tests.Hosting;

/// <summary>The watchdog is kicked only while the control loop's ticks progress (DESIGN §2.5).</summary>
public sealed class LoopHeartbeatTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(2500);

    private readonly ManualTimers _clock = new();
    private readonly LoopTiming _timing = new();
    private readonly IWatchdog _watchdog = Substitute.For<IWatchdog>();
    private readonly LoopHeartbeat _heartbeat;

    public LoopHeartbeatTests()
    {
        _heartbeat = new LoopHeartbeat(_watchdog, _timing, Period, _clock, NullLogger<LoopHeartbeat>.Instance);
        _heartbeat.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _heartbeat.Dispose();

    [Fact]
    public void Kicks_once_a_period_while_the_loop_ticks()
    {
        for (var beat = 0; beat < 4; beat++)
        {
            Ticks(1250);
            _clock.Advance(Period);
        }

        _watchdog.Received(4).Kick();
    }

    [Fact]
    public void Nothing_is_kicked_before_the_first_period_ends()
    {
        Ticks(1000);
        _clock.Advance(Period - TimeSpan.FromMilliseconds(1));

        _watchdog.DidNotReceive().Kick();
    }

    [Fact]
    public void A_stalled_loop_gets_no_kick()
    {
        Ticks(1250);
        _clock.Advance(Period);
        _watchdog.ClearReceivedCalls();

        // Stalled: no tick for three periods.
        _clock.Advance(Period * 3);

        _watchdog.DidNotReceive().Kick();
    }

    [Fact]
    public void Kicks_resume_once_the_loop_ticks_again()
    {
        _clock.Advance(Period * 2);
        _watchdog.DidNotReceive().Kick();

        Ticks(1);
        _clock.Advance(Period);

        _watchdog.Received(1).Kick();
    }

    [Fact]
    public async Task A_stopped_heartbeat_kicks_no_more()
    {
        await _heartbeat.StopAsync(CancellationToken.None);

        Ticks(1250);
        _clock.Advance(Period * 2);

        _watchdog.DidNotReceive().Kick();
    }

    [Fact]
    public async Task A_simulated_watchdog_kicked_by_a_ticking_loop_never_resets_the_device()
    {
        var watchdog = new SimulatedWatchdog(_clock, SimulatedWatchdog.DefaultTimeout);
        using var heartbeat = new LoopHeartbeat(watchdog, _timing, SimulatedWatchdog.DefaultTimeout / 2, _clock, NullLogger<LoopHeartbeat>.Instance);
        await heartbeat.StartAsync(CancellationToken.None);

        for (var beat = 0; beat < 10; beat++)
        {
            Ticks(1250);
            _clock.Advance(SimulatedWatchdog.DefaultTimeout / 2);
        }

        Assert.Equal(10, watchdog.Kicks);
        Assert.False(watchdog.WouldHaveReset);
    }

    [Fact]
    public async Task A_simulated_watchdog_behind_a_stalled_loop_would_have_reset_the_device()
    {
        var watchdog = new SimulatedWatchdog(_clock, SimulatedWatchdog.DefaultTimeout);
        using var heartbeat = new LoopHeartbeat(watchdog, _timing, SimulatedWatchdog.DefaultTimeout / 2, _clock, NullLogger<LoopHeartbeat>.Instance);
        await heartbeat.StartAsync(CancellationToken.None);
        Ticks(1250);
        _clock.Advance(SimulatedWatchdog.DefaultTimeout / 2);

        _clock.Advance(SimulatedWatchdog.DefaultTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(watchdog.WouldHaveReset);
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(watchdog.WouldHaveReset);

        // The loop recovers and kicks again: a reset that happened is not undone.
        Ticks(1);
        _clock.Advance(SimulatedWatchdog.DefaultTimeout / 2);
        Assert.Equal(2, watchdog.Kicks);
        Assert.True(watchdog.WouldHaveReset);
    }

    private void Ticks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _timing.Record(latenessUs: 10, periodUs: 2000, stepUs: 50, overrun: false, skippedDeadlines: 0);
        }
    }
}
