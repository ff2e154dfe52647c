using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using HydroOxygen.Simulator.Devices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Localization;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The local HTTP API and dashboard of DESIGN §3.4, and the session records behind them
/// (registered by the host).
/// </summary>
/// <remarks>
/// <para>
/// Everything here lives off the tick. Readers use the loop's lock-free status snapshot; commands
/// go through its bounded command queue; the loop's events arrive through the event pump as sinks
/// (command verdicts, session records). SQLite is written by the records writer's own thread.
/// </para>
/// <para>
/// Service-engineer endpoints (calibration, leak test, tuning) are not here: they live in
/// <c>src/Controller/Service</c>, behind the engineer credential, and the host maps them with
/// <c>app.MapServiceEndpoints()</c> beside <see cref="MapControllerApi"/>. They may reuse
/// <see cref="JsonBody"/>, <see cref="ApiProblems"/> and <see cref="CommandGateway"/>.
/// </para>
/// </remarks>
public static class ApiEndpoints
{
    public const string OpenApiPath = "/openapi/v1.json";

    public static IServiceCollection AddControllerApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);

            // Answers are read by people with curl too: "Ready → Spraying", "0.30–0.60 MPa" as written.
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

            // Numbers are numbers, as the request readers take them; the OpenAPI schemas follow these options.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var code = context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => ApiErrorCode.NotFound,
                StatusCodes.Status405MethodNotAllowed => ApiErrorCode.MethodNotAllowed,
                StatusCodes.Status415UnsupportedMediaType => ApiErrorCode.ContentTypeNotJson,
                StatusCodes.Status500InternalServerError => ApiErrorCode.InternalError,
                _ => (ApiErrorCode?)null,
            };
            if (code is { } known && context.ProblemDetails.Detail is null)
            {
                var message = ApiProblems.Message(known, OpenApiPath);
                context.ProblemDetails.Detail = known == ApiErrorCode.ContentTypeNotJson ? $"{ApiProblems.ContentTypeField}: {message}" : message;
                context.ProblemDetails.Extensions.TryAdd(ApiProblems.CodeKey, known.ToString());
                context.ProblemDetails.Extensions.TryAdd(ApiProblems.MessageKey, message);
                context.ProblemDetails.Title = ResourceText.Current[known switch
                {
                    ApiErrorCode.NotFound => "Problem.Title.NotFound",
                    ApiErrorCode.MethodNotAllowed => "Problem.Title.MethodNotAllowed",
                    ApiErrorCode.ContentTypeNotJson => "Problem.Title.UnsupportedMediaType",
                    _ => "Problem.Title.Error",
                }];
            }
            else if (!context.ProblemDetails.Extensions.ContainsKey(ApiProblems.CodeKey) && context.ProblemDetails.Detail is { } detail
                && context.HttpContext.Request.Path.StartsWithSegments("/api/service", StringComparison.OrdinalIgnoreCase))
            {
                // The engineer's credential check answers with its own English sentences: these too
                // carry a code and a message, as every problem answer does and the OpenAPI document says.
                context.ProblemDetails.Extensions[ApiProblems.CodeKey] = nameof(ApiErrorCode.ServiceRefused);
                context.ProblemDetails.Extensions[ApiProblems.MessageKey] = detail;
            }
        });
        services.AddOpenApi(ApiDocument.Describe);

        // The host registers the validated Records and Api sections; defaults otherwise (tests, tools).
        services.TryAddSingleton(new RecordsOptions());
        services.TryAddSingleton(new UiOptions());
        services.TryAddSingleton(sp => new DeviceLanguage(
            sp.GetRequiredService<UiOptions>(),
            DeviceLanguageDirectory(sp.GetRequiredService<RecordsOptions>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ILogger<DeviceLanguage>>()));
        services.AddSingleton<IStringLocalizer<Strings>>(ResourceText.Current);
        services.AddCallerGuard();
        services.AddSingleton<LoopClock>();
        services.AddSingleton<StatusMapper>();
        services.AddSingleton<CommandConfirmations>();
        services.AddSingleton<IControlEventSink>(sp => sp.GetRequiredService<CommandConfirmations>());
        services.AddSingleton<CommandGateway>();

        // Registered before the host's event pump, so that it starts before it and stops after it:
        // the pump's last drain (the shutdown sequence's events) still gets written.
        services.AddSingleton<RecordsWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordsWriter>());
        services.AddSingleton<IControlEventSink, RecordingSink>();

        // Consumables and wear counters (DESIGN §2.8), kept beside the session records; registered
        // before the host's loop service, so that they stop after it and take the shutdown's use in.
        services.TryAddSingleton(new Supplies.SuppliesOptions());
        services.TryAddSingleton(sp => new Supplies.SupplyStore(DeviceLanguageDirectory(
            sp.GetRequiredService<RecordsOptions>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<Supplies.SuppliesService>();
        services.AddHostedService(sp => sp.GetRequiredService<Supplies.SuppliesService>());

        services.AddSingleton<LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());

        // Resolved only by the /api/sim endpoints, which exist only with a simulated board.
        services.AddSingleton(sp =>
        {
            var runtime = sp.GetRequiredService<ControllerRuntime>();
            var device = runtime.Board as ISimulatedDevice
                ?? throw new InvalidOperationException("the simulator controls need the simulator backend");
            var powerOnAtStart = sp.GetService<DeviceOptions>()?.Simulator.PowerSwitchOnAtStart ?? true;
            return new SimulatorControls(device, runtime.Clock, powerOnAtStart, sp.GetRequiredService<ILogger<SimulatorControls>>());
        });
        return services;
    }

    /// <summary>The screen's language choice is kept with the device's data, beside the session records.</summary>
    private static string DeviceLanguageDirectory(RecordsOptions records, string contentRoot) =>
        Path.IsPathRooted(records.Directory) ? records.Directory : Path.Combine(contentRoot, records.Directory);

    public static WebApplication MapControllerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runtime = app.Services.GetRequiredService<ControllerRuntime>();
        var records = app.Services.GetRequiredService<RecordsOptions>();

        // First, so that everything after it, error pages included, answers in the request's language.
        var language = app.Services.GetRequiredService<DeviceLanguage>();
        var cultures = Localization.Languages.All.Select(Localization.Languages.Culture).ToList();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Localization.Languages.Culture(language.Configured)),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new RequestLanguage(language)],
        });

        // Unhandled exceptions and bare status codes (404, 405, 415 from routing) answer with problem documents too.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCallerGuard();
        app.UseDashboard();
        app.MapOpenApi(OpenApiPath);

        var api = app.MapGroup("/api").WithTags("controller");
        api.MapStatusEndpoints();
        api.MapCommandEndpoints();
        api.MapPlanEndpoints();
        api.MapUiEndpoints();
        api.MapSuppliesEndpoints();
        api.MapDayRoutineEndpoints();
        api.MapRecordEndpoints(records.Enabled && records.ClientCodes);
        if (runtime.Board is ISimulatedDevice)
        {
            api.MapGroup("/sim").WithTags("simulator").MapSimulatorEndpoints();
        }
        return app;
    }
}
