using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Persistence;
using HydroOxygen.Controller.Supplies;
using HydroOxygen.Controller.Tests.Hosting;
using HydroOxygen.Controller.Tests.Records;
using Xunit.Abstractions;

namespace HydroOxygen.Controller.Tests.Durability;

/// <summary>
/// DESIGN §2.8: the wear counters survive a SIGKILL without going backwards. The real controller
/// process sprays on the simulator (a technician over the HTTP API) and is killed at random instants,
/// again and again, on the same data directory. After every kill <c>supplies.json</c> is whole and
/// holds at least every count the API said was checkpointed (so a kill never takes more than the last
/// checkpoint's worth); while it runs, and across restarts, no count the API shows ever goes down.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class MaintenanceKillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _data = Directory.CreateTempSubdirectory("hydroxy-wear-kill-").FullName;
    private readonly Dictionary<string, double> _checkpointed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _live = new(StringComparer.Ordinal);
    private readonly List<string> _backwards = [];

    private string[] Arguments => ["--Supplies:CheckpointS=0.5", "--Service:Directory=" + _data];

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Killed_while_spraying_the_wear_counters_keep_their_last_checkpoint_and_never_go_back()
    {
        var kills = DurabilityKills.Count(ciDefault: 8);
        var random = new Random(16_2026);
        var stopwatch = Stopwatch.StartNew();
        double lostWorst = 0;
        for (var kill = 0; kill < kills; kill++)
        {
            await using var controller = await ControllerProcess.LaunchAsync(_data, Arguments);
            using var stop = new CancellationTokenSource();
            var technician = new Technician(controller);
            var driving = technician.DriveAsync(stop.Token);
            var watching = WatchAsync(controller, kill, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(1.0 + (random.NextDouble() * 5.0)));
            await controller.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(driving, watching);

            // What the kill left: a whole file with at least every count the API called checkpointed.
            var load = new SupplyStore(_data).Load();
            Assert.True(load.IsOk, $"kill {kill}: {load.Problem}");
            foreach (var item in Enum.GetValues<WearItem>())
            {
                var name = WearItems.Name(item);
                var kept = load.Value!.Totals.Value(item);
                Assert.True(kept >= _checkpointed.GetValueOrDefault(name) - 1e-4,
                    $"kill {kill}: {name} kept {kept}, below the checkpoint the API showed ({_checkpointed.GetValueOrDefault(name)})");
                lostWorst = Math.Max(lostWorst, (_live.GetValueOrDefault(name) - kept) / Math.Max(1e-9, _live.GetValueOrDefault(name)));
            }
        }

        output.WriteLine($"wear counters: {kills} kills in {stopwatch.Elapsed.TotalSeconds:0} s; last counts: " +
            string.Join(", ", _live.Select(c => $"{c.Key} {c.Value}")) + $"; worst share lost to a kill {lostWorst:P1}");
        Assert.Empty(_backwards);

        // Not vacuous: the device did spray and work its valves across the kills.
        Assert.True(_live.GetValueOrDefault("sprayValveCycles") >= 3, $"spray valve cycles {_live.GetValueOrDefault("sprayValveCycles")}");
        Assert.True(_live.GetValueOrDefault("sourceValveCycles") >= kills, $"source valve cycles {_live.GetValueOrDefault("sourceValveCycles")}");
        Assert.True(_live.GetValueOrDefault("sprayHours") > 0);
    }

    private async Task WatchAsync(ControllerProcess controller, int kill, CancellationToken stop)
    {
        var run = new Dictionary<string, double>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var maintenance = await controller.Http.GetFromJsonAsync<MaintenanceResponse>("api/maintenance", Web, stop);
                foreach (var item in maintenance!.Items)
                {
                    // Never below anything shown before: in this run, or before a kill (restored from the checkpoint).
                    if (item.Value < _checkpointed.GetValueOrDefault(item.Item) - 1e-4 || item.Checkpointed < _checkpointed.GetValueOrDefault(item.Item) - 1e-4)
                    {
                        _backwards.Add($"kill {kill}: {item.Item} shown {item.Value} (checkpointed {item.Checkpointed}) after a checkpoint of {_checkpointed[item.Item]}");
                    }

                    if (run.TryGetValue(item.Item, out var before) && item.Value < before - 1e-4)
                    {
                        _backwards.Add($"kill {kill}: {item.Item} went from {before} to {item.Value} while running");
                    }

                    run[item.Item] = item.Value;

                    _live[item.Item] = item.Value;
                    _checkpointed[item.Item] = Math.Max(_checkpointed.GetValueOrDefault(item.Item), item.Checkpointed);
                }

                await Task.Delay(25, stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or JsonException)
            {
                // Killed under the request, or not listening yet, or stopping.
            }
        }
    }
}
