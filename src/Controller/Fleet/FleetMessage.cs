using System.Globalization;
using System.Text.Json;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Controller.Telemetry.Publishing;

namespace HydroOxygen.Controller.Fleet;

/// <summary>
/// An event or session record as a device published it (<see cref="OutboxEnvelope"/>), read back
/// by a collector: who sent it, its id and sequence, and the record's fields.
/// </summary>
/// <param name="Record">The record's JSON (the HTTP API's object), kept whole in the central database.</param>
public sealed record FleetMessage(
    string Id,
    long Seq,
    string DeviceId,
    string Site,
    bool IsSession,
    string Record,
    long? LocalId,
    long? SessionLocalId,
    string? At,
    string? Kind,
    string? State,
    string? Code,
    double? Value,
    string? Detail,
    string? StartedAt,
    string? EndedAt,
    string? EndReason,
    double? DurationS,
    string? Program,
    string? GasSource,
    double? SprayS,
    double? LiquidMl,
    int? AlarmCount,
    string? Alarms)
{
    /// <summary>Reads a message from <paramref name="topic"/>; false with the reason for anything that is not one.</summary>
    public static bool TryParse(string topic, ReadOnlySpan<byte> payload, out FleetMessage? message, out string problem)
    {
        message = null;
        if (!TopicNames.TryParse(topic, out var topicSite, out var topicDevice, out var level) || level is not (TopicNames.EventsLevel or TopicNames.SessionsLevel))
        {
            problem = $"{topic}: not a device's events or sessions topic";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            var isSession = level == TopicNames.SessionsLevel;
            var member = isSession ? OutboxEnvelope.SessionMember : OutboxEnvelope.EventMember;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 64 } idText
                || !root.TryGetProperty("seq", out var seq) || seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out var seqValue)
                || !root.TryGetProperty(member, out var record) || record.ValueKind != JsonValueKind.Object)
            {
                problem = $"{topic}: needs \"id\" (text), \"seq\" (a whole number) and \"{member}\" (an object)";
                return false;
            }

            var deviceId = Text(root, "deviceId") ?? topicDevice;
            var site = Text(root, "site") ?? topicSite;
            if (deviceId != topicDevice || site != topicSite)
            {
                problem = $"{topic}: the message says device '{deviceId}' at '{site}', the topic says otherwise";
                return false;
            }

            message = new FleetMessage(
                idText,
                seqValue,
                deviceId,
                site,
                isSession,
                record.GetRawText(),
                Integer(record, "id"),
                Integer(record, "sessionId"),
                Text(record, "at"),
                Text(record, "kind"),
                Text(record, "state"),
                Text(record, "code"),
                Number(record, "value"),
                Text(record, "detail"),
                Text(record, "startedAt"),
                Text(record, "endedAt"),
                Text(record, "endReason"),
                Number(record, "durationS"),
                Text(record, "program"),
                Text(record, "gasSource"),
                Number(record, "sprayS"),
                Number(record, "liquidMl"),
                Integer(record, "alarmCount") is { } count ? (int)count : null,
                record.TryGetProperty("alarms", out var alarms) && alarms.ValueKind == JsonValueKind.Array
                    ? string.Join(';', alarms.EnumerateArray().Select(a => a.ToString()))
                    : null);
            if (isSession ? message.StartedAt is null : message.Kind is null || message.At is null)
            {
                problem = $"{topic}: the {member} has no {(isSession ? "\"startedAt\"" : "\"kind\" and \"at\"")}";
                message = null;
                return false;
            }

            problem = "";
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"{topic}: not JSON ({ex.Message})";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // A member of the wrong kind (text where a number belongs): refused like any other bad message.
            problem = $"{topic}: {ex.Message}";
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static long? Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DeviceId}#{Seq} {(IsSession ? "session" : Kind)} {Id}");
}
