using System.Text.Json;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary><c>GET /api/stream</c>: server-sent events a browser's EventSource can read.</summary>
public sealed class StreamApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.ReadyAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_stream_sends_the_status_the_last_minute_then_live_samples()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await _api.Http.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var events = new List<(string Event, JsonElement Data)>();
        while (events.Count(e => e.Event == "sample") < 5)
        {
            events.Add(await NextEvent(reader, cancel.Token));
        }

        Assert.Equal("status", events[0].Event);
        Assert.Equal("Ready", events[0].Data.GetProperty("state").GetString());
        Assert.Equal("history", events[1].Event);
        Assert.True(events[1].Data.GetArrayLength() > 0);
        var samples = events.Where(e => e.Event == "sample").Select(e => e.Data).ToList();
        Assert.All(samples, s =>
        {
            Assert.InRange(s.GetProperty("outMpa").GetDouble(), s.GetProperty("outMinMpa").GetDouble(), s.GetProperty("outMaxMpa").GetDouble());
            Assert.True(s.TryGetProperty("bottleMpa", out _));
            Assert.True(s.TryGetProperty("srcMpa", out _));
            Assert.Equal(0.40, s.GetProperty("setpointMpa").GetDouble());
        });
        var times = samples.Select(s => s.GetProperty("t").GetDouble()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task A_state_change_is_streamed_as_a_status_event()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await _api.Http.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        await NextEvent(reader, cancel.Token);

        await _api.PostJsonAsync("api/sim/pedal", """{"down": true}""");
        while (true)
        {
            var (name, data) = await NextEvent(reader, cancel.Token);
            if (name == "status" && data.GetProperty("state").GetString() == "Spraying")
            {
                Assert.True(data.GetProperty("pedal").GetBoolean());
                break;
            }
        }

        await _api.PostJsonAsync("api/sim/pedal", """{"down": false}""");
    }

    private static async Task<(string Event, JsonElement Data)> NextEvent(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return (name ?? "message", JsonDocument.Parse(data).RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        throw new EndOfStreamException("the stream ended");
    }
}
