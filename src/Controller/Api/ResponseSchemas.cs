using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace HydroOxygen.Controller.Api;

/// <summary>The names the answers use, as enums: states, programs, gas sources, alarms, faults, languages, problem codes.</summary>
internal static class ResponseSchemas
{
    public static void Describe(OpenApiSchema schema, Type type, IServiceProvider services)
    {
        if (type == typeof(StatusResponse))
        {
            Enum(schema, "state", System.Enum.GetNames<DeviceState>());
            Enum(schema, "program", ApiDocument.ProgramNames(services));
            Enum(schema, "gasSource", [.. ApiDocument.SourceNames, DeviceNames.Source(GasSource.None)]);
        }
        else if (type == typeof(AlarmResponse))
        {
            Enum(schema, "code", System.Enum.GetNames<AlarmCode>());
            Enum(schema, "priority", System.Enum.GetValues<AlarmPriority>().Select(DeviceNames.Priority).Distinct());
        }
        else if (type == typeof(DeviceResponse) && ApiDocument.Property(schema, "sources")?.Items is OpenApiSchema source)
        {
            source.Enum = ApiDocument.Names(ApiDocument.SourceNames);
        }
        else if (type == typeof(ProgramResponse))
        {
            Enum(schema, "name", ApiDocument.ProgramNames(services));
        }
        else if (type == typeof(PlanResponse) || type == typeof(PlanStatusResponse) || type == typeof(PlanSummaryResponse))
        {
            Enum(schema, "name", ApiDocument.PlanNames(services));
            if (type == typeof(PlanSummaryResponse) && ApiDocument.Property(schema, "alarms")?.Items is OpenApiSchema alarm)
            {
                alarm.Enum = ApiDocument.Names(System.Enum.GetNames<AlarmCode>());
            }
        }
        else if (type == typeof(PlanStepResponse))
        {
            Enum(schema, "program", ApiDocument.ProgramNames(services));
        }
        else if (type == typeof(FaultKindResponse))
        {
            Enum(schema, "name", ApiDocument.InjectableFaults);
        }
        else if (type == typeof(FaultResponse))
        {
            Enum(schema, "fault", ApiDocument.InjectableFaults);
        }
        else if (type == typeof(UiStringsResponse))
        {
            Enum(schema, "language", Languages.All);
            Enum(schema, "deviceLanguage", Languages.All);
            Enum(schema, "scope", UiEndpoints.Scopes);
        }
        else if (type == typeof(LanguageResponse))
        {
            Enum(schema, "tag", Languages.All);
        }
        else if (type == typeof(LanguageChoiceResponse))
        {
            Enum(schema, "language", Languages.All);
            Enum(schema, "scope", UiEndpoints.Scopes);
        }
        else if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            DescribeProblem(schema);
        }
    }

    /// <summary>
    /// Every problem answer (<see cref="ApiProblems"/>) has its status, a title and a detail in the
    /// request's language, the stable <c>code</c>, and the <c>message</c> a screen shows by itself.
    /// </summary>
    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties[ApiProblems.CodeKey] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = ApiDocumentMessages.ProblemCode,
            Enum = ApiDocument.Names(ApiDocument.ProblemCodes),
        };
        schema.Properties[ApiProblems.MessageKey] = new OpenApiSchema { Type = JsonSchemaType.String, Description = ApiDocumentMessages.ProblemMessage };
        foreach (var (name, description) in new[] { ("title", ApiDocumentMessages.ProblemTitle), ("detail", ApiDocumentMessages.ProblemDetail), ("status", (string?)null) })
        {
            if (ApiDocument.Property(schema, name) is { } property)
            {
                property.Type &= ~JsonSchemaType.Null;
                property.Description = description ?? property.Description;
            }
        }

        schema.Required = new HashSet<string>(["status", "title", "detail", ApiProblems.CodeKey, ApiProblems.MessageKey], StringComparer.Ordinal);
    }

    private static void Enum(OpenApiSchema schema, string name, IEnumerable<string> values)
    {
        if (ApiDocument.Property(schema, name) is { } property)
        {
            property.Enum = ApiDocument.Names(values);
        }
    }
}
