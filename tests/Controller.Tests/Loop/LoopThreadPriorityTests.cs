using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Loop;

namespace HydroOxygen.Controller.Tests.Loop;

/// <summary>
/// What the scheduler asks of the OS for its thread: nice −20 under the normal scheduler, and
/// nothing that would take a real-time (SCHED_FIFO, as on the Pi) thread out of its class.
/// </summary>
public sealed class LoopThreadPriorityTests
{
    private const string SchedFifo = "1";

    [Fact]
    public void A_real_time_loop_thread_is_still_real_time_on_its_ticks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (refused, policy, nice) = OnOwnThread(() => RealtimeScheduling.TryMakeCurrentThreadFifo(1));
        if (refused is not null)
        {
            // Only a privileged process may use SCHED_FIFO; CI runs as root, where it must be allowed.
            Assert.False(Environment.UserName == "root", $"root was refused SCHED_FIFO: {refused}");
            return;
        }

        Assert.Equal(SchedFifo, policy);
        Assert.Null(nice);
    }

    [Fact]
    public void A_normal_loop_thread_asks_for_nice_minus_20()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (_, policy, nice) = OnOwnThread(() => null);

        Assert.Equal("0", policy);
        if (Environment.UserName == "root")
        {
            Assert.Equal(LoopThreadPriority.HighestNice, nice);
        }
        else
        {
            Assert.NotNull(nice);
        }
    }

    /// <summary>Runs a scheduler for one tick on a new thread set up by <paramref name="setUp"/>; the thread's policy as seen from the tick.</summary>
    private static (string? Refused, string? Policy, int? Nice) OnOwnThread(Func<string?> setUp)
    {
        string? refused = null;
        string? policy = null;
        int? nice = null;
        var thread = new Thread(() =>
        {
            refused = setUp();
            if (refused is not null)
            {
                return;
            }

            var scheduler = new LoopScheduler(TimeProvider.System, 500.0);
            using var stop = new CancellationTokenSource();
            scheduler.Run(
                (_, _) =>
                {
                    policy = SchedulingPolicy();
                    stop.Cancel();
                },
                stop.Token);
            nice = scheduler.ThreadNice;
        });
        thread.Start();
        thread.Join();
        return (refused, policy, nice);
    }

    /// <summary>Field 41 of /proc/thread-self/stat: the calling thread's scheduling policy.</summary>
    private static string SchedulingPolicy()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[41 - 3];
    }
}
