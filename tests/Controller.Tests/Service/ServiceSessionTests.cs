using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Tests.Api;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>The service session over HTTP (issue 15, findings 1–3): an owner, a lease, and a way out that vents first.</summary>
public sealed class ServiceSessionTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(ApiHarness api, HttpMethod method, string path, string engineer = "alice", string? json = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Headers = { Authorization = SignedIn(engineer) },
        };
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task A_second_engineer_is_refused_409_naming_the_holder_and_the_step_and_her_points_survive()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();
        var (entered, session) = await SendAsync(api, HttpMethod.Post, "api/service/enter");
        Assert.Equal(HttpStatusCode.OK, entered);
        Assert.Equal("alice", session.GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", json: """{"targetMpa": 0}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/calibration/reference", json: """{"referenceMpa": 0}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", json: """{"targetMpa": 0.3}""")).Status);

        foreach (var (method, path, json) in new[]
        {
            (HttpMethod.Post, "api/service/step-test", "{}"),
            (HttpMethod.Delete, "api/service/calibration", ""),
            (HttpMethod.Post, "api/service/calibration/reference", """{"referenceMpa": 0.3}"""),
            (HttpMethod.Post, "api/service/exit", ""),
            (HttpMethod.Post, "api/service/enter", ""),
        })
        {
            var (status, body) = await SendAsync(api, method, path, "bob", json);
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Equal("ServiceHeldByOther", body.GetProperty("code").GetString());
            var detail = body.GetProperty("detail").GetString()!;
            Assert.Contains("alice", detail, StringComparison.Ordinal);
            Assert.Contains("holding 0.30 MPa for its reference reading, 1 calibration point collected", detail, StringComparison.Ordinal);
        }

        var (_, status2) = await SendAsync(api, HttpMethod.Get, "api/service/status", "bob");
        Assert.Equal("alice", status2.GetProperty("owner").GetString());
        Assert.Equal(1, status2.GetProperty("pointsCollected").GetInt32());
        Assert.Equal("Service", status2.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_silent_engineer_loses_the_session_and_the_device_vents_and_returns_without_alarm()
    {
        await using var api = await ApiHarness.StartAsync(service: Options(leaseS: 10));
        await api.ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/enter")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", json: """{"targetMpa": 0.6}""")).Status);

        // Nobody renews: the lease lapses, the 0.60 MPa hold is vented, the device comes back to Ready.
        await api.WaitForStateAsync("Ready", seconds: 60);
        Assert.DoesNotContain(Enum.GetValues<AlarmCode>(), c => api.Runtime.Core.Status.Alarms[(int)c].Latched);
        Assert.False(api.Runtime.Core.Status.Alarms[(int)AlarmCode.OverPressure].Latched);
        var (_, status) = await SendAsync(api, HttpMethod.Get, "api/service/status");
        Assert.Equal("LeaseExpired", status.GetProperty("lastSessionEnd").GetString());
        var (refused, body) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/reference", json: """{"referenceMpa": 0.6}""");
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("not in service mode", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_during_a_leak_test_stops_it_vents_and_logs_the_interrupted_test()
    {
        await using var api = await ApiHarness.StartAsync(service: Options());
        await api.ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/enter")).Status);
        var test = SendAsync(api, HttpMethod.Post, "api/service/leak-test", json: """{"durationS": 120}""");
        await api.WaitForAsync(_ => api.Runtime.Core.Status.Service.Kind == ServiceProcedureKind.LeakTest, "leak test running");
        var (left, exit) = await SendAsync(api, HttpMethod.Post, "api/service/exit");
        Assert.Equal(HttpStatusCode.OK, left);
        Assert.NotEqual("Service", exit.GetProperty("state").GetString());
        var (refused, _) = await test;
        Assert.Equal(HttpStatusCode.Conflict, refused);
        await api.WaitForStateAsync("Ready", seconds: 60);
        Assert.False(api.Runtime.Core.Status.Alarms[(int)AlarmCode.OverPressure].Latched);
        Assert.Contains(File.ReadAllLines(Path.Combine(api.DataDirectory, "data", ServiceLog.FileName)), l => l.Contains("\"leak-test-interrupted\"", StringComparison.Ordinal));
    }
}
