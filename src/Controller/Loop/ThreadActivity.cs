using System.Runtime.InteropServices;

namespace HydroOxygen.Controller.Loop;

/// <summary>
/// What the kernel counted for the calling thread (<c>getrusage(RUSAGE_THREAD)</c>): the times it
/// lost the CPU while it could have run (involuntary context switches) and its page faults. The
/// loop reads it before every wait, and again after a late one, to tell what made a tick late; one
/// system call, no allocation.
/// </summary>
internal readonly partial record struct ThreadActivity(long InvoluntarySwitches, long PageFaults)
{
    private const int RusageThread = 1;

    /// <summary>False off 64-bit Linux (the layout read here) or if the call fails.</summary>
    public static bool TryRead(out ThreadActivity activity)
    {
        activity = default;
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return false;
        }

        var usage = default(Rusage);
        if (GetRusage(RusageThread, ref usage) != 0)
        {
            return false;
        }

        activity = new ThreadActivity(usage.InvoluntarySwitches, usage.MinorFaults + usage.MajorFaults);
        return true;
    }

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentSet;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, ref Rusage usage);
}
