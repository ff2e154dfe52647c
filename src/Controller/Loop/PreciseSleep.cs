using System.Runtime.InteropServices;

namespace HydroOxygen.Controller.Loop;

/// <summary>
/// A sleep with sub-millisecond resolution for the loop thread, where <see cref="Thread.Sleep(TimeSpan)"/>
/// truncates to whole milliseconds (docs/DECISIONS.md, "The loop's sleep").
/// </summary>
/// <remarks>
/// On Linux <c>clock_nanosleep(CLOCK_MONOTONIC)</c> with the timer slack cut to 1 ns; elsewhere
/// Thread.Sleep, and the scheduler's spin makes up the difference.
/// </remarks>
internal static partial class PreciseSleep
{
    private const int ClockMonotonic = 1;
    private const int PrSetTimerSlack = 29;

    /// <summary>Sets up the calling thread for precise sleeps; false if it could not (not Linux, or refused).</summary>
    public static bool PrepareCurrentThread() =>
        OperatingSystem.IsLinux() && Prctl(PrSetTimerSlack, 1, 0, 0, 0) == 0;

    /// <summary>Sleeps about <paramref name="duration"/> timestamp units; it may end early (a signal), never much late.</summary>
    public static void For(long duration, long frequency)
    {
        if (duration <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            var nanoseconds = (long)(duration * (1e9 / frequency));
            var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            _ = ClockNanoSleep(ClockMonotonic, 0, ref request, IntPtr.Zero);
            return;
        }

        Thread.Sleep(TimeSpan.FromSeconds((double)duration / frequency));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanoSleep(int clock, int flags, ref TimeSpec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
