using System.Text.Json;

namespace HydroOxygen.Controller.Fleet;

/// <summary>
/// A device's <c>lastCollectorAckAt</c> as its status says it: a time, never (null: no collector has
/// acknowledged since the service started), or unknown (an older device that does not publish it).
/// </summary>
public readonly record struct LastCollectorAck(bool Known, DateTimeOffset? At)
{
    public static LastCollectorAck Never => new(true, null);

    public static LastCollectorAck On(DateTimeOffset at) => new(true, at);

    /// <summary>From the status's <c>telemetry</c> object (default when absent or not an object).</summary>
    public static LastCollectorAck Read(JsonElement telemetry)
    {
        if (telemetry.ValueKind != JsonValueKind.Object || !telemetry.TryGetProperty("lastCollectorAckAt", out var value))
        {
            return default;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => Never,
            JsonValueKind.String when value.TryGetDateTimeOffset(out var at) => On(at),
            _ => default,
        };
    }
}
