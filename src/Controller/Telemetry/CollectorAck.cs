using System.Buffers;
using System.Text.Json;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// A collector's acknowledgement on <c>{TopicRoot}/{Site}/{DeviceId}/acks</c> (QoS 1, not retained):
/// <c>{"collector": "…", "ids": ["…", …]}</c>, the ids of that device's events and session records
/// it has committed to the central database. The device deletes those outbox rows and nothing else.
/// </summary>
public sealed record CollectorAck(string Collector, IReadOnlyList<string> Ids)
{
    /// <summary>More ids than a collector's batch holds is not a message of ours.</summary>
    public const int MaxIds = 10_000;

    /// <summary>An id as the outbox makes them (a GUID) fits; longer is refused, as the collector refuses it.</summary>
    public const int MaxIdLength = 64;

    public byte[] Write()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (Ids.Count * 40));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("collector", Collector);
            writer.WriteStartArray("ids");
            foreach (var id in Ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an acknowledgement; false with the reason for anything else (then nothing is to be deleted).</summary>
    public static bool TryParse(ReadOnlySequence<byte> payload, out CollectorAck? ack, out string problem)
    {
        ack = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
            {
                problem = "needs \"ids\" (a list of texts)";
                return false;
            }

            if (ids.GetArrayLength() > MaxIds)
            {
                problem = $"more than {MaxIds} ids";
                return false;
            }

            var list = new List<string>(ids.GetArrayLength());
            foreach (var id in ids.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= MaxIdLength } text)
                {
                    problem = $"every id must be a text of 1–{MaxIdLength} characters, one was {id.GetRawText()}";
                    return false;
                }

                list.Add(text);
            }

            var collector = root.TryGetProperty("collector", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() ?? "" : "";
            ack = new CollectorAck(collector, list);
            problem = "";
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"not JSON ({ex.Message})";
            return false;
        }
    }
}
