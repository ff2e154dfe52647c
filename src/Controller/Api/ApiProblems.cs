using System.Buffers;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The API's error answers: RFC 9457 problem documents with a stable machine <c>code</c>, a
/// <c>detail</c> in the request's language (<c>field: sentence</c> where a field is at fault), and
/// the <c>message</c> alone for a screen to show beside that field. A 400 also names the field in
/// <c>errors</c> (the ASP.NET Core validation-problem shape).
/// </summary>
/// <remarks>
/// Texts come from the string table in <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>,
/// which the request localisation middleware sets for each request (<see cref="RequestLanguage"/>).
/// </remarks>
public static class ApiProblems
{
    public const string CodeKey = "code";
    public const string MessageKey = "message";

    /// <summary>The header a 415 names, as a 400 names its field.</summary>
    public const string ContentTypeField = "content-type";

    private static readonly SearchValues<char> FieldNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static ResourceText Text => ResourceText.Current;

    /// <summary>The sentence of an error code in the request's language.</summary>
    public static string Message(ApiErrorCode code, params object[] args) => Text["Error." + code, args];

    public static ProblemHttpResult Field(string field, ApiErrorCode code, params object[] args) =>
        FieldSentence(field, code.ToString(), Message(code, args));

    /// <summary>A 400 for a field, from a sentence already in the request's language.</summary>
    public static ProblemHttpResult FieldSentence(string field, string code, string sentence)
    {
        var detail = $"{field}: {sentence}";
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Text["Problem.Title.Invalid"],
            Detail = detail,
        };
        problem.Extensions[CodeKey] = code;
        problem.Extensions[MessageKey] = sentence;
        return TypedResults.Problem(problem);
    }

    /// <summary>The control core's refusal: a 400 about the value sent, or a 409 about the device's state.</summary>
    public static ProblemHttpResult Refused(CommandOutcome outcome, Refusal refusal, bool inputError) =>
        inputError
            ? FieldSentence(refusal.Field ?? "body", outcome.ToString(), refusal.Sentence)
            : Problem(StatusCodes.Status409Conflict, "Problem.Title.Conflict", outcome.ToString(), refusal.Sentence);

    public static ProblemHttpResult Conflict(ApiErrorCode code, params object[] args) =>
        Problem(StatusCodes.Status409Conflict, "Problem.Title.Conflict", code.ToString(), Message(code, args));

    /// <summary>A 409 whose sentence comes from elsewhere (the service desk's English refusals).</summary>
    public static ProblemHttpResult Conflict(string message) =>
        Problem(StatusCodes.Status409Conflict, "Problem.Title.Conflict", nameof(ApiErrorCode.ServiceRefused), message);

    public static ProblemHttpResult NotFound(string field, ApiErrorCode code, params object[] args) =>
        Problem(StatusCodes.Status404NotFound, "Problem.Title.NotFound", code.ToString(), $"{field}: {Message(code, args)}", Message(code, args));

    public static ProblemHttpResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Problem.Title.TooLarge", nameof(ApiErrorCode.BodyTooLarge), $"body: {Message(ApiErrorCode.BodyTooLarge, limit)}", Message(ApiErrorCode.BodyTooLarge, limit));

    public static ProblemHttpResult UnsupportedMediaType() =>
        Caller(StatusCodes.Status415UnsupportedMediaType, "Problem.Title.UnsupportedMediaType", ContentTypeField, ApiErrorCode.ContentTypeNotJson);

    /// <summary>
    /// A refusal about the request's headers or its caller (the caller guard's 401, 403 and 415):
    /// <c>detail</c> is <c>header: sentence</c>, naming the header at fault as a 400 names its field.
    /// </summary>
    public static ProblemHttpResult Caller(int status, string titleKey, string header, ApiErrorCode code, params object[] args) =>
        Problem(status, titleKey, code.ToString(), $"{header}: {Message(code, args)}", Message(code, args));

    public static ProblemHttpResult Unavailable(ApiErrorCode code, params object[] args) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Problem.Title.Unavailable", code.ToString(), Message(code, args));

    /// <summary>A 503 whose sentence comes from elsewhere (the service desk's English refusals).</summary>
    public static ProblemHttpResult Unavailable(string message) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Problem.Title.Unavailable", nameof(ApiErrorCode.ServiceRefused), message);

    /// <summary>A 400 whose message, <c>field: …</c>, comes from elsewhere (the engineer endpoints' English).</summary>
    public static ProblemHttpResult Field(string field, string message) =>
        FieldSentence(field, nameof(ApiErrorCode.ServiceRefused), message.StartsWith(field + ":", StringComparison.Ordinal) ? message[(field.Length + 1)..].TrimStart() : message);

    /// <summary>A 404 whose message comes from elsewhere (the engineer endpoints' English).</summary>
    public static ProblemHttpResult NotFound(string message) =>
        Problem(StatusCodes.Status404NotFound, "Problem.Title.NotFound", nameof(ApiErrorCode.ServiceRefused), message);

    /// <summary>A 400 from a message that starts with its field's name (<c>"targetMpa: …"</c>), from the service desk.</summary>
    public static ProblemHttpResult FieldMessage(string message)
    {
        var field = FieldOf(message);
        return FieldSentence(field, nameof(ApiErrorCode.ServiceRefused), field == "body" ? message : message[(field.Length + 1)..].TrimStart());
    }

    private static ProblemHttpResult Problem(int status, string titleKey, string code, string detail, string? message = null)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = Text[titleKey], Detail = detail };
        problem.Extensions[CodeKey] = code;
        problem.Extensions[MessageKey] = message ?? detail;
        return TypedResults.Problem(problem);
    }

    /// <summary>The field a message names before its first colon, or <c>body</c> if it names none.</summary>
    internal static string FieldOf(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && message.AsSpan(0, colon).IndexOfAnyExcept(FieldNameCharacters) < 0
            ? message[..colon]
            : "body";
    }
}
