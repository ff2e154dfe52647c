using System.Text.Json.Nodes;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Service;
using HydroOxygen.Simulator.Plant;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// Makes <c>/openapi/v1.json</c> say what the server does (DESIGN §3.4): request bodies as the
/// strict reader takes them (numbers are numbers, no nulls, no unknown fields, which fields are
/// required), the names it accepts as enums, the caller guard's and the engineer check's refusals,
/// and the two security schemes. An independent checker (the OpenAPI conformance test) holds the
/// server to it.
/// </summary>
public static class ApiDocument
{
    public const string EngineerScheme = "engineer";
    public const string OperatorScheme = "operatorToken";
    public const string ProblemSchema = "ProblemDetails";

    public static void Describe(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = ApiDocumentMessages.Title;
            document.Info.Description = ApiDocumentMessages.Description;
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [EngineerScheme] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic", Description = ApiDocumentMessages.EngineerScheme },
                [OperatorScheme] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = ApiDocumentMessages.OperatorScheme },
            };
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo is null)
            {
                RequestSchemas.Describe(schema, context.JsonTypeInfo.Type, context.ApplicationServices);
                ResponseSchemas.Describe(schema, context.JsonTypeInfo.Type, context.ApplicationServices);
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            DescribeCallerChecks(operation, context);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// An integer query parameter, for handlers that read it as text so that a bad one is answered
    /// with its field and range rather than a bare 400.
    /// </summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> IntegerQuery(string name, int minimum, int maximum, int fallback, string description) =>
        (operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == name))
            {
                parameter.Description = $"{description} ({minimum}–{maximum}, default {fallback})";
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = fallback,
                };
            }

            return Task.CompletedTask;
        };

    /// <summary>A query parameter that is a calendar day, yyyy-MM-dd.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> DateQuery(string name, string description) =>
        (operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == name))
            {
                parameter.Description = description;
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" };
            }

            return Task.CompletedTask;
        };

    /// <summary>The server-sent events stream is text, not a JSON document.</summary>
    public static Task DescribeEventStream(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Description = ApiDocumentMessages.Stream;
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/event-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>A body that may be left out, and if sent must be <c>{}</c>.</summary>
    public static Task DescribeEmptyBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = false,
            Description = ApiDocumentMessages.EmptyBody,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = false, MaxProperties = 0 },
                },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>The refusals of <see cref="CallerGuard"/> and of the engineer check, from the same rules they apply.</summary>
    private static void DescribeCallerChecks(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var path = new PathString("/" + context.Description.RelativePath);
        var method = context.Description.HttpMethod ?? "GET";
        var document = context.Document ?? throw new InvalidOperationException("the OpenAPI operation has no document");
        operation.Responses ??= [];
        var engineer = path.StartsWithSegments("/api/service", StringComparison.OrdinalIgnoreCase);

        Problem(
            operation,
            document,
            StatusCodes.Status403Forbidden,
            engineer
                ? ApiDocumentMessages.EngineerForbidden + Codes(ApiErrorCode.HostUnknown, ApiErrorCode.HostMissing, ApiErrorCode.OriginForeign, ApiErrorCode.ServiceRefused)
                : ApiDocumentMessages.Forbidden + Codes(ApiErrorCode.HostUnknown, ApiErrorCode.HostMissing, ApiErrorCode.OriginForeign, ApiErrorCode.AccessTokenNotConfigured));
        if (CallerGuard.ChangesState(method))
        {
            Problem(operation, document, StatusCodes.Status415UnsupportedMediaType, ApiDocumentMessages.UnsupportedMediaType + Codes(ApiErrorCode.ContentTypeNotJson));
        }

        if (CallerGuard.IsOperatorPath(path))
        {
            Problem(operation, document, StatusCodes.Status401Unauthorized, ApiDocumentMessages.OperatorUnauthorized + Codes(ApiErrorCode.AccessTokenMissing, ApiErrorCode.AccessTokenWrong));

            // Either the token, or nothing at all (from loopback).
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorScheme, document)] = [] },
                new OpenApiSecurityRequirement(),
            ];
        }
        else if (engineer)
        {
            Problem(operation, document, StatusCodes.Status401Unauthorized, ApiDocumentMessages.EngineerUnauthorized + Codes(ApiErrorCode.ServiceRefused));
            Problem(operation, document, StatusCodes.Status429TooManyRequests, ApiDocumentMessages.TooManyAttempts + Codes(ApiErrorCode.ServiceRefused));
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(EngineerScheme, document)] = [] }];
        }
    }

    private static string Codes(params ApiErrorCode[] codes) => $" (code: {string.Join(", ", codes)})";

    private static void Problem(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse known)
        {
            known.Description = description;
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }

    /// <summary>Makes a property's schema exactly the given JSON type (no null).</summary>
    internal static OpenApiSchema? Property(OpenApiSchema schema, string name) =>
        schema.Properties is { } properties && properties.TryGetValue(name, out var property) ? property as OpenApiSchema : null;

    internal static JsonNode[] Names(IEnumerable<string> names) => names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray();

    internal static ControllerRuntime? Runtime(IServiceProvider services) => services.GetService<ControllerRuntime>();

    internal static string[] ProgramNames(IServiceProvider services) =>
        Runtime(services)?.Core.Programs.Select(p => p.Name).ToArray() ?? [];

    internal static string[] PlanNames(IServiceProvider services) =>
        Runtime(services)?.Core.Plans.Plans.Select(p => p.Name).ToArray() ?? [];

    internal static string[] SourceNames => [DeviceNames.Source(GasSource.Oxygen), DeviceNames.Source(GasSource.Compressor)];

    internal static string[] InjectableFaults => FaultNames.AllKinds.Where(k => k != FaultNames.ToName(FaultKind.LoopStall)).ToArray();

    /// <summary>Every code a problem answer can carry: the API's own and the control core's refusals.</summary>
    internal static string[] ProblemCodes =>
        [.. System.Enum.GetNames<ApiErrorCode>(), .. System.Enum.GetValues<CommandOutcome>().Where(o => o != CommandOutcome.Accepted).Select(o => o.ToString())];

    internal static Type[] EngineerRequests => [typeof(HoldRequest), typeof(ReferenceRequest), typeof(LeakTestRequest), typeof(StepTestRequest), typeof(CertificateRequest)];
}
