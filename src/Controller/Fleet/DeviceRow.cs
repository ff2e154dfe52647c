using System.Text.Json;

namespace HydroOxygen.Controller.Fleet;

/// <summary>One device as <c>fleet watch</c> knows it: from its latest retained <c>status</c>.</summary>
public sealed record DeviceRow(
    string Site,
    string DeviceId,
    bool Online,
    string State,
    string Program,
    IReadOnlyList<string> Alarms,
    int? SessionsToday,
    long? OutboxDepth,
    DateTimeOffset? Time)
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
            long? outbox = root.TryGetProperty("telemetry", out var telemetry) && telemetry.ValueKind == JsonValueKind.Object
                && telemetry.TryGetProperty("outboxDepth", out var depth) && depth.ValueKind == JsonValueKind.Number && depth.TryGetInt64(out var d) ? d : null;
            int? today = root.TryGetProperty("sessionsToday", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : null;
            row = new DeviceRow(
                site,
                deviceId,
                online.GetBoolean(),
                Text(root, "state") ?? "?",
                Text(root, "program") ?? "?",
                alarms,
                today,
                outbox,
                time);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
