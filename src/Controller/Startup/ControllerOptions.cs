using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Hosting;

namespace HydroOxygen.Controller.Startup;

/// <summary>Every configuration section the service reads, bound and validated together.</summary>
public sealed record ControllerOptions(
    ControllerSettings Settings,
    DeviceOptions Device,
    LoggingOptions Logging,
    RecordsOptions Records,
    ServiceOptions Service,
    UiOptions Ui,
    ApiOptions Api)
{
    /// <summary>The <c>Telemetry</c> section (fleet telemetry and metrics, DESIGN §3.6).</summary>
    public Telemetry.TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>The <c>Supplies</c> section (consumables and wear counters, DESIGN §2.8).</summary>
    public Supplies.SuppliesOptions Supplies { get; init; } = new();
}
