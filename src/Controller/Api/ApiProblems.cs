using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The API's error answers: RFC 9457 problem documents whose <c>detail</c> is a sentence for a
/// person. A 400 also names the field in <c>errors</c> (the ASP.NET Core validation-problem shape),
/// so that a client can put the message beside the right input.
/// </summary>
public static class ApiProblems
{
    private static readonly SearchValues<char> FieldNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    public static ProblemHttpResult Field(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid; nothing was changed",
            Detail = message,
        });

    /// <summary>A 400 from a message that starts with its field's name (<c>"mpa: …"</c>, as <c>CommandRules.Describe</c> writes them).</summary>
    public static ProblemHttpResult FieldMessage(string message) => Field(FieldOf(message), message);

    public static ProblemHttpResult Conflict(string message) =>
        Problem(StatusCodes.Status409Conflict, "Not possible in the device's present state; nothing was changed", message);

    public static ProblemHttpResult NotFound(string message) =>
        Problem(StatusCodes.Status404NotFound, "Not found", message);

    public static ProblemHttpResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large", $"body: at most {limit} bytes");

    public static ProblemHttpResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON", "body: send Content-Type: application/json");

    public static ProblemHttpResult Unavailable(string message) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Unavailable; nothing was changed", message);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>The field a message names before its first colon, or <c>body</c> if it names none.</summary>
    internal static string FieldOf(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && message.AsSpan(0, colon).IndexOfAnyExcept(FieldNameCharacters) < 0
            ? message[..colon]
            : "body";
    }
}
