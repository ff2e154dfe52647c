using System.Runtime.InteropServices;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The few Linux calls the timing benchmarks need that .NET does not expose: pinning a thread to
/// a core, a thread's own CPU time, a sub-millisecond sleep and the thread's timer slack.
/// Everything degrades to "not available" off Linux.
/// </summary>
internal static partial class NativeThread
{
    private const int ClockMonotonic = 1;
    private const int ClockThreadCpuTime = 3;
    private const int PrSetTimerSlack = 29;
    private const int PrGetTimerSlack = 30;

    /// <summary>Pins the calling thread to one core; false if the OS refused or is not Linux.</summary>
    public static bool PinCurrentThread(int core)
    {
        if (!OperatingSystem.IsLinux() || core is < 0 or >= 64)
        {
            return false;
        }

        var mask = 1UL << core;
        return SchedSetAffinity(0, sizeof(ulong), ref mask) == 0;
    }

    /// <summary>CPU time the calling thread has used, seconds (NaN off Linux).</summary>
    public static double CurrentThreadCpuSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? time.Seconds + (time.Nanoseconds * 1e-9) : double.NaN;
    }

    /// <summary>Sleeps for a relative time with nanosecond resolution (clock_nanosleep); false off Linux.</summary>
    public static bool NanoSleep(long nanoseconds)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = ClockNanoSleep(ClockMonotonic, 0, ref request, IntPtr.Zero);
        return true;
    }

    /// <summary>Sets the calling thread's timer slack, ns (Linux default 50 µs for normal threads).</summary>
    public static bool SetTimerSlack(long nanoseconds) =>
        OperatingSystem.IsLinux() && Prctl(PrSetTimerSlack, (nuint)nanoseconds, 0, 0, 0) == 0;

    /// <summary>The calling thread's timer slack, ns (-1 off Linux).</summary>
    public static long TimerSlack() => OperatingSystem.IsLinux() ? Prctl(PrGetTimerSlack, 0, 0, 0, 0) : -1;

    /// <summary>Puts the calling thread under SCHED_FIFO; null on success, otherwise why not.</summary>
    public static string? TrySetFifo(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "SCHED_FIFO is Linux only";
        }

        var parameter = priority;
        return SchedSetScheduler(0, 1, ref parameter) == 0
            ? null
            : $"sched_setscheduler(SCHED_FIFO, {priority}) failed with errno {Marshal.GetLastPInvokeError()}";
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref int priority);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanoSleep(int clock, int flags, ref TimeSpec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
