using HydroOxygen.Controller.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using NSubstitute;

namespace HydroOxygen.Controller.Tests.Hosting;

/// <summary>systemd's watchdog: the timeout read as sd_watchdog_enabled(3) reads it, and a kick is WATCHDOG=1.</summary>
public sealed class SystemdWatchdogTests
{
    private const int Pid = 4242;

    [Fact]
    public void A_kick_notifies_systemd_with_WATCHDOG_1()
    {
        var notifier = Substitute.For<ISystemdNotifier>();

        new SystemdWatchdog(notifier).Kick();

        notifier.Received(1).Notify(Arg.Is<ServiceState>(s => s.ToString() == "WATCHDOG=1"));
    }

    [Theory]
    [InlineData("5000000", null, 5000.0)]
    [InlineData("5000000", "4242", 5000.0)]
    [InlineData("250000", null, 250.0)]
    public void The_timeout_comes_from_WATCHDOG_USEC(string usec, string? pid, double expectedMs)
    {
        Assert.True(SystemdWatchdog.TryReadTimeout(usec, pid, Pid, out var timeout));
        Assert.Equal(expectedMs, timeout.TotalMilliseconds);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("-5000000", null)]
    [InlineData("5s", null)]
    [InlineData(" 5000000", null)]
    [InlineData("99999999999999999999", null)]
    [InlineData("5000000", "1")]
    [InlineData("5000000", "not-a-pid")]
    public void No_heartbeat_without_a_valid_timeout_meant_for_this_process(string? usec, string? pid)
    {
        Assert.False(SystemdWatchdog.TryReadTimeout(usec, pid, Pid, out _));
    }
}
