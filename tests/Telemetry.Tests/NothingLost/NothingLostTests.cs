using System.Diagnostics;
using System.Globalization;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Tests.Durability;
using HydroOxygen.Controller.Tests.Records;
using HydroOxygen.Telemetry.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Telemetry.Tests.NothingLost;

/// <summary>
/// DESIGN §3.6 "nothing is lost", measured end to end: the real controller, driven by a technician
/// (pedal, setpoints) over its API, publishing to a real Mosquitto while a collector writes the
/// central database; the broker stopped, the broker killed, the controller killed. At the end every
/// event and every finished session in the device's own records database is in the central one
/// exactly once.
/// </summary>
/// <remarks>
/// CI runs short versions; <c>TELEMETRY_OUTAGE_S=60</c> gives the 60-second broker outage and
/// <c>TELEMETRY_KILLS=50</c> the 50 controller kills (docs/FLEET.md has the runs).
/// </remarks>
[Collection(nameof(Processes))]
public sealed class NothingLostTests(ITestOutputHelper output) : IDisposable
{
    private const string DeviceId = "dev-lossless";
    private readonly TemporaryDirectory _scratch = new("hydroxy-lossless-");

    private string DataDirectory => Directory.CreateDirectory(_scratch.File("device")).FullName;
    private string DeviceDatabase => Path.Combine(DataDirectory, RecordsOptions.DatabaseFileName);
    private string FleetDatabase => _scratch.File("fleet.db");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_broker_stopped_and_restarted_while_the_device_works_loses_nothing()
    {
        var outage = TimeSpan.FromSeconds(LongRunCount.FromEnvironment("TELEMETRY_OUTAGE_S", 8));
        await using var broker = await Mosquitto.StartAsync();
        await using var collector = CollectorRun.Start(broker.Port, FleetDatabase, "collector-a");
        await using var controller = await ControllerProcess.StartAsync(DataDirectory, Args(broker));
        using var stop = new CancellationTokenSource();
        var technician = new Technician(controller);
        var driving = technician.DriveAsync(stop.Token);
        var commanding = CommandAsync(controller, stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(4));
        await broker.StopAsync();
        var stopped = Stopwatch.StartNew();
        await Task.Delay(outage);

        // During the outage: the device works on, and says where its telemetry stands.
        var telemetry = (await controller.StatusAsync()).GetProperty("telemetry");
        Assert.False(telemetry.GetProperty("connected").GetBoolean());
        Assert.Contains("connection refused", telemetry.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var waiting = telemetry.GetProperty("outboxDepth").GetInt64();
        Assert.True(waiting > 0, $"nothing waited in the outbox during the outage: {telemetry}; technician saw {technician.LastState}; {Reconciliation.Compare(DeviceDatabase, FleetDatabase, DeviceId)}\n{controller.Output[^Math.Min(4000, controller.Output.Length)..]}");
        Assert.NotNull(technician.LastState);

        await broker.StartAgainAsync();
        var stoppedFor = stopped.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(driving, commanding);

        var counts = await Reconciliation.WaitCompleteAsync(DeviceDatabase, FleetDatabase, DeviceId, TimeSpan.FromSeconds(60));
        var lines = controller.Output.Split('\n').Count(l => l.Contains("retrying with back-off", StringComparison.Ordinal));
        output.WriteLine($"outage {outage.TotalSeconds:0} s ({stoppedFor.TotalSeconds:0.0} s stopped); {waiting} waited in the outbox; {counts}; " +
            $"collector received {collector.Collector.Received}, kept {collector.Collector.Inserted}, repeats {collector.Collector.Duplicates}; {lines} log line(s) about the outage");
        Assert.True(counts.Complete, counts.ToString());
        Assert.Equal(0, counts.Dropped);
        Assert.True(counts.DeviceEvents > 20, counts.ToString());
        Assert.InRange(lines, 1, 3);
    }

    [Fact]
    public async Task A_broker_killed_mid_flow_three_times_loses_nothing()
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var collector = CollectorRun.Start(broker.Port, FleetDatabase, "collector-a");
        await using var controller = await ControllerProcess.StartAsync(DataDirectory, Args(broker));
        using var stop = new CancellationTokenSource();
        var driving = new Technician(controller).DriveAsync(stop.Token);
        var random = new Random(17_2026);
        for (var kill = 0; kill < 3; kill++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1 + (2 * random.NextDouble())));
            await broker.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await broker.StartAgainAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await driving;

