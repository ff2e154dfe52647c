using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HydroOxygen.Controller.Tests.Api;

namespace HydroOxygen.Controller.Tests.BadInput;

/// <summary>
/// Request bodies on the operator API that the Api tests do not already cover: duplicated fields,
/// JSON's missing numbers (NaN, overflow), nesting, trailing text, encodings and content types.
/// Each is refused with the field named, and the device's settings are as they were.
/// </summary>
public sealed class ApiBodyTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.ReadyAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string, string, string, string> Bodies => new()
    {
        // path, body, field named, what the message says
        { "api/setpoint", """{"mpa": 0.45, "mpa": 0.55}""", "mpa", "mpa: given twice" },
        { "api/program", """{"name": "cleanse", "name": "acne"}""", "name", "name: given twice" },
        { "api/setpoint", """{"mpa": NaN}""", "body", "body: not valid JSON" },
        { "api/setpoint", """{"mpa": Infinity}""", "body", "body: not valid JSON" },
        { "api/setpoint", """{"mpa": "NaN"}""", "mpa", "mpa: must be a number" },
        { "api/setpoint", """{"mpa": "Infinity"}""", "mpa", "mpa: must be a number" },
        { "api/setpoint", """{"mpa": 1e400}""", "mpa", "mpa: the setpoint must be a number of MPa" },
        { "api/setpoint", """{"mpa": -1e400}""", "mpa", "mpa: the setpoint must be a number of MPa" },
        { "api/setpoint", """{"mpa": [0.45]}""", "mpa", "mpa: must be a number" },
        { "api/setpoint", """{"mpa": {"value": 0.45}}""", "mpa", "mpa: must be a number" },
        { "api/setpoint", "{\"mpa\": " + new string('[', 200) + new string(']', 200) + "}", "body", "body: not valid JSON" },
        { "api/setpoint", """{"mpa": 0.45} {"mpa": 0.55}""", "body", "body: not valid JSON" },
        { "api/setpoint", """{"mpa": 0.45,}""", "body", "body: not valid JSON" },
        { "api/setpoint", """{'mpa': 0.45}""", "body", "body: not valid JSON" },
        { "api/setpoint", """{"mpa": 0x1F}""", "body", "body: not valid JSON" },
        { "api/setpoint", """{"": 0.45}""", "", ": unknown field; allowed: mpa" },
        { "api/setpoint", """{"mpa ": 0.45}""", "mpa ", "mpa : unknown field; allowed: mpa" },
        { "api/setpoint", """{"mρa": 0.45}""", "mρa", "mρa: unknown field; allowed: mpa" },
        { "api/program", """{"name": "acne\u0000"}""", "name", "name: unknown program" },
        { "api/program", """{"name": null}""", "name", "name: required" },
        { "api/source", """{"source": "oxygen", "source": "compressor"}""", "source", "source: given twice" },
        { "api/source", """{"source": 1}""", "source", "source: must be" },
        { "api/alarms/ack", """{"all": true}""", "all", "all: unknown field; allowed: none" },
        { "api/alarms/ack", """[]""", "body", "body: must be a JSON object" },
        { "api/shutdown", """{"now": true}""", "now", "now: unknown field; allowed: none" },
        { "api/shutdown", """null""", "body", "body: must be a JSON object" },
        { "api/sim/pedal", """{"down": true, "down": false}""", "down", "down: given twice" },
        { "api/sim/fault", """{"fault": "leak", "target": "bottle", "value": NaN}""", "body", "body: not valid JSON" },
        { "api/sim/fault", """{"fault": "leak", "target": "bottle", "value": 1e400}""", "value", "value: leak needs a value: the leak's conductance, above 0 and at most 1" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_body_is_refused_naming_the_field_and_nothing_changes(string path, string body, string field, string says)
    {
        var before = DeviceSettingsSnapshot.Of(await _api.StatusAsync());

        await Problems.AssertFieldAsync(await _api.PostJsonAsync(path, body), field, says);

        Assert.Equal(before, DeviceSettingsSnapshot.Of(await _api.StatusAsync()));
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "{\"mpa\": 0.55}")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "{\"mpa\": 0.55}")]
    [InlineData(new byte[0], "{\"mpa\": 0.5\u00FF}")]
    public async Task Bytes_that_are_not_UTF_8_JSON_are_refused_as_the_body(byte[] prefix, string text)
    {
        var before = DeviceSettingsSnapshot.Of(await _api.StatusAsync());
        var bytes = prefix.Concat(text == "{\"mpa\": 0.5\u00FF}" ? [.. "{\"mpa\": 0.5"u8, 0xFF, (byte)'}'] : Encoding.UTF8.GetBytes(text)).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await Problems.AssertFieldAsync(await _api.Http.PostAsync("api/setpoint", content), "body", "body: not valid JSON");

        Assert.Equal(before, DeviceSettingsSnapshot.Of(await _api.StatusAsync()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task A_JSON_body_with_another_content_type_is_unsupported_media_and_nothing_changes(string? contentType)
    {
        var before = DeviceSettingsSnapshot.Of(await _api.StatusAsync());
        using var content = new ByteArrayContent("""{"mpa": 0.55}"""u8.ToArray());
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var problem = await Problems.AssertProblemAsync(await _api.Http.PostAsync("api/setpoint", content), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, DeviceSettingsSnapshot.Of(await _api.StatusAsync()));
    }

    [Fact]
    public async Task A_JSON_content_type_with_a_charset_is_still_JSON()
    {
        using var content = new StringContent("""{"mpa": 0.55}""", Encoding.UTF8, "application/json");

        var answer = await Problems.JsonAsync(await _api.Http.PostAsync("api/setpoint", content));

        Assert.Equal(0.55, answer.GetProperty("status").GetProperty("setpointMpa").GetDouble());
    }

    [Fact]
    public async Task A_huge_body_is_refused_before_it_is_read_whole_and_nothing_changes()
    {
        var before = DeviceSettingsSnapshot.Of(await _api.StatusAsync());
        var huge = "{\"mpa\": 0.55, \"pad\": \"" + new string('x', 8 * 1024 * 1024) + "\"}";

        var response = await _api.PostJsonAsync("api/setpoint", huge);

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, DeviceSettingsSnapshot.Of(await _api.StatusAsync()));
    }
}
