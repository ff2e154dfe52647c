using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HydroOxygen.FleetBench;

/// <summary>What telemetry adds to the real controller: the same run with it off and on.</summary>
internal sealed record DeviceCostResult(
    double Seconds,
    double LoopCpuOffPercent,
    double LoopCpuOnPercent,
    double OtherCpuOffPercent,
    double OtherCpuOnPercent,
    double RssOffMb,
    double RssOnMb,
    double Published,
    double TicksOff,
    double TicksOn,
    double[] AddedPerPair)
{
    public double AddedCpuPercent => OtherCpuOnPercent - OtherCpuOffPercent;

    public double AddedUsPerPublish => Published > 0 ? AddedCpuPercent / 100 * Seconds * 1e6 / Published : double.NaN;
}

internal static partial class DeviceCost
{
    public const int Pairs = 2;

    public static async Task<DeviceCostResult> RunAsync(BenchOptions options)
    {
        await using var broker = new LocalBroker();
        await broker.StartAsync();
        // Off and on alternately, twice: on a shared machine one pair alone is within the noise.
        var offs = new List<(double LoopPercent, double OtherPercent, double Rss, double Published, double Ticks)>();
        var ons = new List<(double LoopPercent, double OtherPercent, double Rss, double Published, double Ticks)>();
        for (var pair = 0; pair < Pairs; pair++)
        {
            offs.Add(await MeasureAsync(options, broker, telemetry: false));
            ons.Add(await MeasureAsync(options, broker, telemetry: true));
        }

        return new DeviceCostResult(
            options.DeviceSeconds * Pairs,
            offs.Average(r => r.LoopPercent),
            ons.Average(r => r.LoopPercent),
            offs.Average(r => r.OtherPercent),
            ons.Average(r => r.OtherPercent),
            offs.Average(r => r.Rss),
            ons.Average(r => r.Rss),
            ons.Sum(r => r.Published),
            offs.Sum(r => r.Ticks),
            ons.Sum(r => r.Ticks),
            offs.Zip(ons, (off, on) => on.OtherPercent - off.OtherPercent).ToArray());
    }

    private static async Task<(double LoopPercent, double OtherPercent, double Rss, double Published, double Ticks)> MeasureAsync(BenchOptions options, LocalBroker broker, bool telemetry)
    {
        var data = Directory.CreateTempSubdirectory("hydroxy-devicecost-").FullName;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            options.ControllerDll, "--urls=http://127.0.0.1:0", "--Device:Backend=Simulator", "--Records:Directory=" + data, "--Log:Directory=" + data,
            "--Service:Directory=" + data, "--Controller:Safety:LoopStallS=5", "--Controller:Safety:LoopOverrunTicks=1000",
            "--Telemetry:Enabled=" + (telemetry ? "true" : "false"), "--Telemetry:Broker=" + broker.Url, "--Telemetry:Site=bench",
            "--Telemetry:DeviceId=cost-probe", "--Telemetry:SampleIntervalS=1",
        })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/") };
            await Task.Delay(TimeSpan.FromSeconds(15)); // booted, Ready, JIT settled

            var threads0 = ProcessStats.CpuByThread(process.Id);
            var metrics0 = await http.GetStringAsync("metrics");
            await Task.Delay(TimeSpan.FromSeconds(options.DeviceSeconds));
            var threads1 = ProcessStats.CpuByThread(process.Id);
            var metrics1 = await http.GetStringAsync("metrics");
            var rss = ProcessStats.RssMb(process.Id);

            var loop = threads1.GetValueOrDefault("control-loop") - threads0.GetValueOrDefault("control-loop");
            var total = threads1.Values.Sum() - threads0.Values.Sum();
            return (
                100 * loop / options.DeviceSeconds,
                100 * (total - loop) / options.DeviceSeconds,
                rss,
                Value(metrics1, "hydroxy_telemetry_published_total") - Value(metrics0, "hydroxy_telemetry_published_total"),
                Value(metrics1, "hydroxy_loop_ticks_total") - Value(metrics0, "hydroxy_loop_ticks_total"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static double Value(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
