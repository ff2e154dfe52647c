using System.Globalization;

namespace HydroOxygen.FleetBench;

/// <summary>CPU time and resident memory of a process (and of its threads by name) from /proc.</summary>
internal static class ProcessStats
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    /// <summary>User + system CPU seconds of the process.</summary>
    public static double CpuSeconds(int pid) => CpuOf($"/proc/{pid}/stat");

    /// <summary>CPU seconds of the process's threads, by thread name.</summary>
    public static Dictionary<string, double> CpuByThread(int pid)
    {
        var byName = new Dictionary<string, double>();
        foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                byName[name] = byName.GetValueOrDefault(name) + CpuOf(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return byName;
    }

    /// <summary>Resident memory, MB.</summary>
    public static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }

    private static double CpuOf(string statFile)
    {
        var stat = File.ReadAllText(statFile);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
