using System.Buffers;
using System.Globalization;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// Session records and the event log: listing, one session with its events, CSV exports (the same
/// bytes as the <c>sessions export</c> command), and the optional client code.
/// </summary>
/// <remarks>
/// Reads go straight to SQLite on the request thread: they are local, small and quick, and under
/// WAL never wait for the writer.
/// </remarks>
public static class RecordEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
    public const int MaxClientCodeLength = 16;

    /// <summary>The longest daily summary one request may ask for, days.</summary>
    public const int MaxSummaryDays = 366;

    /// <summary>The summary's default span, days (this week: today and the six before).</summary>
    public const int DefaultSummaryDays = 7;

    internal static readonly RequestShape ClientCodeShape = new(
        """{"code": "C-0042"}""",
        new Dictionary<string, Expectation> { ["code"] = new("Expect.ClientCode", MaxClientCodeLength) });

    public static RouteGroupBuilder MapRecordEndpoints(this RouteGroupBuilder api, bool clientCodes)
    {
        api.MapGet("/sessions", Sessions)
            .WithSummary("Session records, newest first (?limit=1–1000, default 50)")
            .AddOpenApiOperationTransformer(ApiDocument.IntegerQuery("limit", 1, MaxLimit, DefaultLimit, ApiDocumentMessages.Limit))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sessions/summary", Summary)
            .WithSummary("Treatments, treatment and spray minutes, liquid, oxygen and alarms per local day and per program (?from=&to=, yyyy-MM-dd; default the last 7 days)")
            .AddOpenApiOperationTransformer(ApiDocument.DateQuery("from", ApiDocumentMessages.SummaryFrom))
            .AddOpenApiOperationTransformer(ApiDocument.DateQuery("to", ApiDocumentMessages.SummaryTo))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sessions/summary.csv", SummaryCsv)
            .WithSummary("The daily summary as CSV: a row per day, then a row per program used that day")
            .AddOpenApiOperationTransformer(ApiDocument.DateQuery("from", ApiDocumentMessages.SummaryFrom))
            .AddOpenApiOperationTransformer(ApiDocument.DateQuery("to", ApiDocumentMessages.SummaryTo))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sessions/{id:long}", Session)
            .WithSummary("One session record with its event log")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sessions/export.csv", ExportAll)
            .WithSummary("Every session record as CSV, oldest first")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sessions/{id:long}/export.csv", ExportOne)
            .WithSummary("One session record as CSV")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sessions/{id:long}/events.csv", ExportEvents)
            .WithSummary("One session's event log as CSV")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/events", Events)
            .WithSummary("The latest entries of the event log (state changes, alarms, commands), newest first (?limit=1–1000, default 50)")
            .AddOpenApiOperationTransformer(ApiDocument.IntegerQuery("limit", 1, MaxLimit, DefaultLimit, ApiDocumentMessages.Limit))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        if (clientCodes)
        {
            api.MapPost("/sessions/current/client-code", SetClientCode)
                .Accepts<ClientCodeRequest>("application/json")
                .WithSummary("Sets the open session's client code (enabled by Records:ClientCodes)")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }

        return api;
    }

    private static Results<Ok<SessionListResponse>, ProblemHttpResult> Sessions(RecordsWriter records, string? limit)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        var (count, problem) = ParseLimit(limit);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(new SessionListResponse(queries.Sessions(count), records.OpenSessionId));
    }

    private static Results<Ok<DailySummary>, ProblemHttpResult> Summary(RecordsWriter records, string? from, string? to)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        var (range, problem) = ParseDays(from, to, DateTimeOffset.UtcNow);
        return problem ?? (Results<Ok<DailySummary>, ProblemHttpResult>)TypedResults.Ok(queries.Summary(range.From, range.To, TimeZoneInfo.Local));
    }

    private static Results<ContentHttpResult, ProblemHttpResult> SummaryCsv(RecordsWriter records, HttpResponse response, string? from, string? to)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        var (range, problem) = ParseDays(from, to, DateTimeOffset.UtcNow);
        if (problem is not null)
        {
            return problem;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"summary-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv");
        return Csv(response, name, SessionCsv.Summary(queries.Summary(range.From, range.To, TimeZoneInfo.Local)));
    }

    /// <summary>The local days asked for: both given, one given, or the last seven days ending today on the device.</summary>
    internal static ((DateOnly From, DateOnly To) Range, ProblemHttpResult? Problem) ParseDays(string? from, string? to, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.Local).DateTime);
        DateOnly? Parse(string? text) =>
            text is null ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
            : DateOnly.MinValue;
        var (first, last) = (Parse(from), Parse(to));
        if (first == DateOnly.MinValue)
        {
            return (default, ApiProblems.Field("from", ApiErrorCode.DateInvalid, from!));
        }

        if (last == DateOnly.MinValue)
        {
            return (default, ApiProblems.Field("to", ApiErrorCode.DateInvalid, to!));
        }

        var end = last ?? (first is { } f ? f.AddDays(DefaultSummaryDays - 1) : today);
        var start = first ?? end.AddDays(-(DefaultSummaryDays - 1));
        var days = end.DayNumber - start.DayNumber + 1;
        return days is < 1 or > MaxSummaryDays
            ? (default, ApiProblems.Field("to", ApiErrorCode.DateRangeInvalid, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), MaxSummaryDays, end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            : ((start, end), null);
    }

    private static Results<Ok<SessionDetailResponse>, ProblemHttpResult> Session(RecordsWriter records, long id)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        return queries.Session(id) is { } session
            ? TypedResults.Ok(new SessionDetailResponse(session, queries.EventsOf(id)))
            : NoSuchSession(id);
    }

    private static Results<ContentHttpResult, ProblemHttpResult> ExportAll(RecordsWriter records, HttpResponse response)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        return Csv(response, "sessions.csv", SessionCsv.Sessions(queries.AllSessionsInOrder()));
    }

    private static Results<ContentHttpResult, ProblemHttpResult> ExportOne(RecordsWriter records, HttpResponse response, long id)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        return queries.Session(id) is { } session
            ? Csv(response, $"session-{id}.csv", SessionCsv.Sessions([session]))
            : NoSuchSession(id);
    }

    private static Results<ContentHttpResult, ProblemHttpResult> ExportEvents(RecordsWriter records, HttpResponse response, long id)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        return queries.Session(id) is null
            ? NoSuchSession(id)
            : Csv(response, $"session-{id}-events.csv", SessionCsv.Events(queries.EventsOf(id)));
    }

    private static Results<Ok<EventListResponse>, ProblemHttpResult> Events(RecordsWriter records, string? limit)
    {
        if (records.Queries is not { } queries)
        {
            return Unavailable(records);
        }

        var (count, problem) = ParseLimit(limit);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(new EventListResponse(queries.RecentEvents(count)));
    }

    private static async Task<Results<Ok<ClientCodeResponse>, ProblemHttpResult>> SetClientCode(
        HttpRequest request, RecordsWriter records, CancellationToken cancellationToken)
    {
        if (records.Problem is not null)
        {
            return Unavailable(records);
        }

        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.ClientCodeRequest, ClientCodeShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var code = body.Value!.Code;
        if (code is null || code.Length is 0 or > MaxClientCodeLength || code.AsSpan().IndexOfAnyExcept(ClientCodeCharacters) >= 0)
        {
            return code is null
                ? ApiProblems.Field("code", ApiErrorCode.FieldRequired, ClientCodeShape.Expected("code"))
                : ApiProblems.Field("code", ApiErrorCode.ClientCodeInvalid, ClientCodeShape.Expected("code"));
        }

        long? session;
        try
        {
            session = await records.SetClientCodeAsync(code).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            return ApiProblems.Unavailable(ApiErrorCode.RecordsUnavailable, ex.Message);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return ApiProblems.Unavailable(ApiErrorCode.ClientCodeNotWritten, ex.Message);
        }

        return session is { } id
            ? TypedResults.Ok(new ClientCodeResponse(id, code))
            : ApiProblems.Conflict(ApiErrorCode.NoOpenSession);
    }

    private static readonly SearchValues<char> ClientCodeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    private static (int Value, ProblemHttpResult? Problem) ParseLimit(string? text)
    {
        if (text is null)
        {
            return (DefaultLimit, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? (limit, null)
            : (0, ApiProblems.Field("limit", ApiErrorCode.LimitInvalid, MaxLimit, text));
    }

    private static ContentHttpResult Csv(HttpResponse response, string fileName, string csv)
    {
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        return TypedResults.Text(SessionCsv.ByteOrderMark + csv, "text/csv; charset=utf-8");
    }

    private static ProblemHttpResult Unavailable(RecordsWriter records) =>
        records.Problem is { } problem
            ? ApiProblems.Unavailable(ApiErrorCode.RecordsUnavailable, problem)
            : ApiProblems.Unavailable(ApiErrorCode.RecordsUnavailable, ResourceText.Current["Records.NoDatabase"].Value);

    private static ProblemHttpResult NoSuchSession(long id) =>
        ApiProblems.NotFound("id", ApiErrorCode.NoSuchSession, id);
}