        var counts = await Reconciliation.WaitCompleteAsync(DeviceDatabase, FleetDatabase, DeviceId, TimeSpan.FromSeconds(60));
        output.WriteLine($"3 broker kills; {counts}; collector received {collector.Collector.Received}, kept {collector.Collector.Inserted}, repeats {collector.Collector.Duplicates}");
        Assert.True(counts.Complete, counts.ToString());
        Assert.True(counts.DeviceEvents > 20, counts.ToString());
    }

    /// <summary>
    /// The broker acknowledges (PUBACK) and holds the device's messages for a collector that is
    /// away, then forgets them (a restart without persistence: the worst case of a broker killed
    /// before its save). The device kept them until a collector acknowledged their ids, and offers
    /// them again after its reconnect.
    /// </summary>
    [Fact]
    public async Task A_broker_that_forgets_what_it_acknowledged_while_the_collector_was_away_loses_nothing()
    {
        await using var broker = await Mosquitto.StartAsync(persistence: false);
        var collector = CollectorRun.Start(broker.Port, FleetDatabase, "collector-a");
        await using var controller = await ControllerProcess.StartAsync(DataDirectory, Args(broker));
        using var stop = new CancellationTokenSource();
        var driving = new Technician(controller).DriveAsync(stop.Token);
        var commanding = CommandAsync(controller, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));

        // The collector leaves cleanly: its session, and what is queued for it, stays at the broker.
        await collector.DisposeAsync();
        var collected = Reconciliation.Compare(DeviceDatabase, FleetDatabase, DeviceId);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var held = Reconciliation.Compare(DeviceDatabase, FleetDatabase, DeviceId);
        Assert.True(held.DeviceEvents > collected.DeviceEvents, $"the device recorded nothing while the collector was away: {held}");
        var waiting = (await controller.StatusAsync()).GetProperty("telemetry");
        Assert.True(waiting.GetProperty("outboxAwaitingCollector").GetInt64() > 0, waiting.ToString());

        await broker.KillAsync();
        await broker.StartAgainAsync();
        await using var back = CollectorRun.Start(broker.Port, FleetDatabase, "collector-a");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(driving, commanding);

        var counts = await Reconciliation.WaitCompleteAsync(DeviceDatabase, FleetDatabase, DeviceId, TimeSpan.FromSeconds(60));
        output.WriteLine($"{held.DeviceEvents - collected.DeviceEvents} events recorded while the collector was away, {waiting.GetProperty("outboxAwaitingCollector")} held for it at the broker; {counts}; " +
            $"the collector back received {back.Collector.Received}, kept {back.Collector.Inserted}, repeats {back.Collector.Duplicates}, acknowledged {back.Collector.AcknowledgedIds} ids");
        Assert.True(counts.Complete, counts.ToString());
        Assert.Equal(0, counts.Dropped);

        // And the collector's acknowledgements empty the outbox (the device works on, so allow what is still in flight).
        await controller.WaitForAsync(s => s.GetProperty("telemetry").GetProperty("outboxDepth").GetInt64() < 20, "the outbox emptied by the collector's acknowledgements", TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// The collector (a real <c>fleet collect</c> process) SIGKILLed mid-flow three times while the
    /// broker stays up: batches it had not committed come again from its kept session, and the
    /// device keeps every message until a collector acknowledged its id.
    /// </summary>
    [Fact]
    public async Task A_collector_killed_mid_flow_three_times_loses_nothing()
    {
        await using var broker = await Mosquitto.StartAsync();
        var collector = CollectorProcess.Start(broker.Url, FleetDatabase, "collector-a");

        // A collector killed between its commit and its acknowledgement to the device leaves those
        // messages to the periodic re-offer: 5 s here instead of the default 60 s.
        await using var controller = await ControllerProcess.StartAsync(DataDirectory, [.. Args(broker), "--Telemetry:CollectorAckTimeoutS=5"]);
        using var stop = new CancellationTokenSource();
        var driving = new Technician(controller).DriveAsync(stop.Token);
        var commanding = CommandAsync(controller, stop.Token);
        var random = new Random(17_2027);
        var outputs = new List<string>();
        try
        {
            for (var kill = 0; kill < 3; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 + (2 * random.NextDouble())));
                await collector.KillAsync();
                outputs.Add(collector.Output);
                await collector.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(1));
                collector = CollectorProcess.Start(broker.Url, FleetDatabase, "collector-a");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            await stop.CancelAsync();
            await Task.WhenAll(driving, commanding);

            var counts = await Reconciliation.WaitCompleteAsync(DeviceDatabase, FleetDatabase, DeviceId, TimeSpan.FromSeconds(60));
            output.WriteLine($"3 collector kills; {counts}");
            Assert.True(counts.Complete, $"{counts}\n{string.Join("\n---\n", outputs)}\n---\n{collector.Output}");
            Assert.Equal(0, counts.Dropped);
            Assert.True(counts.DeviceEvents > 20, counts.ToString());
            await controller.WaitForAsync(s => s.GetProperty("telemetry").GetProperty("outboxDepth").GetInt64() < 20, "the outbox emptied by the collector's acknowledgements", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await collector.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_controller_killed_at_random_moments_during_sessions_loses_nothing_and_goes_offline()
    {
        var kills = checked((int)LongRunCount.FromEnvironment("TELEMETRY_KILLS", 6));
        await using var broker = await Mosquitto.StartAsync();
        await using var collector = CollectorRun.Start(broker.Port, FleetDatabase, "collector-a");
        await using var status = await Subscriber.StartAsync(broker.Port, $"hydroxy/salon-a/{DeviceId}/status");
        var random = new Random(8_2027);
        var willDelays = new List<double>();
        var states = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (var kill = 0; kill < kills; kill++)
        {
            var launched = DateTime.UtcNow;
            await using var controller = await ControllerProcess.LaunchAsync(DataDirectory, Args(broker));
            using var stop = new CancellationTokenSource();
            var technician = new Technician(controller);
            var driving = technician.DriveAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(5 * random.NextDouble()));
            var online = status.Messages.Any(m => m.At >= launched && m.Json.GetProperty("online").GetBoolean());
            var killedAt = DateTime.UtcNow;
            await controller.KillAsync();
            await stop.CancelAsync();
            await driving;
            var state = technician.LastState ?? "booting";
            states[state] = states.GetValueOrDefault(state) + 1;

            // Once it had said it was online, the broker says it is not, within the keep-alive (2 s) and a half.
            if (online)
            {
                var will = await status.WaitForAsync(m => m.At >= killedAt && m.Payload == """{"online":false}""", $"the will after kill {kill}", TimeSpan.FromSeconds(4));
                willDelays.Add((will.At - killedAt).TotalSeconds);
            }
        }

        // Started once more and left to boot: what the kills left in the outbox goes out.
        await using (var last = await ControllerProcess.StartAsync(DataDirectory, Args(broker)))
        {
            var counts = await Reconciliation.WaitCompleteAsync(DeviceDatabase, FleetDatabase, DeviceId, TimeSpan.FromSeconds(90));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kills} kills in {clock.Elapsed.TotalSeconds:0} s; states at the kill: {string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; " +
                $"will after {willDelays.Count} kills of an online device: max {(willDelays.Count > 0 ? willDelays.Max() : 0):0.00} s; {counts}; " +
                $"collector received {collector.Collector.Received}, kept {collector.Collector.Inserted}, repeats {collector.Collector.Duplicates}"));
            Assert.True(counts.Complete, counts.ToString());
            Assert.True(counts.DeviceSessions >= 2, counts.ToString());
            Assert.NotEmpty(willDelays);
        }
    }

    /// <summary>
    /// Setpoint changes and acknowledgements every few hundred milliseconds: recorded events (a
    /// command, or a refused one) whatever state the device is in, so that an outage always has
    /// something to hold back, even when a starved loop has put the device in Fault.
    /// </summary>
    private static async Task CommandAsync(ControllerProcess controller, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                var (path, body) = n % 5 == 4 ? ("api/alarms/ack", "{}") : ("api/setpoint", n % 2 == 0 ? """{"mpa": 0.42}""" : """{"mpa": 0.44}""");
                using var response = await controller.Http.PostAsync(path, new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json"), stop);
                await Task.Delay(400, stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // Stopping.
            }
        }
    }

    private static string[] Args(Mosquitto broker) => TelemetryArgs.For(broker.Url, DeviceId, "salon-a", "--Records:CheckpointS=0.5");
}
