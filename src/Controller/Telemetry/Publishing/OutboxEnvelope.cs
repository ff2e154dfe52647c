using System.Buffers;
using System.Text.Json;
using HydroOxygen.Controller.Records;

namespace HydroOxygen.Controller.Telemetry.Publishing;

/// <summary>
/// An event or session record as published: <c>{"id", "seq", "deviceId", "site", "event"|"session": {…}}</c>,
/// the inner object exactly as the HTTP API returns the record. The id and sequence come from the
/// outbox, so a message sent twice is the same message.
/// </summary>
public static class OutboxEnvelope
{
    public const string EventMember = "event";
    public const string SessionMember = "session";

    public static byte[] Write(OutboxEntry entry, string deviceId, string site)
    {
        var buffer = new ArrayBufferWriter<byte>(entry.Payload.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", entry.Id);
            writer.WriteNumber("seq", entry.Seq);
            writer.WriteString("deviceId", deviceId);
            writer.WriteString("site", site);
            writer.WritePropertyName(entry.Kind == OutboxSchema.SessionKind ? SessionMember : EventMember);
            writer.WriteRawValue(entry.Payload, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static string EventPayload(EventRecord record) =>
        JsonSerializer.Serialize(record, TelemetryJsonContext.Relaxed.EventRecord);

    internal static string SessionPayload(SessionRecord record) =>
        JsonSerializer.Serialize(record, TelemetryJsonContext.Relaxed.SessionRecord);
}
