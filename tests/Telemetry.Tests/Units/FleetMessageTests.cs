using System.Text;
using HydroOxygen.Controller.Fleet;

namespace HydroOxygen.Telemetry.Tests.Units;

/// <summary>What a collector accepts from the network, and the clear reason for what it refuses.</summary>
public sealed class FleetMessageTests
{
    private const string Event = """{"id":"0191-a","seq":7,"deviceId":"dev-1","site":"s1","event":{"id":12,"sessionId":3,"at":"2026-05-01T09:00:00.000Z","loopS":1.2,"kind":"alarm_raised","state":"Fault","code":"OverPressure","value":0.66,"detail":"OverPressure (high) raised"}}""";

    [Fact]
    public void An_event_is_read_with_its_record()
    {
        Assert.True(FleetMessage.TryParse("hydroxy/s1/dev-1/events", Encoding.UTF8.GetBytes(Event), out var message, out var problem), problem);
        Assert.Equal(("0191-a", 7L, "dev-1", "s1", false), (message!.Id, message.Seq, message.DeviceId, message.Site, message.IsSession));
        Assert.Equal((12L, 3L, "alarm_raised", "OverPressure", 0.66), (message.LocalId!.Value, message.SessionLocalId!.Value, message.Kind, message.Code, message.Value!.Value));
        Assert.StartsWith("{\"id\":12,", message.Record, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hydroxy/s1/dev-1/status", Event, "not a device's events or sessions topic")]
    [InlineData("hydroxy/s1/dev-1/events", "{nope", "not JSON")]
    [InlineData("hydroxy/s1/dev-1/events", """{"id":"a","seq":"one","event":{}}""", "needs \"id\" (text), \"seq\" (a whole number)")]
    [InlineData("hydroxy/s1/dev-1/events", """{"id":"a","seq":1,"session":{}}""", "and \"event\" (an object)")]
    [InlineData("hydroxy/s1/dev-2/events", Event, "the message says device 'dev-1' at 's1', the topic says otherwise")]
    [InlineData("hydroxy/s1/dev-1/events", """{"id":"a","seq":1,"event":{"kind":"state"}}""", "has no \"kind\" and \"at\"")]
    [InlineData("hydroxy/s1/dev-1/sessions", """{"id":"a","seq":1,"session":{"id":4}}""", "has no \"startedAt\"")]
    public void A_malformed_message_is_refused_with_its_reason(string topic, string payload, string reason)
    {
        Assert.False(FleetMessage.TryParse(topic, Encoding.UTF8.GetBytes(payload), out var message, out var problem));
        Assert.Null(message);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
