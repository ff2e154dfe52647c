using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HydroOxygen.Controller.Telemetry.Publishing;

/// <summary>Source-generated JSON of the published messages: the API's camelCase names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(OfflineStatus))]
[JsonSerializable(typeof(TelemetrySample))]
[JsonSerializable(typeof(MaintenanceMessage))]
[JsonSerializable(typeof(Records.EventRecord))]
[JsonSerializable(typeof(Records.SessionRecord))]
internal sealed partial class TelemetryJsonContext : JsonSerializerContext
{
    /// <summary>Readable text ("Ready → Spraying") as the API writes it.</summary>
    public static TelemetryJsonContext Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
