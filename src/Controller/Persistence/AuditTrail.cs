using System.Text.Json;

namespace HydroOxygen.Controller.Persistence;

/// <summary>
/// An append-only trail of JSON lines beside a stored document (who changed what, when). Lines are
/// appended with <see cref="DurableFile.AppendLine"/> before the document is replaced, so the trail
/// may mention a revision that an interrupted write never put in place — never the other way round.
/// </summary>
public static class AuditTrail
{
    public static IReadOnlyList<string> Read(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    /// <summary>
    /// The highest <c>revision</c> the trail mentions (0 if none). A new revision counts on from it,
    /// so that a write over a corrupt or lost document never repeats a revision number in the trail.
    /// </summary>
    public static int LastRevision(string path)
    {
        var highest = 0;
        foreach (var line in Read(path))
        {
            try
            {
                using var entry = JsonDocument.Parse(line);
                if (entry.RootElement.ValueKind == JsonValueKind.Object
                    && entry.RootElement.TryGetProperty("revision", out var revision)
                    && revision.TryGetInt32(out var value))
                {
                    highest = Math.Max(highest, value);
                }
            }
            catch (JsonException)
            {
                // A torn last line (power cut mid-append) says nothing about revisions.
            }
        }

        return highest;
    }
}
