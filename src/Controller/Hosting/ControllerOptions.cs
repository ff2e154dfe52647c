using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Service;

namespace HydroOxygen.Controller.Hosting;

/// <summary>Every configuration section the service reads, bound and validated together.</summary>
public sealed record ControllerOptions(
    ControllerSettings Settings,
    DeviceOptions Device,
    LoggingOptions Logging,
    RecordsOptions Records,
    ServiceOptions Service,
    UiOptions Ui,
    ApiOptions Api);
