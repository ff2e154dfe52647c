using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>The testers' endpoints on the simulator backend.</summary>
public sealed class SimulatorApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.ReadyAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_virtual_pedal_sprays_while_down()
    {
        var down = await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/pedal", """{"down": true}"""));
        Assert.True(down.GetProperty("down").GetBoolean());
        var spraying = await _api.WaitForStateAsync("Spraying");
        Assert.True(spraying.GetProperty("pedal").GetBoolean());

        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/pedal", """{"down": false}"""));
        var released = await _api.WaitForAsync(s => s.GetProperty("state").GetString() != "Spraying", "no longer spraying");
        Assert.False(released.GetProperty("pedal").GetBoolean());
    }

    [Fact]
    public async Task A_disconnected_sensor_is_reported_faulty_instead_of_showing_its_last_reading_as_live()
    {
        Assert.Empty((await _api.StatusAsync()).GetProperty("pressures").GetProperty("faulty").EnumerateArray());

        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/fault", """{"fault": "sensor_disconnected", "target": "p_src"}"""));
        var faulty = await _api.WaitForAsync(
            s => s.GetProperty("pressures").GetProperty("faulty").GetArrayLength() > 0, "the source-line sensor reported faulty");
        Assert.Equal(["src"], faulty.GetProperty("pressures").GetProperty("faulty").EnumerateArray().Select(e => e.GetString()));

        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/fault/clear", """{"fault": "sensor_disconnected", "target": "p_src"}"""));
        await _api.WaitForAsync(
            s => s.GetProperty("pressures").GetProperty("faulty").GetArrayLength() == 0, "the reconnected sensor trusted again", seconds: 10);
    }

    [Fact]
    public async Task A_pedal_press_on_a_lease_releases_itself_unless_renewed()
    {
        var answer = await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/pedal", """{"down": true, "leaseS": 0.5}"""));
        Assert.Equal(0.5, answer.GetProperty("leaseS").GetDouble());
        await _api.WaitForStateAsync("Spraying");

        await _api.WaitForAsync(s => s.GetProperty("state").GetString() != "Spraying", "released by the lease", seconds: 5);
    }

    [Theory]
    [InlineData("""{}""", "down", "down: required; true (pressed) or false (released)")]
    [InlineData("""{"down": "yes"}""", "down", "down: must be true (pressed) or false (released)")]
    [InlineData("""{"down": 1}""", "down", "down: must be true")]
    [InlineData("""{"down": true, "leaseS": 0.05}""", "leaseS", "leaseS: 0.05 s is outside the allowed range 0.2–10 s")]
    [InlineData("""{"down": true, "leaseS": 60}""", "leaseS", "leaseS: 60 s is outside the allowed range 0.2–10 s")]
    [InlineData("""{"down": true, "foot": "left"}""", "foot", "foot: unknown field; allowed: down, leaseS")]
    public async Task A_bad_pedal_request_names_the_field(string json, string field, string says)
    {
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/sim/pedal", json), field, says);
        await Task.Delay(100);
        Assert.Equal("Ready", (await _api.StatusAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_power_switch_turned_off_shuts_the_device_down_and_on_again_boots_it()
    {
        Assert.False((await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/power", """{"on": false}"""))).GetProperty("on").GetBoolean());
        await _api.WaitForStateAsync("Off", 30);

        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/power", """{"on": true}"""));
        await _api.WaitForStateAsync("Ready", 30);

        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/sim/power", """{"on": "off"}"""), "on", "on: must be true (switched on) or false (switched off)");
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/sim/power", """{}"""), "on", "on: required");
    }

    [Fact]
    public async Task The_fault_catalog_lists_every_plant_fault_but_the_loop_stall()
    {
        var catalog = await _api.Http.GetFromJsonAsync<JsonElement>("api/sim/faults");

        var faults = catalog.GetProperty("faults").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(15, faults.Count);
        Assert.DoesNotContain("loop_stall", faults.Keys);
        Assert.Equal(["manifold", "bottle"], faults["leak"].GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.True(faults["sensor_drift"].GetProperty("targetRequired").GetBoolean());
        Assert.NotNull(faults["sensor_drift"].GetProperty("value").GetString());
        Assert.Equal(0, faults["nozzle_clogged"].GetProperty("targets").GetArrayLength());
        Assert.Equal(0, catalog.GetProperty("injected").GetArrayLength());
    }

    [Fact]
    public async Task A_fault_is_injected_raises_its_alarm_and_is_cleared()
    {
        var injected = await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/fault", """{"fault": "sensor_disconnected", "target": "p_bottle"}"""));
        Assert.Equal("sensor_disconnected", injected.GetProperty("fault").GetString());
        Assert.Equal("p_bottle", injected.GetProperty("target").GetString());

        var faulted = await _api.WaitForStateAsync("Fault");
        var alarm = faulted.GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "SensorFault");
        Assert.Equal("high", alarm.GetProperty("priority").GetString());
        var listed = (await _api.Http.GetFromJsonAsync<JsonElement>("api/sim/faults")).GetProperty("injected");
        Assert.Equal("sensor_disconnected", Assert.Single(listed.EnumerateArray()).GetProperty("fault").GetString());

        await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/fault/clear", """{"fault": "sensor_disconnected", "target": "p_bottle"}"""));
        Assert.Equal(0, (await _api.Http.GetFromJsonAsync<JsonElement>("api/sim/faults")).GetProperty("injected").GetArrayLength());
        await _api.PostJsonAsync("api/alarms/ack", "");
        await _api.WaitForAsync(s => s.GetProperty("alarms").GetArrayLength() == 0 && s.GetProperty("state").GetString() != "Fault", "recovered");
    }

    [Fact]
    public async Task A_leak_with_its_conductance_is_injected()
    {
        var leak = await Problems.JsonAsync(await _api.PostJsonAsync("api/sim/fault", """{"fault": "leak", "target": "bottle", "value": 0.02}"""));

        Assert.Equal(0.02, leak.GetProperty("value").GetDouble());
    }

    [Theory]
    [InlineData("""{}""", "fault", "fault: required; one of adc_nack, compressor_failed")]
    [InlineData("""{"fault": "gremlins"}""", "fault", "fault: unknown fault 'gremlins'")]
    [InlineData("""{"fault": "loop_stall", "value": 1}""", "fault", "fault: loop_stall stalls the control loop itself and cannot be injected from the API")]
    [InlineData("""{"fault": "sensor_stuck"}""", "target", "target: sensor_stuck needs a target of p_out, p_bottle or p_src")]
    [InlineData("""{"fault": "sensor_stuck", "target": "manifold"}""", "target", "target: sensor_stuck needs a target of p_out, p_bottle or p_src")]
    [InlineData("""{"fault": "sensor_stuck", "target": "p_nowhere"}""", "target", "target: unknown target 'p_nowhere'")]
    [InlineData("""{"fault": "nozzle_clogged", "target": "p_out"}""", "target", "target: nozzle_clogged takes no target")]
    [InlineData("""{"fault": "nozzle_clogged", "value": 1}""", "value", "value: nozzle_clogged takes no value")]
    [InlineData("""{"fault": "leak", "target": "bottle"}""", "value", "value: leak needs a value: the leak's conductance, above 0 and at most 1")]
    [InlineData("""{"fault": "leak", "target": "bottle", "value": 5}""", "value", "value: leak needs a value")]
    [InlineData("""{"fault": "sensor_drift", "target": "p_out", "value": 0.9}""", "value", "value: sensor_drift needs a value: the drift in MPa, within ±0.5")]
    [InlineData("""{"fault": "leak", "target": "bottle", "value": "0.02"}""", "value", "value: must be a number")]
    [InlineData("""{"fault": "leak", "where": "bottle"}""", "where", "where: unknown field; allowed: fault, target, value")]
    public async Task A_bad_fault_request_names_the_field_and_injects_nothing(string json, string field, string says)
    {
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/sim/fault", json), field, says);
        Assert.Equal(0, (await _api.Http.GetFromJsonAsync<JsonElement>("api/sim/faults")).GetProperty("injected").GetArrayLength());
    }

    [Theory]
    [InlineData("""{}""", "fault", "fault: required")]
    [InlineData("""{"fault": "gremlins"}""", "fault", "fault: unknown fault 'gremlins'")]
    [InlineData("""{"fault": "leak", "target": "tank"}""", "target", "target: unknown target 'tank'")]
    [InlineData("""{"fault": "leak", "value": 0.1}""", "value", "value: unknown field; allowed: fault, target")]
    public async Task A_bad_fault_clear_request_names_the_field(string json, string field, string says)
    {
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/sim/fault/clear", json), field, says);
    }
}

/// <summary>With a hardware backend the testers' endpoints do not exist.</summary>
public sealed class HardwareBackendApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync(simulated: false);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("api/sim/pedal", """{"down": true}""")]
    [InlineData("api/sim/power", """{"on": false}""")]
    [InlineData("api/sim/fault", """{"fault": "nozzle_clogged"}""")]
    [InlineData("api/sim/fault/clear", """{"fault": "nozzle_clogged"}""")]
    public async Task The_simulator_endpoints_are_404(string path, string json)
    {
        await Problems.AssertProblemAsync(await _api.PostJsonAsync(path, json), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_fault_catalog_is_404_and_the_device_says_it_is_not_simulated()
    {
        await Problems.AssertProblemAsync(await _api.Http.GetAsync("api/sim/faults"), HttpStatusCode.NotFound);
        var device = await _api.Http.GetFromJsonAsync<JsonElement>("api/device");
        Assert.False(device.GetProperty("simulated").GetBoolean());
        Assert.Equal("raspberry-pi", device.GetProperty("backend").GetString());
        var document = await _api.Http.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith("/api/sim", StringComparison.Ordinal));
    }
}
