using System.Net;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Telemetry.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace HydroOxygen.Controller.Telemetry.Publishing;

/// <summary>Puts fleet telemetry (DESIGN §3.6) and the metrics into the host.</summary>
public static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";
    public const string ServiceName = "hydroxy-controller";

    /// <summary>
    /// The telemetry state (always, for <c>/api/status</c>), the publisher when
    /// <see cref="TelemetryOptions.Enabled"/>, and the metrics. Register after the records writer
    /// and before the event pump: hosted services stop in reverse order, so the publisher still
    /// sends what the loop's shutdown sequence recorded.
    /// </summary>
    /// <param name="dataDirectory">Where a device id is kept on a machine without a machine id.</param>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, TelemetryOptions options, string dataDirectory)
    {
        services.AddSingleton(options);
        var deviceId = options.Enabled ? DeviceIdentity.Resolve(options.DeviceId, dataDirectory) : null;
        services.AddSingleton(new TelemetryState(options, deviceId));
        // The wear counters where the device keeps them (the API registers them), else the records' totals.
        services.TryAddSingleton<IMaintenanceSource>(sp =>
            sp.GetService<Supplies.SuppliesService>() is { } supplies
                ? new CountersMaintenanceSource(sp.GetRequiredService<Records.RecordsWriter>(), supplies)
                : new RecordsMaintenanceSource(sp.GetRequiredService<Records.RecordsWriter>()));
        if (options.Enabled)
        {
            services.AddHostedService<TelemetryService>();
        }

        services.AddSingleton<ControllerMetrics>();
        services.AddSingleton<IControlEventSink>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.AddHostedService<LoopLatenessSampler>();
        if (options.Metrics)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(ServiceName))
                .WithMetrics(metrics => metrics
                .AddMeter(ControllerMetrics.MeterName)
                .AddView(ControllerMetrics.Lateness, new ExplicitBucketHistogramConfiguration { Boundaries = ControllerMetrics.LatenessBoundaries })
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        return services;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus text, for callers on this machine only: from a loopback
    /// address and naming a loopback host (a page elsewhere that rebinds its name to 127.0.0.1 is
    /// refused too). Anyone else gets the 404 of a path that does not exist.
    /// </summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<TelemetryOptions>().Metrics)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == MetricsPath && IsLocal(context));
        }

        return app;
    }

    internal static bool IsLocal(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return false;
        }

        var host = context.Request.Host.Host;
        return host is "localhost" or "[::1]" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
