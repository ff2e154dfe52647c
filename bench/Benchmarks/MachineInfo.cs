using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// What a figure was measured on. Timing figures mean nothing without it, and on a shared machine
/// the load average at the time matters as much as the CPU model.
/// </summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string Kernel, string Runtime, string Gc)
{
    public static MachineInfo Current { get; } = Read();

    public string Summary => $"{Cpu}, {Cores} cores, {Os}, {Runtime}";

    /// <summary>The 1-minute load average now (other processes' work competes with ours), or "?" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} / {fields[1]} / {fields[2]}";
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static MachineInfo Read()
    {
        var cpu = ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var os = OsRelease() ?? RuntimeInformation.OSDescription;
        var gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}";
        return new MachineInfo(
            cpu,
            Environment.ProcessorCount,
            os,
            RuntimeInformation.OSDescription,
            $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})",
            gc);
    }

    private static string? ProcField(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static string? OsRelease()
    {
        const string path = "/etc/os-release";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim('"');
            }
        }

        return null;
    }
}
