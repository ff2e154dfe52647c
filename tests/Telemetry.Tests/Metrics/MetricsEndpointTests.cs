using System.Net;
using System.Text;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Controller.Tests.Records;
using HydroOxygen.Telemetry.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;
using HydroOxygen.Controller.Telemetry.Publishing;

namespace HydroOxygen.Telemetry.Tests.Metrics;

/// <summary>
/// <c>GET /metrics</c> of the real controller, parsed as Prometheus text: the instruments of DESIGN
/// §3.6 with their types, and a spray moving the spray counters. Loopback callers only.
/// </summary>
[Collection(nameof(Processes))]
public sealed class MetricsEndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Metrics_are_scraped_with_their_types_and_a_spray_moves_the_spray_counters()
    {
        await using var controller = await ControllerProcess.StartAsync();
        var before = PrometheusText.Parse(await controller.Http.GetStringAsync("metrics"));

        var expected = new Dictionary<string, string>
        {
            ["hydroxy_loop_lateness_seconds"] = "histogram",
            ["hydroxy_loop_overruns_total"] = "counter",
            ["hydroxy_loop_ticks_total"] = "counter",
            ["hydroxy_loop_step_max_seconds"] = "gauge",
            ["hydroxy_pressure_MPa"] = "gauge",
            ["hydroxy_setpoint_MPa"] = "gauge",
            ["hydroxy_state"] = "gauge",
            ["hydroxy_alarms_active"] = "gauge",
            ["hydroxy_sprays_total"] = "counter",
            ["hydroxy_spray_time_seconds_total"] = "counter",
            ["hydroxy_outbox_depth"] = "gauge",
            ["hydroxy_outbox_dropped_total"] = "counter",
            ["hydroxy_telemetry_publish_failures_total"] = "counter",
        };
        foreach (var (name, type) in expected)
        {
            Assert.True(before.Types.TryGetValue(name, out var actual), $"no {name} in /metrics");
            Assert.Equal(type, actual);
        }

        Assert.Equal(1, before.Value("hydroxy_state", "state=\"Ready\""));
        Assert.InRange(before.Value("hydroxy_pressure_MPa", "sensor=\"out\""), 0.3, 0.5);
        Assert.Contains(before.Samples, s => s.Name == "hydroxy_loop_lateness_seconds_bucket" && s.Labels.Contains("le=\"0.001\"", StringComparison.Ordinal));
        Assert.True(before.Value("hydroxy_loop_lateness_seconds_count") > 0, "the lateness histogram is empty");

        await Post(controller, "api/sim/pedal", """{"down": true}""");
        await controller.WaitForStateAsync("Spraying", TimeSpan.FromSeconds(20));
        await Task.Delay(500);
        await Post(controller, "api/sim/pedal", """{"down": false}""");
        await controller.WaitForStateAsync("Ready", TimeSpan.FromSeconds(20));
        await Task.Delay(100); // the event pump's next drain (20 ms)

        var after = PrometheusText.Parse(await controller.Http.GetStringAsync("metrics"));
        var sprays = after.Value("hydroxy_sprays_total") - before.Value("hydroxy_sprays_total");
        var sprayed = after.Value("hydroxy_spray_time_seconds_total") - before.Value("hydroxy_spray_time_seconds_total");
        output.WriteLine($"one spray: hydroxy_sprays_total +{sprays}, hydroxy_spray_time_seconds_total +{sprayed:0.000} s; ticks +{after.Value("hydroxy_loop_ticks_total") - before.Value("hydroxy_loop_ticks_total")}");
        Assert.Equal(1, sprays);
        Assert.InRange(sprayed, 0.4, 5.0);
        Assert.True(after.Value("hydroxy_loop_ticks_total") > before.Value("hydroxy_loop_ticks_total"));

        // A page elsewhere whose name was rebound to 127.0.0.1 names its own host: the caller guard
        // refuses it before the endpoint's own loopback rule is asked, and the figures stay unread.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "metrics");
        rebound.Headers.Host = "evil.example";
        using var refused = await controller.Http.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("hydroxy_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "[::1]", true)]
    [InlineData("127.0.0.1", "localhost", true)]
    [InlineData("192.168.1.20", "127.0.0.1", false)]
    [InlineData("10.0.0.7", "device.local", false)]
    [InlineData("127.0.0.1", "evil.example", false)]
    public void Only_loopback_callers_naming_a_loopback_host_are_served(string remote, string host, bool served)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.Host = new HostString(host, 5080);
        Assert.Equal(served, TelemetryRegistration.IsLocal(context));
    }

    private static async Task Post(ControllerProcess controller, string path, string json)
    {
        using var response = await controller.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
    }
}
