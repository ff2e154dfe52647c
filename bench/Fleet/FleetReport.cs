using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Controller.Telemetry.Publishing;

namespace HydroOxygen.FleetBench;

/// <summary>docs/FLEET.md: the measured rows, what else ran on the machine, and the extrapolation to 10 000 devices.</summary>
internal sealed class FleetReport(BenchOptions options)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly DateTimeOffset _started = DateTimeOffset.Now;
    private readonly string _loadBefore = Load();
    private readonly string _busiest = Busiest();

    public List<ScaleResult> Scale { get; } = [];

    public DeviceCostResult? Device { get; set; }

    public string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Fleet telemetry: scale and cost (generated)");
        text.AppendLine();
        text.AppendLine("Written by the fleet benchmark; do not edit by hand. Regenerate with:");
        text.AppendLine();
        text.AppendLine("```sh");
        text.AppendLine("dotnet build -c Release bench/Fleet");
        text.AppendLine($"dotnet run -c Release --project bench/Fleet -- {string.Join(' ', options.Args)}");
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine(inv, $"- Date: {_started:yyyy-MM-dd HH:mm zzz} to {DateTimeOffset.Now:HH:mm}; machine: {Environment.ProcessorCount} cores, {Memory()} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; broker: Mosquitto {MosquittoVersion()}.");
        text.AppendLine(inv, $"- Load average before / after: {_loadBefore} / {Load()}. **The machine was shared**: the busiest processes when the run started were {_busiest}. Figures of CPU and latency are therefore pessimistic; regenerate on a quiet machine for ones worth comparing.");
        text.AppendLine("- Virtual devices: each its own MQTT 5 connection with the device's will, publishing the real payload formats: a `telemetry` sample every second (QoS 0), the retained `status` on connecting and every minute (QoS 1), about 4 `events` a minute (QoS 1) and a finished `sessions` record about every 30 minutes (QoS 1). All virtual devices run in one benchmark process.");
        text.AppendLine("- Two `fleet collect` processes (the controller executable) share the events and sessions through `$share/hydroxy-collectors/…` into one SQLite file (WAL, synchronous=FULL), acknowledging after the commit, to the broker and then to each device of the batch (one QoS 1 message per device on its `acks` topic, which each virtual device subscribes to, as the controller does).");
        text.AppendLine();
        text.AppendLine("## Scale");
        text.AppendLine();
        text.AppendLine("| devices | msg/s | events + sessions | failures | telemetry latency p50 / p99 (ms) | event latency to the central row p50 / p99 (ms) | rows kept | broker CPU (% of a core) | broker RSS (MB) | per collector CPU (%) / RSS (MB) | backlog rows/s (2 collectors) | virtual-device side CPU per message (µs) / allocated (KB) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Scale)
        {
            text.AppendLine(inv, $"| {r.Devices} | {r.MessagesPerSecond:0} | {r.Events} + {r.Sessions} | {r.Failures} | {r.TelemetryP50Ms:0.0} / {r.TelemetryP99Ms:0.0} | {r.EventP50Ms:0} / {r.EventP99Ms:0} | {r.RowsKept} of {r.Events + r.Sessions} | {r.BrokerCpuPercent:0.0} | {r.BrokerRssMb:0.0} | {r.CollectorCpuPercent:0.0} / {r.CollectorRssMb:0} | {r.BurstRowsPerSecond:0} ({r.BurstRows} rows) | {r.DeviceSideCpuUsPerMessage:0} / {r.DeviceSideKbPerMessage:0.0} |");
        }

        text.AppendLine();
        text.AppendLine(inv, $"The virtual-device column is the benchmark process's CPU and allocation per message published (JSON and MQTTnet, as on a device); at a handful of devices its own 50 Hz scheduling loop dominates it. Each run lasted {options.Seconds} s after every device had connected (connecting {string.Join(", ", Scale.Select(r => $"{r.Devices}: {r.ConnectSeconds:0.0} s"))}). Event latency runs from the event's own time, set when it is published, to the collector's commit (`received_at`), so it includes the collector's batching (up to 20 ms) and the fsync. The backlog column: with both collectors stopped, {options.Burst} events were queued at the broker for their sessions; then both were started again and the rows committed per second measured from the first commit to the last.");
        text.AppendLine();

        if (Device is { } d)
        {
            text.AppendLine("## What telemetry adds to the controller");
            text.AppendLine();
            text.AppendLine(inv, $"The real controller (simulator backend, 500 Hz, idle in Ready) with `Telemetry:Enabled` false, then true (publishing to a local Mosquitto, `SampleIntervalS` 1), {DeviceCost.Pairs} such pairs of {options.DeviceSeconds} s runs, averaged. CPU per thread from /proc: the `control-loop` thread, and every other thread together.");
            text.AppendLine();
            text.AppendLine("| | control-loop thread (% of a core) | other threads (% of a core) | RSS (MB) | ticks |");
            text.AppendLine("|---|---|---|---|---|");
            text.AppendLine(inv, $"| telemetry off | {d.LoopCpuOffPercent:0.00} | {d.OtherCpuOffPercent:0.00} | {d.RssOffMb:0} | {d.TicksOff:0} |");
            text.AppendLine(inv, $"| telemetry on | {d.LoopCpuOnPercent:0.00} | {d.OtherCpuOnPercent:0.00} | {d.RssOnMb:0} | {d.TicksOn:0} |");
            text.AppendLine();
            var spread = $"{d.AddedPerPair.Min():0.00} to {d.AddedPerPair.Max():0.00} %";
            var perMessage = Scale.OrderByDescending(r => r.Devices).FirstOrDefault();
            text.AppendLine(inv, $"Telemetry added **{d.AddedCpuPercent:0.00} % of one core** on average (the pairs: {spread}; target: under 2 %) for {d.Published:0} messages accepted by the broker, and {d.RssOnMb - d.RssOffMb:0} MB of resident memory (the MQTT client; the OpenTelemetry exporter is there in both runs). {(d.AddedPerPair.Min() > 0 ? "Both pairs agree in sign" : "The pairs disagree in sign: the difference is within the run-to-run noise of the other threads (records checkpoints, the web host, GC)")}; on a shared machine the spread is the honest bound. The publishing itself costs, per message, what the virtual devices measured above{(perMessage is null ? "" : $" ({perMessage.DeviceSideCpuUsPerMessage:0} µs and {perMessage.DeviceSideKbPerMessage:0.0} KB allocated at {perMessage.Devices} devices, JSON and MQTTnet included)")}, under 0.1 % of a core at about 1.1 messages a second; the rest (not measured apart) is describing the status for each sample and the outbox's SQLite poll every 250 ms. Nothing of it runs on the `control-loop` thread: the publisher reads the loop's published snapshot and the records database, and the tick's own allocation-free step is checked by `tests/ClosedLoop.Tests/AllocationTests.cs` (0 bytes per tick); the control-loop thread's CPU with and without telemetry is the row above.");
            text.AppendLine();
        }

        text.AppendLine("## On paper: 10 000 devices on an EMQX cluster");
        text.AppendLine();
        text.AppendLine(Extrapolation());
        return text.ToString();
    }

    private string Extrapolation()
    {
        var inv = CultureInfo.InvariantCulture;
        var sample = JsonSerializer.SerializeToUtf8Bytes(new TelemetrySample(DateTimeOffset.UtcNow, "Ready", "acne", 0.45, new Pressures(0.4012, 0.3697, 0.7506, []), false, 0, 12.5), Web).Length;
        const int devices = 10_000;
        var telemetryRate = devices * 1.0;
        var eventRate = devices * 4.0 / 60;
        var statusRate = devices / 60.0;
        var sessionRate = devices / 1800.0;
        var inbound = telemetryRate + eventRate + statusRate + sessionRate;
        var rows = eventRate + sessionRate;
        var text = new StringBuilder();
        text.AppendLine(inv, $"- Traffic: 10 000 devices × (1 sample/s + 4 events/min + 1 status/min + 1 session/30 min) = **{inbound:0} messages/s** in, of which {eventRate + statusRate + sessionRate:0}/s QoS 1. A sample is {sample} bytes of JSON, so about {telemetryRate * (sample + 60) / 1e6:0.0} MB/s with MQTT and topic overhead. The central database gets **{rows:0} rows/s** (events and sessions; samples are not stored).");
        var largest = Scale.OrderByDescending(r => r.Devices).FirstOrDefault();
        var smallest = Scale.OrderBy(r => r.Devices).FirstOrDefault();
        if (largest is not null && smallest is not null && largest.MessagesPerSecond > 0)
        {
            var cpuPerMessage = largest.BrokerCpuPercent / 100 / largest.MessagesPerSecond;
            var rssPerDevice = largest.Devices >= 100 && largest.Devices > smallest.Devices ? (largest.BrokerRssMb - smallest.BrokerRssMb) / (largest.Devices - smallest.Devices) : double.NaN;
            text.AppendLine(inv, $"- Broker CPU: here Mosquitto used {largest.BrokerCpuPercent:0.0} % of a core for {largest.MessagesPerSecond:0} messages/s ({largest.Devices} devices), {cpuPerMessage * 1e6:0.0} µs per message in and out. Linearly, {inbound:0} messages/s need about **{cpuPerMessage * inbound:0.00} cores** of broker. Mosquitto routes on one thread, so one core is its ceiling, and one broker is one point of failure; an EMQX cluster spreads the connections and the routing over its nodes and keeps serving when one fails: with this per-message cost, {Math.Max(2, (int)Math.Ceiling(cpuPerMessage * inbound / (0.7 * Environment.ProcessorCount)) + 1)} nodes of this machine's size ({Environment.ProcessorCount} cores each, kept under 70 % busy) carry the load with a node to spare.");
            if (!double.IsNaN(rssPerDevice))
            {
                text.AppendLine(inv, $"- Broker memory: {rssPerDevice * 1024:0} KB per connected device here (RSS {smallest.BrokerRssMb:0.0} MB at {smallest.Devices}, {largest.BrokerRssMb:0.0} MB at {largest.Devices}), so about {rssPerDevice * devices:0} MB for 10 000 — small beside any cluster node; EMQX's own per-connection cost differs and is the figure to check on the chain's cluster.");
            }

            // Each batch is acknowledged to every device in it, so the rate with the most devices is the one a chain meets.
            var collectorRate = largest.BurstRowsPerSecond;
            var best = Scale.MaxBy(r => r.BurstRowsPerSecond)!;
            text.AppendLine(inv, $"- Collectors: two collectors into one SQLite file took a backlog from {largest.Devices} devices in at **{collectorRate:0} rows/s** here (acknowledging each batch to every device in it; {best.BurstRowsPerSecond:0} rows/s from {best.Devices}), against the {rows:0} rows/s needed: {collectorRate / rows:0.0}× headroom. A chain's collectors write to PostgreSQL (`--db postgres://…`), where more collectors in the same `$share` group add throughput, since each commits its own batches.");
            text.AppendLine(inv, $"- Latency: at {largest.Devices} devices an event reached its central row in {largest.EventP50Ms:0} ms (p50) / {largest.EventP99Ms:0} ms (p99), a sample its subscriber in {largest.TelemetryP50Ms:0.0} / {largest.TelemetryP99Ms:0.0} ms, on a loaded 2-core machine; the network between salons and the cluster adds its round trip.");
        }

        text.AppendLine("- The sample rate is the lever: samples are 90 % of the traffic. `Telemetry:SampleIntervalS` 5 cuts the load to about a fifth; the events, sessions and status are unchanged, and nothing of them is lost whatever the broker does (the outbox keeps each message until a collector acknowledges its id, re-offers after a reconnect, de-duplication by id).");
        return text.ToString();
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? "?" : (double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024).ToString("0", CultureInfo.InvariantCulture);
    }

    private static string MosquittoVersion() => Run("/usr/sbin/mosquitto", "-h").Split('\n').FirstOrDefault(l => l.Contains("version", StringComparison.Ordinal))?.Split(' ').LastOrDefault()?.Trim() ?? "?";

    private static string Busiest()
    {
        var lines = Run("ps", "-eo", "pcpu=,comm=,args=", "--sort=-pcpu").Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(6);
        return string.Join("; ", lines.Select(l =>
        {
            var parts = l.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            var what = parts.Length > 2 ? parts[2] : parts.ElementAtOrDefault(1) ?? "";
            what = what.Length > 70 ? what[..70] + "…" : what;
            return $"{parts[0]} % {what.Replace('|', '/')}";
        }));
    }

    private static string Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
