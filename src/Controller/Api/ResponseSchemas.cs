using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Records;
using Microsoft.OpenApi;

namespace HydroOxygen.Controller.Api;

/// <summary>The names the answers use, as enums: states, programs, gas sources, alarms, faults.</summary>
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
        else if (type == typeof(FaultKindResponse))
        {
            Enum(schema, "name", ApiDocument.InjectableFaults);
        }
        else if (type == typeof(FaultResponse))
        {
            Enum(schema, "fault", ApiDocument.InjectableFaults);
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
