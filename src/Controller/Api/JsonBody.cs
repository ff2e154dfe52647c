using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HydroOxygen.Controller.Api;

/// <summary>The result of reading a request body: the value, or the problem to answer with.</summary>
public readonly record struct BodyRead<T>(T? Value, ProblemHttpResult? Problem)
    where T : class;

/// <summary>
/// Reads a small JSON request body strictly, answering every way it can be wrong with the field
/// and what it must be: too large (413), not JSON (415), malformed, not an object, an unknown field,
/// or a field of the wrong type (400). Minimal APIs' own binding would answer most of these with
/// a bare 400.
/// </summary>
public static class JsonBody
{
    /// <summary>The largest body any endpoint here accepts, bytes: the biggest valid one is under 200.</summary>
    public const int MaxBytes = 4 * 1024;

    public static async Task<BodyRead<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, RequestShape shape, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return new(null, ApiProblems.TooLarge(MaxBytes));
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            return new(null, ApiProblems.TooLarge(MaxBytes));
        }

        var body = buffer.AsMemory(0, length);
        if (IsBlank(body.Span))
        {
            return shape.BodyRequired
                ? new(null, ApiProblems.Field("body", ApiErrorCode.BodyRequired, shape.Example))
                : new(JsonSerializer.Deserialize("{}"u8, type), null);
        }

        if (!request.HasJsonContentType())
        {
            return new(null, ApiProblems.UnsupportedMediaType());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return new(null, ApiProblems.Field("body", ApiErrorCode.BodyMalformed, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, ApiProblems.Field("body", ApiErrorCode.BodyNotObject, shape.Example));
            }

            // A field given twice ({"mpa": 0.45, "mpa": 0.55}) would otherwise be settled by the
            // deserializer taking the last one: the sender meant one of them, and it is not ours to guess.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!shape.Fields.ContainsKey(property.Name))
                {
                    return new(null, ApiProblems.Field(property.Name, ApiErrorCode.FieldUnknown, shape.Allowed));
                }

                if (!seen.Add(property.Name))
                {
                    return new(null, ApiProblems.Field(property.Name, ApiErrorCode.FieldRepeated));
                }
            }

            try
            {
                return new(document.RootElement.Deserialize(type), null);
            }
            catch (JsonException ex)
            {
                var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
                return new(null, ApiProblems.Field(field, ApiErrorCode.FieldWrongType, shape.Expected(field)));
            }
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
