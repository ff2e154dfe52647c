using System.Runtime.InteropServices;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// Puts the calling thread under SCHED_FIFO. <see cref="Thread.Priority"/> does nothing on Linux;
/// this is the real thing, allowed to an unprivileged service up to its RLIMIT_RTPRIO
/// (<c>LimitRTPRIO=</c> in the systemd unit).
/// </summary>
internal static partial class RealtimeScheduling
{
    private const int SchedFifo = 1;

    /// <returns>null on success, otherwise why it failed.</returns>
    public static string? TryMakeCurrentThreadFifo(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real-time scheduling is only set up on Linux";
        }

        var parameter = new SchedParam { Priority = priority };
        return SchedSetScheduler(0, SchedFifo, ref parameter) == 0
            ? null
            : $"sched_setscheduler(SCHED_FIFO, {priority}) failed with errno {Marshal.GetLastPInvokeError()} (is LimitRTPRIO high enough?)";
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref SchedParam param);
}
