using System.Runtime.InteropServices;

namespace HydroOxygen.Benchmarks;

/// <summary>SIGTERM for a child process: <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL.</summary>
internal static partial class NativeProcess
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to stop as systemd would; false if the signal could not be sent.</summary>
    public static bool Terminate(int pid) => OperatingSystem.IsLinux() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
