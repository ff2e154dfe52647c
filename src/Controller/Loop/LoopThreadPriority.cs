using System.Runtime.InteropServices;

namespace HydroOxygen.Controller.Loop;

/// <summary>
/// Raises the loop thread within the normal scheduler to nice −20, so that when its sleep ends the
/// kernel runs it at once instead of after the busy threads' time slices. Under SCHED_FIFO (as on
/// the Pi) nice does not matter; without CAP_SYS_NICE it is refused and the thread keeps its nice.
/// </summary>
/// <remarks><see cref="Thread.Priority"/> does nothing on Linux; nice is per thread there.</remarks>
internal static partial class LoopThreadPriority
{
    public const int HighestNice = -20;

    private const int PrioProcess = 0;
    private const int SchedOther = 0;

    /// <summary>
    /// Tries to set the calling thread's nice to <see cref="HighestNice"/>; returns the nice it has
    /// afterwards, or null off Linux and for a thread already under a real-time policy.
    /// </summary>
    public static int? TryRaiseCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // A real-time thread (SCHED_FIFO, as on the Pi) is left alone: nice does not apply to it,
        // and sched_setattr with SCHED_OTHER below would take it out of the real-time class.
        if (SchedGetScheduler(0) != SchedOther)
        {
            return null;
        }

        // who = 0 is the calling thread: Linux keeps a nice value per thread.
        _ = SetPriority(PrioProcess, 0, HighestNice);
        Marshal.SetLastPInvokeError(0);
        var nice = GetPriority(PrioProcess, 0);
        if (nice == -1 && Marshal.GetLastPInvokeError() != 0)
        {
            return null;
        }

        RequestShortSlice(nice);
        return nice;
    }

    /// <summary>
    /// Asks the EEVDF scheduler (Linux 6.12+) for a short time slice: a waking thread with a shorter
    /// slice has an earlier virtual deadline and preempts the running one, across cgroups and
    /// session groups too. Allowed without privilege; older kernels ignore or refuse it.
    /// </summary>
    private static bool RequestShortSlice(int nice)
    {
        var attributes = new SchedAttr
        {
            Size = (uint)Marshal.SizeOf<SchedAttr>(),
            Policy = SchedOther,
            Nice = nice,
            Runtime = ShortSliceNanoseconds,
        };
        return SchedSetAttr(0, ref attributes, 0) == 0;
    }

    /// <summary>The shortest slice the kernel accepts (0.1 ms).</summary>
    private const ulong ShortSliceNanoseconds = 100_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedAttr
    {
        public uint Size;
        public uint Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public ulong Runtime;
        public ulong Deadline;
        public ulong Period;
    }

    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int SchedGetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, ref SchedAttr attributes, uint flags);

    private static int SchedSetAttr(int pid, ref SchedAttr attributes, uint flags) =>
        (int)Syscall(SysSchedSetAttr, pid, ref attributes, flags);

    private static long SysSchedSetAttr => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => 274,
        Architecture.Arm => 380,
        _ => 314, // x64
    };

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, uint who);
}
