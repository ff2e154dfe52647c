using System.Text.Json;

namespace HydroOxygen.Controller.Fleet;

/// <summary>One device as <c>fleet watch</c> knows it: from its latest retained <c>status</c>.</summary>
/// <param name="OutboxAwaitingBroker">Of the outbox, messages the broker has not acknowledged; null when the status does not say (an older device).</param>
/// <param name="OutboxAwaitingCollector">Of the outbox, messages the broker acknowledged that wait for a collector's acknowledgement; null when not said.</param>
/// <param name="LastCollectorAckAt">When a collector's acknowledgement last released outbox rows: <see cref="LastCollectorAck.Never"/> or unknown on an older device.</param>
public sealed record DeviceRow(
    string Site,
    string DeviceId,
    bool Online,
    string State,
    string Program,
    IReadOnlyList<string> Alarms,
    int? SessionsToday,
    long? OutboxDepth,
    DateTimeOffset? Time,
    long? OutboxAwaitingBroker = null,
    long? OutboxAwaitingCollector = null,
    LastCollectorAck LastCollectorAckAt = default)
{
    /// <summary>
    /// Reads a status message. The will (<c>{"online":false}</c> alone) keeps what the last status
    /// said and marks the device offline. False for anything that is not a status.
    /// </summary>
    public static bool TryRead(string site, string deviceId, ReadOnlySpan<byte> payload, DeviceRow? previous, out DeviceRow row)
    {
        row = previous ?? new DeviceRow(site, deviceId, false, "?", "?", [], null, null, null);
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("online", out var online) || online.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return false;
            }

            var time = root.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var parsed) ? parsed : (DateTimeOffset?)null;
            if (!online.GetBoolean() && !root.TryGetProperty("state", out _))
            {
                row = row with { Online = false, Time = time ?? row.Time };
                return true;
            }

            var alarms = root.TryGetProperty("alarms", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray()
                    .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("code", out _))
                    .Select(a => a.GetProperty("code").GetString() + (a.TryGetProperty("acknowledged", out var ack) && ack.ValueKind == JsonValueKind.True ? "(ack)" : ""))
                    .ToArray()
                : [];
            var telemetry = root.TryGetProperty("telemetry", out var published) ? published : default;
            int? today = root.TryGetProperty("sessionsToday", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : null;
            row = new DeviceRow(
                site,
                deviceId,
                online.GetBoolean(),
                Text(root, "state") ?? "?",
                Text(root, "program") ?? "?",
                alarms,
                today,
                Count(telemetry, "outboxDepth"),
                time,
                Count(telemetry, "outboxAwaitingBroker"),
                Count(telemetry, "outboxAwaitingCollector"),
                LastCollectorAck.Read(telemetry));
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static long? Count(JsonElement telemetry, string name) =>
        telemetry.ValueKind == JsonValueKind.Object && telemetry.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
