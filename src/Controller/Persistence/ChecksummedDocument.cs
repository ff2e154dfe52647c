using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HydroOxygen.Controller.Persistence;

/// <summary>Why a stored document could not be used.</summary>
public enum DocumentStatus
{
    Ok,
    Missing,
    Corrupt,
}

/// <summary>The outcome of loading a stored document.</summary>
public sealed record DocumentLoad<T>(DocumentStatus Status, T? Value, string Problem)
    where T : class
{
    public bool IsOk => Status == DocumentStatus.Ok;
}

/// <summary>
/// A JSON document stored with a schema version and a SHA-256 checksum of its content, written
/// with <see cref="DurableFile"/>. A truncated, edited or bit-flipped file fails the checksum and
/// is reported as corrupt instead of being half-believed.
/// </summary>
public static class ChecksummedDocument
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static void Save<T>(string path, string kind, int version, T value)
    {
        var content = JsonSerializer.SerializeToNode(value, Json) ?? throw new ArgumentException("nothing to save", nameof(value));
        var document = new JsonObject
        {
            ["kind"] = kind,
            ["version"] = version,
            ["content"] = content,
            ["sha256"] = Hash(content),
        };
        DurableFile.Replace(path, Encoding.UTF8.GetBytes(document.ToJsonString(Json) + "\n"));
    }

    public static DocumentLoad<T> Load<T>(string path, string kind, int version)
        where T : class
    {
        DurableFile.RemoveLeftovers(path);
        if (!File.Exists(path))
        {
            return new DocumentLoad<T>(DocumentStatus.Missing, null, $"{path} does not exist");
        }

        try
        {
            // Duplicate keys are refused: which of two values a reader believes must not be a guess.
            var document = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new JsonException("not a JSON object");
            if ((string?)document["kind"] != kind)
            {
                return Corrupt($"{path} is not a {kind} document");
            }

            if ((int?)document["version"] != version)
            {
                return Corrupt($"{path} has version {document["version"]}, this controller reads version {version}");
            }

            var content = document["content"] ?? throw new JsonException("no content");
            if ((string?)document["sha256"] != Hash(content))
            {
                return Corrupt($"{path} fails its checksum (edited, truncated or damaged)");
            }

            var value = content.Deserialize<T>(Json) ?? throw new JsonException("empty content");
            return new DocumentLoad<T>(DocumentStatus.Ok, value, "");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Corrupt($"{path} cannot be read: {ex.Message}");
        }

        static DocumentLoad<T> Corrupt(string problem) => new(DocumentStatus.Corrupt, null, problem);
    }

    /// <summary>The checksum covers the content's canonical (compact) JSON text.</summary>
    private static string Hash(JsonNode content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToJsonString())));
}
