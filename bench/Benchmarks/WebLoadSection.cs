using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The loop with the web server under load: the built controller on the simulator, held in Ready
/// for the same time with and without a client that keeps the dashboard stream open and sends
/// 200 requests a second to the API (reads, and malformed commands a fuzzing client would send),
/// alternating. The loop timing is the controller's own (<c>LoopTiming</c>, logged as it stops).
/// </summary>
internal static class WebLoadSection
{
    private const double RequestsPerSecond = 200.0;
    private const int Rounds = 2;

    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Loop under web load", options.Command);
        var controller = StartupSection.ControllerPath(options);
        var holdS = options.WebSeconds;
        var rows = new List<IReadOnlyList<string>>();
        var byCase = new Dictionary<bool, List<StartupSection.LoopStop>> { [false] = [], [true] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var loaded in new[] { false, true })
            {
                LoadCounts? counts = null;
                var run = StartupSection.StartOnce(controller, port =>
                {
                    if (loaded)
                    {
                        counts = Load(port, holdS);
                    }
                    else
                    {
                        Thread.Sleep(TimeSpan.FromSeconds(holdS));
                    }
                });
                var name = loaded ? "web load" : "quiet";
                Console.WriteLine($"  round {round + 1}, {name}: {run.LoopTiming}{(counts is null ? "" : $"; {counts}")}");
                if (run.Loop is { } loop)
                {
                    byCase[loaded].Add(loop);
                }

                rows.Add(
                [
                    (round + 1).ToString(CultureInfo.InvariantCulture),
                    name,
                    run.Loop is null ? "—" : run.Loop.Ticks.ToString(CultureInfo.InvariantCulture),
                    run.Loop is null ? "—" : Suites.F(run.Loop.P99Us, "0"),
                    run.Loop is null ? "—" : Suites.F(run.Loop.P999Us, "0"),
                    run.Loop is null ? "—" : Suites.F(run.Loop.MaxUs, "0"),
                    run.Loop is null ? "—" : run.Loop.Overruns.ToString(CultureInfo.InvariantCulture),
                    counts?.ToString() ?? "—",
                ]);
            }
        }

        section.Line(
            $"`dotnet {Path.GetRelativePath(Suites.RepositoryRoot(), controller)}` on the simulator, started as in the start-up section and held in Ready for {Suites.F(holdS, "0")} s, then stopped with SIGTERM; {Rounds} rounds alternating quiet and loaded. " +
            $"**Web load**: from this process, the dashboard's live stream (`GET /api/stream`, read as it comes) kept open, and {Suites.F(RequestsPerSecond, "0")} requests a second on a fixed schedule: " +
            "`GET /api/status`, `GET /api/device`, and `POST /api/setpoint` with malformed or out-of-range bodies, as a fuzzing client sends (each refused, nothing changes). " +
            "Loop lateness (µs) is what the controller logged as it stopped: its whole run, start-up and shutdown sequence included, so the two cases differ only by the load.");
        section.Line();
        section.Table(["Round", "Case", "Ticks", "p99", "p99.9", "Max", "Overruns", "Requests"], rows);
        if (byCase[false].Count > 0 && byCase[true].Count > 0)
        {
            var quiet = byCase[false].Max(l => l.P999Us);
            var busy = byCase[true].Max(l => l.P999Us);
            section.Headline(
                $"Loop under web load (dashboard stream + {Suites.F(RequestsPerSecond, "0")} requests/s): p99.9 lateness {Suites.F(busy, "0")} µs vs {Suites.F(quiet, "0")} µs quiet (worst round of each), " +
                $"max {Suites.F(byCase[true].Max(l => l.MaxUs), "0")} vs {Suites.F(byCase[false].Max(l => l.MaxUs), "0")} µs, overruns {byCase[true].Sum(l => l.Overruns)} vs {byCase[false].Sum(l => l.Overruns)}.");
        }

        return section;
    }

    /// <summary>The client: the stream kept open, and the requests on a fixed schedule whatever the answers take.</summary>
    private static LoadCounts Load(int port, double seconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var counts = new LoadCounts();
        var stream = Task.Run(async () =>
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/api/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stop.Token).ConfigureAwait(false);
                await using var body = await response.Content.ReadAsStreamAsync(stop.Token).ConfigureAwait(false);
                var buffer = new byte[16384];
                int read;
                while ((read = await body.ReadAsync(buffer, stop.Token).ConfigureAwait(false)) > 0)
                {
                    Interlocked.Add(ref counts.StreamBytes, read);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
            {
                // The hold is over (or the server went away).
            }
        });

        var pending = new List<Task>();
        var interval = Stopwatch.Frequency / RequestsPerSecond;
        var next = (double)Stopwatch.GetTimestamp();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            next += interval;
            var wait = (long)next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }

            pending.Add(Send(http, i, counts, stop.Token));
        }

        try
        {
            Task.WaitAll([.. pending, stream], TimeSpan.FromSeconds(15));
        }
        catch (AggregateException)
        {
            // Counted as failures below.
        }

        return counts;
    }

    private static async Task Send(HttpClient http, int index, LoadCounts counts, CancellationToken stop)
    {
        try
        {
            using var request = (index % 4) switch
            {
                0 or 1 => new HttpRequestMessage(HttpMethod.Get, "/api/status"),
                2 => new HttpRequestMessage(HttpMethod.Get, "/api/device"),
                _ => new HttpRequestMessage(HttpMethod.Post, "/api/setpoint")
                {
                    Content = new StringContent(MalformedBodies[index / 4 % MalformedBodies.Length], Encoding.UTF8, "application/json"),
                },
            };
            using var response = await http.SendAsync(request, stop).ConfigureAwait(false);
            _ = await response.Content.ReadAsByteArrayAsync(stop).ConfigureAwait(false);
            if ((int)response.StatusCode < 400)
            {
                Interlocked.Increment(ref counts.Ok);
            }
            else
            {
                Interlocked.Increment(ref counts.Refused);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            Interlocked.Increment(ref counts.Failed);
        }
    }

    private static readonly string[] MalformedBodies =
    [
        "{\"mpa\": 0.95}",
        "{\"mpa\": \"high\"}",
        "{\"mpa\": -1}",
        "{\"mpa\":",
        "[]",
        "{\"MPA\": 1e309}",
    ];

    private sealed class LoadCounts
    {
        public int Ok;
        public int Refused;
        public int Failed;
        public long StreamBytes;

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Ok + Refused + Failed} sent: {Ok} answered 2xx, {Refused} refused 4xx/5xx, {Failed} failed; stream {StreamBytes / 1024} KiB");
    }
}
