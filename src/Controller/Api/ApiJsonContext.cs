using System.Text.Json;
using System.Text.Json.Serialization;
using HydroOxygen.Controller.Records;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// Source-generated JSON for every body the API reads or writes. Requests are strict: exact
/// camelCase names, numbers as numbers, unknown members refused.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(DeviceResponse))]
[JsonSerializable(typeof(CommandResponse))]
[JsonSerializable(typeof(SetpointRequest))]
[JsonSerializable(typeof(ProgramRequest))]
[JsonSerializable(typeof(SourceRequest))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(PedalRequest))]
[JsonSerializable(typeof(PowerRequest))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(FaultClearRequest))]
[JsonSerializable(typeof(PedalResponse))]
[JsonSerializable(typeof(PowerResponse))]
[JsonSerializable(typeof(FaultResponse))]
[JsonSerializable(typeof(FaultCatalogResponse))]
[JsonSerializable(typeof(SessionListResponse))]
[JsonSerializable(typeof(SessionDetailResponse))]
[JsonSerializable(typeof(EventListResponse))]
[JsonSerializable(typeof(ClientCodeRequest))]
[JsonSerializable(typeof(ClientCodeResponse))]
[JsonSerializable(typeof(SessionRecord))]
[JsonSerializable(typeof(DailySummary))]
[JsonSerializable(typeof(EventRecord))]
[JsonSerializable(typeof(LiveSample))]
[JsonSerializable(typeof(LiveSample[]))]
[JsonSerializable(typeof(UiStringsResponse))]
[JsonSerializable(typeof(LanguageRequest))]
[JsonSerializable(typeof(LanguageChoiceResponse))]
[JsonSerializable(typeof(PlansResponse))]
[JsonSerializable(typeof(PlanStartRequest))]
[JsonSerializable(typeof(PlanSummaryResponse))]
[JsonSerializable(typeof(DayRoutinesResponse))]
[JsonSerializable(typeof(BottleRefilledRequest))]
[JsonSerializable(typeof(CylinderChangedRequest))]
[JsonSerializable(typeof(MaintenanceIntervalRequest))]
[JsonSerializable(typeof(MaintenanceServicedRequest))]
[JsonSerializable(typeof(ConsumablesResponse))]
[JsonSerializable(typeof(MaintenanceResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
