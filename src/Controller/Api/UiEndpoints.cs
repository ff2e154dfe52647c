using HydroOxygen.Controller.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace HydroOxygen.Controller.Api;

/// <summary><c>GET /api/ui/strings</c>: the string table in the request's language, for the dashboard.</summary>
/// <param name="Language">The language of these strings (the request's: <see cref="RequestLanguage"/>).</param>
/// <param name="DeviceLanguage">The device's own language (configured, or chosen on its screen).</param>
/// <param name="Scope"><c>device</c> on the device's own screen, where the switch changes the device's language; <c>browser</c> elsewhere, where it changes this browser's only.</param>
public sealed record UiStringsResponse(string Language, string DeviceLanguage, string Scope, IReadOnlyList<LanguageResponse> Languages, IReadOnlyDictionary<string, string> Strings);

/// <summary>A language the screen offers, named in itself.</summary>
public sealed record LanguageResponse(string Tag, string Name);

/// <summary><c>POST /api/ui/language</c>.</summary>
public sealed record LanguageRequest(string? Language);

/// <summary>The language now in force, and whether it is the device's or this browser's.</summary>
public sealed record LanguageChoiceResponse(string Language, string Scope);

/// <summary>
/// The screen's language (DESIGN §3.5). The dashboard takes every text it shows from
/// <c>/api/ui/strings</c>, the same string table the API's messages come from: one source of truth.
/// </summary>
public static class UiEndpoints
{
    public const string DeviceScope = "device";
    public const string BrowserScope = "browser";

    public static IReadOnlyList<string> Scopes { get; } = [DeviceScope, BrowserScope];

    internal static readonly RequestShape LanguageShape = new(
        """{"language": "zh-CN"}""",
        new Dictionary<string, Expectation> { ["language"] = new("Expect.Language", string.Join(", ", Localization.Languages.All)) });

    public static RouteGroupBuilder MapUiEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/ui/strings", Strings)
            .WithSummary("Every text of the screen in the request's language (cookie, the device's language on its own screen, or Accept-Language)")
            .AddOpenApiOperationTransformer(DescribeStrings);
        api.MapPost("/ui/language", Choose)
            .Accepts<LanguageRequest>("application/json")
            .WithSummary("Switches the language: on the device's own screen the device's language (kept across restarts), elsewhere this browser's (a cookie)")
            .Produces<LanguageChoiceResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(DescribeChoice);
        return api;
    }

    private static Task DescribeStrings(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        operation.Description = ApiDocumentMessages.UiStrings;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Microsoft.Net.Http.Headers.HeaderNames.AcceptLanguage,
            In = ParameterLocation.Header,
            Required = false,
            Description = ApiDocumentMessages.AcceptLanguage,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return Task.CompletedTask;
    }

    private static Task DescribeChoice(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        operation.Description = ApiDocumentMessages.UiLanguage;
        if (operation.Responses?.TryGetValue("200", out var chosen) == true && chosen is OpenApiResponse ok)
        {
            ok.Description = ApiDocumentMessages.LanguageChosen;
            ok.Headers = new Dictionary<string, IOpenApiHeader>
            {
                [Microsoft.Net.Http.Headers.HeaderNames.SetCookie] = new OpenApiHeader { Description = ApiDocumentMessages.LanguageCookie, Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        if (operation.Responses?.TryGetValue("503", out var unsaved) == true && unsaved is OpenApiResponse unavailable)
        {
            unavailable.Description = ApiDocumentMessages.LanguageNotSaved;
        }

        return Task.CompletedTask;
    }

    private static Ok<UiStringsResponse> Strings(HttpContext context, DeviceLanguage device)
    {
        var text = ResourceText.Current;
        var strings = text.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        var languages = Localization.Languages.All.Select(l => new LanguageResponse(l, ResourceText.For(l)["Language." + l])).ToArray();
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new UiStringsResponse(text.Language, device.Current, Scope(context), languages, strings));
    }

    private static async Task<Results<Ok<LanguageChoiceResponse>, ProblemHttpResult>> Choose(
        HttpRequest request, DeviceLanguage device, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.LanguageRequest, LanguageShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.Language is not { } language)
        {
            return ApiProblems.Field("language", ApiErrorCode.FieldRequired, LanguageShape.Expected("language"));
        }

        if (!Localization.Languages.IsExact(language))
        {
            return ApiProblems.Field("language", ApiErrorCode.LanguageUnsupported, language, string.Join(", ", Localization.Languages.All));
        }

        var scope = Scope(request.HttpContext);
        if (scope == DeviceScope)
        {
            try
            {
                device.Choose(language);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ApiProblems.Unavailable(ApiErrorCode.LanguageNotSaved, ex.Message);
            }

            // A browser's own earlier choice would hide the device's.
            request.HttpContext.Response.Cookies.Delete(RequestLanguage.CookieName);
        }
        else
        {
            request.HttpContext.Response.Cookies.Append(RequestLanguage.CookieName, language, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
                Path = "/",
            });
        }

        return TypedResults.Ok(new LanguageChoiceResponse(language, scope));
    }

    private static string Scope(HttpContext context) => RequestLanguage.IsDeviceScreen(context) ? DeviceScope : BrowserScope;
}
