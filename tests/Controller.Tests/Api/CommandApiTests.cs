using System.Net;
using System.Text;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>The technician's commands: each applied through the loop, each refusal naming its field and changing nothing.</summary>
public sealed class CommandApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.ReadyAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_setpoint_in_range_is_applied_by_the_loop()
    {
        var answer = await Problems.JsonAsync(await _api.PostJsonAsync("api/setpoint", """{"mpa": 0.45}"""));

        Assert.Equal("applied", answer.GetProperty("result").GetString());
        Assert.True(answer.GetProperty("commandId").GetInt64() > 0);
        Assert.Equal(0.45, answer.GetProperty("status").GetProperty("setpointMpa").GetDouble());
        Assert.Equal(0.45, (await _api.StatusAsync()).GetProperty("setpointMpa").GetDouble());
    }

    [Theory]
    [InlineData("0.75", "0.75 MPa is outside the allowed range 0.30–0.60 MPa")]
    [InlineData("0.1", "0.1 MPa is outside the allowed range 0.30–0.60 MPa")]
    [InlineData("-0.4", "outside the allowed range 0.30–0.60 MPa")]
    [InlineData("1e308", "outside the allowed range 0.30–0.60 MPa")]
    public async Task A_setpoint_out_of_range_is_refused_with_the_range_and_nothing_changes(string mpa, string says)
    {
        var response = await _api.PostJsonAsync("api/setpoint", $$"""{"mpa": {{mpa}}}""");

        await Problems.AssertFieldAsync(response, "mpa", says);
        Assert.Equal(0.40, (await _api.StatusAsync()).GetProperty("setpointMpa").GetDouble());
    }

    [Fact]
    public async Task A_setpoint_above_the_programs_ceiling_is_refused_with_the_programs_range()
    {
        await Problems.JsonAsync(await _api.PostJsonAsync("api/program", """{"name": "eye"}"""));

        var response = await _api.PostJsonAsync("api/setpoint", """{"mpa": 0.40}""");

        await Problems.AssertFieldAsync(response, "mpa", "above the ceiling of program 'Eye region' (0.35 MPa); the allowed range is 0.30–0.35 MPa");
        var status = await _api.StatusAsync();
        Assert.Equal(0.30, status.GetProperty("setpointMpa").GetDouble());
        Assert.Equal(0.35, status.GetProperty("setpointRange").GetProperty("maxMpa").GetDouble());
    }

    [Theory]
    [InlineData("""{}""", "mpa", "mpa: required; a number of MPa within 0.30–0.60")]
    [InlineData("""{"mpa": null}""", "mpa", "mpa: required")]
    [InlineData("""{"mpa": "0.45"}""", "mpa", "mpa: must be a number of MPa within 0.30–0.60")]
    [InlineData("""{"mpa": true}""", "mpa", "mpa: must be a number")]
    [InlineData("""{"mpa": 0.45, "bar": 4.5}""", "bar", "bar: unknown field; allowed: mpa")]
    [InlineData("""{"MPA": 0.45}""", "MPA", "MPA: unknown field; allowed: mpa")]
    [InlineData("""{"mpa": 0.45""", "body", "body: not valid JSON")]
    [InlineData("""[0.45]""", "body", "body: must be a JSON object such as {\"mpa\": 0.45}")]
    [InlineData("""0.45""", "body", "body: must be a JSON object")]
    [InlineData("", "body", "body: required: a JSON object such as {\"mpa\": 0.45}")]
    public async Task A_malformed_setpoint_request_names_the_field(string json, string field, string says)
    {
        var response = await _api.PostJsonAsync("api/setpoint", json);

        await Problems.AssertFieldAsync(response, field, says);
        Assert.Equal(0.40, (await _api.StatusAsync()).GetProperty("setpointMpa").GetDouble());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_unsupported_media()
    {
        var response = await _api.PostJsonAsync("api/setpoint", "mpa=0.45", "application/x-www-form-urlencoded");

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_4_KiB_is_too_large_whether_announced_or_streamed()
    {
        var padding = new string(' ', 5000);
        var announced = await _api.PostJsonAsync("api/setpoint", "{\"mpa\": 0.45" + padding + "}");
        await Problems.AssertProblemAsync(announced, HttpStatusCode.RequestEntityTooLarge);

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "api/setpoint")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"mpa\": 0.45" + padding + "}"))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await Problems.AssertProblemAsync(await _api.Http.SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0.40, (await _api.StatusAsync()).GetProperty("setpointMpa").GetDouble());
    }

    [Fact]
    public async Task A_program_is_selected_by_name_and_brings_its_setpoint()
    {
        var answer = await Problems.JsonAsync(await _api.PostJsonAsync("api/program", """{"name": "acne"}"""));

        var status = answer.GetProperty("status");
        Assert.Equal("acne", status.GetProperty("program").GetString());
        Assert.Equal(0.45, status.GetProperty("setpointMpa").GetDouble());
    }

    [Theory]
    [InlineData("""{"name": "peel"}""", "name", "name: unknown program; choose one of acne, cleanse, eye, nourish, custom")]
    [InlineData("""{"name": ""}""", "name", "name: required; one of acne, cleanse, eye, nourish, custom")]
    [InlineData("""{}""", "name", "name: required")]
    [InlineData("""{"name": 3}""", "name", "name: must be one of acne")]
    [InlineData("""{"program": "acne"}""", "program", "program: unknown field; allowed: name")]
    public async Task A_bad_program_request_names_the_field_and_the_choices(string json, string field, string says)
    {
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/program", json), field, says);
        Assert.Equal("cleanse", (await _api.StatusAsync()).GetProperty("program").GetString());
    }

    [Fact]
    public async Task The_acne_program_is_refused_on_compressor_gas_as_a_conflict_that_says_why()
    {
        await Problems.JsonAsync(await _api.PostJsonAsync("api/source", """{"source": "compressor"}"""));

        var problem = await Problems.AssertProblemAsync(await _api.PostJsonAsync("api/program", """{"name": "acne"}"""), HttpStatusCode.Conflict);

        Assert.Contains("requires oxygen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("cleanse", (await _api.StatusAsync()).GetProperty("program").GetString());
    }

    [Fact]
    public async Task A_gas_source_is_selected()
    {
        var answer = await Problems.JsonAsync(await _api.PostJsonAsync("api/source", """{"source": "compressor"}"""));
        var result = answer.GetProperty("result").GetString();

        // A loop that has not confirmed within the gateway's second (a loaded machine) answers 202
        // "queued" with the status as it was: the change must then still arrive.
        var status = result == "queued"
            ? await _api.WaitForAsync(s => s.GetProperty("gasSource").GetString() == "compressor", "the queued source change")
            : answer.GetProperty("status");
        Assert.True(result is "applied" or "queued", $"result {result}");
        Assert.Equal("compressor", status.GetProperty("gasSource").GetString());
    }

    [Theory]
    [InlineData("""{"source": "nitrogen"}""", "source", "source: must be 'oxygen' or 'compressor'")]
    [InlineData("""{"source": "Oxygen"}""", "source", "source: must be 'oxygen' or 'compressor'")]
    [InlineData("""{}""", "source", "source: required; \"oxygen\" or \"compressor\"")]
    [InlineData("""{"source": ["oxygen"]}""", "source", "source: must be \"oxygen\" or \"compressor\"")]
    [InlineData("""{"gas": "oxygen"}""", "gas", "gas: unknown field; allowed: source")]
    public async Task A_bad_source_request_names_the_field(string json, string field, string says)
    {
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/source", json), field, says);
        Assert.Equal("oxygen", (await _api.StatusAsync()).GetProperty("gasSource").GetString());
    }

    [Fact]
    public async Task The_program_cannot_change_while_spraying()
    {
        await _api.PostJsonAsync("api/sim/pedal", """{"down": true}""");
        await _api.WaitForStateAsync("Spraying");

        var problem = await Problems.AssertProblemAsync(await _api.PostJsonAsync("api/program", """{"name": "eye"}"""), HttpStatusCode.Conflict);

        Assert.Equal("changing the program is not allowed while the device is Spraying", problem.GetProperty("detail").GetString());
        await _api.PostJsonAsync("api/sim/pedal", """{"down": false}""");
        Assert.Equal("cleanse", (await _api.StatusAsync()).GetProperty("program").GetString());
    }

    [Fact]
    public async Task Alarms_are_acknowledged_with_an_empty_body_or_an_empty_object()
    {
        await _api.PostJsonAsync("api/sim/fault", """{"fault": "liquid_empty"}""");
        await _api.WaitForAsync(s => s.GetProperty("alarms").GetArrayLength() > 0, "alarming");

        var answer = await Problems.JsonAsync(await _api.PostJsonAsync("api/alarms/ack", ""));
        Assert.True(answer.GetProperty("status").GetProperty("alarms")[0].GetProperty("acknowledged").GetBoolean());
        await Problems.JsonAsync(await _api.PostJsonAsync("api/alarms/ack", "{}"));

        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/alarms/ack", """{"code": "LiquidEmpty"}"""), "code", "code: unknown field; allowed: none");
    }

    [Fact]
    public async Task Shutdown_is_accepted_and_runs_the_sequence_to_Off_and_is_then_a_conflict()
    {
        var answer = await Problems.JsonAsync(await _api.PostJsonAsync("api/shutdown", ""), HttpStatusCode.Accepted);
        Assert.Equal("applied", answer.GetProperty("result").GetString());
        Assert.Equal("ShuttingDown", answer.GetProperty("status").GetProperty("state").GetString());

        await _api.WaitForStateAsync("Off", 30);
        var problem = await Problems.AssertProblemAsync(await _api.PostJsonAsync("api/shutdown", ""), HttpStatusCode.Conflict);
        Assert.Equal("shutting down is not allowed while the device is Off", problem.GetProperty("detail").GetString());
        await Problems.AssertFieldAsync(await _api.PostJsonAsync("api/shutdown", """{"now": true}"""), "now", "now: unknown field");
    }

    [Fact]
    public async Task A_full_command_queue_is_503_with_retry_after_and_nothing_is_queued()
    {
        _api.Pause();
        try
        {
            while (_api.Runtime.Commands.TryPost(ControlCommand.AcknowledgeAlarms()))
            {
            }

            var response = await _api.PostJsonAsync("api/setpoint", """{"mpa": 0.5}""");

            await Problems.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        }
        finally
        {
            _api.Resume();
        }

        await _api.WaitForAsync(_ => true, "answering");
        await Task.Delay(200);
        Assert.Equal(0.40, (await _api.StatusAsync()).GetProperty("setpointMpa").GetDouble());
    }

    [Fact]
    public async Task A_command_the_loop_does_not_confirm_in_time_is_202_queued_and_applied_later()
    {
        _api.Pause();
        HttpResponseMessage response;
        try
        {
            response = await _api.PostJsonAsync("api/setpoint", """{"mpa": 0.5}""");
        }
        finally
        {
            _api.Resume();
        }

        var answer = await Problems.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("queued", answer.GetProperty("result").GetString());
        await _api.WaitForAsync(s => s.GetProperty("setpointMpa").GetDouble() == 0.5, "at the new setpoint");
    }
}
