using System.Buffers;
using System.Globalization;
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
            : ApiProblems.Unavailable(ApiErrorCode.RecordsUnavailable, "no database is open");

    private static ProblemHttpResult NoSuchSession(long id) =>
        ApiProblems.NotFound("id", ApiErrorCode.NoSuchSession, id);
}
