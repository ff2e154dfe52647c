using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Service;
using HydroOxygen.Simulator.Plant;
using Microsoft.OpenApi;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The request bodies as <see cref="JsonBody"/> takes them: each field's type without null (a null
/// is refused as missing, or means the same as leaving an optional field out), the fields that are
/// required, no others, the names accepted as enums, the ranges checked, and each field described
/// with the same words its 400 answer uses (the request shapes), in English: the document is for
/// programmers, like the log.
/// </summary>
internal static class RequestSchemas
{
    public static void Describe(OpenApiSchema schema, Type type, IServiceProvider services)
    {
        var programs = ApiDocument.ProgramNames(services);
        (RequestShape Shape, string[] Required)? known = type switch
        {
            _ when type == typeof(SetpointRequest) => (CommandEndpoints.SetpointShape, ["mpa"]),
            _ when type == typeof(ProgramRequest) => (ProgramShape(services), ["name"]),
            _ when type == typeof(SourceRequest) => (CommandEndpoints.SourceShape, ["source"]),
            _ when type == typeof(PlanStartRequest) => (PlanShape(services), ["plan"]),
            _ when type == typeof(EmptyRequest) => (RequestShape.None, []),
            _ when type == typeof(PedalRequest) => (SimulatorEndpoints.PedalShape, ["down"]),
            _ when type == typeof(PowerRequest) => (SimulatorEndpoints.PowerShape, ["on"]),
            _ when type == typeof(FaultRequest) => (SimulatorEndpoints.FaultShape, ["fault"]),
            _ when type == typeof(FaultClearRequest) => (SimulatorEndpoints.FaultClearShape, ["fault"]),
            _ when type == typeof(ClientCodeRequest) => (RecordEndpoints.ClientCodeShape, ["code"]),
            _ when type == typeof(LanguageRequest) => (UiEndpoints.LanguageShape, ["language"]),
            _ when type == typeof(HoldRequest) => (ServiceEndpoints.HoldShape, ["targetMpa"]),
            _ when type == typeof(ReferenceRequest) => (ServiceEndpoints.ReferenceShape, ["referenceMpa"]),
            _ when type == typeof(LeakTestRequest) => (ServiceEndpoints.LeakShape, []),
            _ when type == typeof(StepTestRequest) => (ServiceEndpoints.StepShape, []),
            _ when type == typeof(CertificateRequest) => (ServiceEndpoints.CertificateShape, ["referenceId"]),
            _ when type == typeof(BottleRefilledRequest) => (SuppliesEndpoints.RefillShape, ["ml"]),
            _ when type == typeof(CylinderChangedRequest) => (SuppliesEndpoints.CylinderShape, ["litres", "mpa"]),
            _ when type == typeof(MaintenanceIntervalRequest) => (SuppliesEndpoints.IntervalShape, ["item", "interval"]),
            _ when type == typeof(MaintenanceServicedRequest) => (SuppliesEndpoints.ServicedShape, ["item"]),
            _ => null,
        };
        if (known is not { } request)
        {
            return;
        }

        schema.AdditionalPropertiesAllowed = false;
        schema.Required = new HashSet<string>(request.Required, StringComparer.Ordinal);
        foreach (var (name, value) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (value is OpenApiSchema property)
            {
                property.Type &= ~JsonSchemaType.Null;
                property.Description = request.Shape.Expected(name, ResourceText.English);
            }
        }

        if (type == typeof(SetpointRequest))
        {
            Range(schema, "mpa", PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa);
        }
        else if (type == typeof(ProgramRequest))
        {
            Enum(schema, "name", programs);
        }
        else if (type == typeof(PlanStartRequest))
        {
            Enum(schema, "plan", ApiDocument.PlanNames(services));
        }
        else if (type == typeof(SourceRequest))
        {
            Enum(schema, "source", ApiDocument.SourceNames);
        }
        else if (type == typeof(PedalRequest))
        {
            Range(schema, "leaseS", SimulatorEndpoints.MinLeaseS, SimulatorEndpoints.MaxLeaseS);
        }
        else if (type == typeof(FaultRequest) || type == typeof(FaultClearRequest))
        {
            Enum(schema, "fault", ApiDocument.InjectableFaults);
            Enum(schema, "target", FaultNames.AllTargets);
        }
        else if (type == typeof(LanguageRequest))
        {
            Enum(schema, "language", Languages.All);
        }
        else if (type == typeof(ClientCodeRequest) && ApiDocument.Property(schema, "code") is { } code)
        {
            code.Pattern = $"^[A-Za-z0-9_-]{{1,{RecordEndpoints.MaxClientCodeLength}}}$";
        }
        else if (type == typeof(HoldRequest))
        {
            Range(schema, "targetMpa", 0.0, PressureLimits.MaxSetpointMpa);
        }
        else if (type == typeof(LeakTestRequest))
        {
            Range(schema, "pressureMpa", 0.1, 0.6);
            Range(schema, "settleS", 0, 600);
            Range(schema, "durationS", 1, 600);
            Range(schema, "limitMpa", null, 0.2);
            if (ApiDocument.Property(schema, "limitMpa") is { } limit)
            {
                limit.ExclusiveMinimum = "0";
            }

            Range(schema, "limitKpaPerMin", null, LeakTestOptions.MaxLimitKpaPerMin);
            if (ApiDocument.Property(schema, "limitKpaPerMin") is { } rate)
            {
                rate.ExclusiveMinimum = "0";
            }
        }
        else if (type == typeof(BottleRefilledRequest))
        {
            Range(schema, "ml", null, SuppliesEndpoints.MaxRefillMl);
            if (ApiDocument.Property(schema, "ml") is { } ml)
            {
                ml.ExclusiveMinimum = "0";
            }
        }
        else if (type == typeof(CylinderChangedRequest))
        {
            Range(schema, "litres", SuppliesEndpoints.MinCylinderLitres, SuppliesEndpoints.MaxCylinderLitres);
            Range(schema, "mpa", SuppliesEndpoints.MinCylinderMpa, SuppliesEndpoints.MaxCylinderMpa);
        }
        else if (type == typeof(MaintenanceIntervalRequest))
        {
            Enum(schema, "item", Supplies.WearItems.Names);
            Range(schema, "interval", Supplies.WearItems.MinInterval, Supplies.WearItems.MaxInterval);
        }
        else if (type == typeof(MaintenanceServicedRequest))
        {
            Enum(schema, "item", Supplies.WearItems.Names);
        }
        else if (type == typeof(StepTestRequest))
        {
            Range(schema, "fromMpa", PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa);
            Range(schema, "toMpa", PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa);
            Range(schema, "recordS", 0.2, 10);
        }
    }

    private static RequestShape ProgramShape(IServiceProvider services) =>
        ApiDocument.Runtime(services) is { } runtime ? CommandEndpoints.ProgramShape(runtime.Core.Programs) : CommandEndpoints.ProgramShape([]);

    private static RequestShape PlanShape(IServiceProvider services) =>
        PlanEndpoints.StartShape(ApiDocument.Runtime(services)?.Core.Plans ?? new PlanTable([], []));

    private static void Range(OpenApiSchema schema, string name, double? minimum, double maximum)
    {
        if (ApiDocument.Property(schema, name) is { } property)
        {
            property.Minimum = minimum?.ToString(CultureInfo.InvariantCulture);
            property.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void Enum(OpenApiSchema schema, string name, IEnumerable<string> values)
    {
        if (ApiDocument.Property(schema, name) is { } property)
        {
            property.Enum = ApiDocument.Names(values);
        }
    }
}
