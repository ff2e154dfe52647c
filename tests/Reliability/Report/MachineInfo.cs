using System.Globalization;
using System.Runtime.InteropServices;

namespace HydroOxygen.Reliability.Report;

/// <summary>The machine a report was measured on, in one line: figures mean little without it.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{CpuModel()}, {Environment.ProcessorCount} cores, {memoryGiB:F0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
    }

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
