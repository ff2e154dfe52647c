using HydroOxygen.Controller.Core;
using HydroOxygen.Hal;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Simulator.Devices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Telemetry.Publishing;

namespace HydroOxygen.Controller.Startup;

/// <summary>
/// The controller as a service: configuration read and validated before anything touches the
/// device, Serilog to the console and rolling files, the control loop, the local HTTP API and
/// dashboard (Kestrel, 127.0.0.1 unless configured otherwise), and systemd integration.
/// </summary>
public static class ControllerHost
{
    /// <summary>Directory of the site's appsettings.json on an installed device (set by the systemd unit).</summary>
    public const string SiteConfigurationVariable = "HYDROXY_CONFIG_DIR";

    public static int Run(string[] args)
    {
        if (ConfigurationSources.CheckArguments(args) is { Count: > 0 } argumentProblems)
        {
            Console.Error.WriteLine(CliLanguage.Text()["Cli.CommandLineInvalid"]);
            foreach (var problem in argumentProblems)
            {
                Console.Error.WriteLine($"  {problem}");
            }

            return ExitCodes.Usage;
        }

        // A configuration file that is not JSON at all (or repeats a key) throws while it is
        // loaded, which happens inside these two calls; it is bad configuration, not a crash.
        WebApplicationBuilder builder;
        try
        {
            builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                ContentRootPath = AppContext.BaseDirectory,
                WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            });

            if (AddSiteConfiguration(builder.Configuration) is { } siteProblem)
            {
                return ConfigurationInvalid([siteProblem]);
            }
        }
        catch (InvalidDataException ex)
        {
            return ConfigurationInvalid([ConfigurationSources.UnreadableProblem(ex)]);
        }

        HonourUrlsVariable(builder.Configuration);
        if (ConfigurationSources.SectionProblemList(builder.Configuration) is { Count: > 0 } unknown)
        {
            return ConfigurationInvalid(unknown);
        }

        if (ReadOptions(builder.Configuration, out var options) is { Problems.Count: > 0 } problems)
        {
            return ConfigurationInvalid(problems.Problems);
        }

        var (configured, device, logging, records, service, ui, api) = options;

        // Calibration and the accepted tuning come from the data directory. Nothing there stops the
        // start: a missing or corrupt calibration leaves the device in Fault (CalibrationInvalid),
        // where the engineer can reach it to calibrate.
        var dataDirectory = StoredSetup.DataDirectory(service, builder.Environment.ContentRootPath);
        var stored = StoredSetup.Load(service, configured, builder.Environment.ContentRootPath, simulatedTransducers: device.Backend != DeviceBackend.RaspberryPi);
        var settings = stored.Settings;

        // The loop's JIT warm-up needs nothing but the settings: it runs beside the logger's set-up,
        // the registrations and the host's build, and is waited for before the loop starts.
        var warmUp = Task.Run(() => LoopWarmUp.Run(settings));
        Log.Logger = CreateLogger(logging, builder.Environment.ContentRootPath);
        foreach (var finding in stored.Findings)
        {
            Log.Write(finding.Severity switch
            {
                SetupSeverity.Error => LogEventLevel.Error,
                SetupSeverity.Warning => LogEventLevel.Warning,
                _ => LogEventLevel.Information,
            }, "{Finding}", finding.Message);
        }

        ControllerRuntime runtime;
        try
        {
            var clock = TimeProvider.System;
            var board = DeviceBoardFactory.Create(device, clock);
            runtime = new ControllerRuntime(board, settings, clock, stored.Calibration);
        }
        catch (DeviceUnavailableException ex)
        {
            Log.Fatal("{Problem}", ex.Message);
            Log.CloseAndFlush();
            return ExitCodes.Hardware;
        }

        // Whatever else happens to the process, the last act on the hardware is the safe state.
        AppDomain.CurrentDomain.UnhandledException += (_, _) => runtime.ForceSafe();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => runtime.ForceSafe();

        builder.Services.AddSerilog();
        builder.Services.AddSingleton(options.Supplies);
        builder.Services.AddControllerApi(builder.Configuration);
        builder.Services.AddServiceEndpoints(service, dataDirectory);

        // Fleet telemetry and metrics (DESIGN §3.6): after the records writer, before the event pump.
        builder.Services.AddTelemetry(options.Telemetry, Path.GetDirectoryName(records.DatabasePath(builder.Environment.ContentRootPath))!);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(device.StopTimeoutS + 10));
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(device);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(records);
        builder.Services.AddSingleton(ui);
        builder.Services.AddSingleton(api);
        builder.Services.AddSingleton<IControlEventSink, EventLogSink>();
        // Hosted services stop in reverse order: the event pump must outlive the loop's shutdown
        // sequence so that its state changes are logged. Both are started ahead of the host (EarlyLoopStart).
        builder.Services.AddSingleton<EventPump>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<EventPump>());
        AddLoopHeartbeat(builder.Services, runtime);
        builder.Services.AddSingleton<ControlLoopService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ControlLoopService>());

        WebApplication? app = null;
        try
        {
            app = builder.Build();
            warmUp.GetAwaiter().GetResult();
            return RunDevice(app);
        }
        finally
        {
            app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            runtime.Dispose();
            Log.CloseAndFlush();
        }
    }

    /// <summary>
    /// The loop starts, with its observers, before the host's endpoints and start (the self-test runs
    /// meanwhile); a stop asked for at any point after it ends in the shutdown sequence.
    /// </summary>
    private static int RunDevice(WebApplication app)
    {
        using var stopRequested = new CancellationTokenSource();

        // Until the host listens for them itself, SIGTERM and Ctrl+C would end the process at once,
        // with the loop filling the manifold: they ask for the shutdown sequence instead.
        using var signals = StopSignals.Register(stopRequested);
        var started = EarlyLoopStart.Begin(app.Services);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            app.MapControllerApi();
            app.MapServiceEndpoints();
            app.MapMetricsEndpoint();
            if (!stopRequested.IsCancellationRequested)
            {
                app.StartAsync(stopRequested.Token).GetAwaiter().GetResult();
                app.WaitForShutdownAsync(stopRequested.Token).GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (stopRequested.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopped (or the loop failed) while the host was starting: ended below, as the host would.
        }
        finally
        {
            started.EndIfHostDidNot();
        }

        return started.Loop.LoopFault is null ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>
    /// Under systemd with <c>WatchdogSec=</c>, the heartbeat goes to systemd every half timeout
    /// (DESIGN §4). On the simulated device it kicks a simulated watchdog, so that a stalled loop
    /// is reported the same way on a workstation. Hardware run by hand, outside systemd, has no
    /// watchdog to kick.
    /// </summary>
    private static void AddLoopHeartbeat(IServiceCollection services, ControllerRuntime runtime)
    {
        Func<IServiceProvider, IWatchdog> watchdog;
        TimeSpan period;
        if (SystemdHelpers.IsSystemdService() && SystemdWatchdog.TryReadTimeout(out var timeout))
        {
            watchdog = provider => new SystemdWatchdog(provider.GetRequiredService<ISystemdNotifier>());
            period = timeout / 2;
        }
        else if (runtime.Board is ISimulatedDevice)
        {
            watchdog = _ => new SimulatedWatchdog(runtime.Clock, SimulatedWatchdog.DefaultTimeout);
            period = SimulatedWatchdog.DefaultTimeout / 2;
        }
        else
        {
            return;
        }

        services.AddSingleton(watchdog);
        services.AddHostedService(provider => new LoopHeartbeat(
            provider.GetRequiredService<IWatchdog>(),
            runtime.Scheduler.Timing,
            period,
            runtime.Clock,
            provider.GetRequiredService<ILogger<LoopHeartbeat>>()));
    }

    private static int ConfigurationInvalid(IEnumerable<SettingProblem> problems)
    {
        var text = CliLanguage.Text();
        Console.Error.WriteLine(text["Cli.ConfigurationInvalid"]);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  {ConfigurationProblemText.Describe(problem, text)}");
        }

        return ExitCodes.Configuration;
    }

    /// <summary>
    /// The installed device keeps its site configuration outside the program folder, so that an
    /// upgrade never overwrites it. It sits above the shipped appsettings files and below the
    /// environment and command line, which still win.
    /// </summary>
    /// <remarks>
    /// Once the variable names a site directory, its appsettings.json is required: without it the
    /// device would run on the shipped file alone, whose backend is the simulator — an installed
    /// device quietly driving a model instead of its valves.
    /// </remarks>
    private static SettingProblem? AddSiteConfiguration(ConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable(SiteConfigurationVariable) is not { Length: > 0 } directory)
        {
            return null;
        }

        if (!Directory.Exists(directory))
        {
            return new(SiteConfigurationVariable, "SiteDirectoryMissing", "the site configuration directory '{0}' does not exist", [directory]);
        }

        var siteFile = Path.Combine(Path.GetFullPath(directory), "appsettings.json");
        if (!File.Exists(siteFile))
        {
            return new(SiteConfigurationVariable, "SiteFileMissing", "the site configuration file '{0}' does not exist (deploy/raspi/install.sh puts one there)", [siteFile]);
        }

        var sources = configuration.Sources;
        var afterShippedFiles = sources.Select((source, index) => (source, index)).Where(s => s.source is JsonConfigurationSource).Select(s => s.index + 1).DefaultIfEmpty(0).Max();
        var site = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(directory)),
        };
        sources.Insert(afterShippedFiles, site);
        return null;
    }

    /// <summary>
    /// ASP.NET Core reads the ASPNETCORE_-prefixed environment variables before appsettings.json, so
    /// the shipped <c>Urls</c> (127.0.0.1:5080) hid ASPNETCORE_URLS, which DESIGN §3.4 says works.
    /// The variable is put back just above the JSON files (shipped and site); --urls on the command
    /// line still wins over it.
    /// </summary>
    private static void HonourUrlsVariable(ConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is not { Length: > 0 } urls)
        {
            return;
        }

        var sources = configuration.Sources;
        var afterFiles = sources.Select((source, index) => (source, index)).Where(s => s.source is JsonConfigurationSource).Select(s => s.index + 1).DefaultIfEmpty(0).Max();
        sources.Insert(afterFiles, new MemoryConfigurationSource { InitialData = [new("urls", urls)] });
    }

    internal static bool TryReadOptions(
        IConfiguration configuration,
        out ControllerSettings settings,
        out DeviceOptions device,
        out LoggingOptions logging,
        out IReadOnlyList<string> problems) =>
        TryReadOptions(configuration, out settings, out device, out logging, out _, out problems);

    internal static bool TryReadOptions(
        IConfiguration configuration,
        out ControllerSettings settings,
        out DeviceOptions device,
        out LoggingOptions logging,
        out RecordsOptions records,
        out IReadOnlyList<string> problems)
    {
        var ok = TryReadOptions(configuration, out var options, out problems);
        (settings, device, logging, records) = (options.Settings, options.Device, options.Logging, options.Records);
        return ok;
    }

    /// <summary>Binds and validates every section; the problems as English lines (<c>key: problem</c>).</summary>
    internal static bool TryReadOptions(IConfiguration configuration, out ControllerOptions options, out IReadOnlyList<string> problems)
    {
        var errors = ReadOptions(configuration, out options);
        problems = errors.Messages;
        return errors.Problems.Count == 0;
    }

    /// <summary>Binds and validates every section; unknown keys and wrong types are errors, not silently ignored.</summary>
    internal static SettingsErrors ReadOptions(IConfiguration configuration, out ControllerOptions options)
    {
        var errors = new SettingsErrors();
        options = new ControllerOptions(
            Bind(configuration, "Controller", ControllerSettings.Default, errors),
            Bind(configuration, DeviceOptions.Section, new DeviceOptions(), errors),
            Bind(configuration, LoggingOptions.Section, new LoggingOptions(), errors),
            Bind(configuration, RecordsOptions.Section, new RecordsOptions(), errors),
            Bind(configuration, ServiceOptions.Section, new ServiceOptions(), errors),
            Bind(configuration, UiOptions.Section, new UiOptions(), errors),
            Bind(configuration, ApiOptions.Section, new ApiOptions(), errors))
        {
            Telemetry = Bind(configuration, TelemetryOptions.Section, new TelemetryOptions(), errors),
            Supplies = Bind(configuration, Supplies.SuppliesOptions.Section, new Supplies.SuppliesOptions(), errors),
        };
        if (errors.Problems.Count == 0)
        {
            options.Settings.Validate(errors.Section(ControllerSettings.Section));
            options.Device.Validate(errors.Section(DeviceOptions.Section));
            options.Logging.Validate(errors.Section(LoggingOptions.Section));
            options.Records.Validate(errors.Section(RecordsOptions.Section));
            options.Service.Validate(errors.Section(ServiceOptions.Section));
            options.Ui.Validate(errors.Section(UiOptions.Section));
            options.Api.Validate(errors.Section(ApiOptions.Section));
            options.Telemetry.Validate(errors.Section(TelemetryOptions.Section));
            options.Supplies.Validate(errors.Section(Supplies.SuppliesOptions.Section));
        }

        // The oxygen's volume factor is configured with the supplies and applied once, where the core
        // counts the gas delivered (UsageMeter): records, summaries and the cylinder's estimate agree by construction.
        if (configuration.GetSection("Controller:" + nameof(ControllerSettings.OxygenVolumeFactor)).Exists())
        {
            errors.Section("Controller").Add(
                nameof(ControllerSettings.OxygenVolumeFactor), "SetUnderSupplies", "is set under {0}:{1}", Supplies.SuppliesOptions.Section, nameof(ControllerSettings.OxygenVolumeFactor));
        }

        options = options with { Settings = options.Settings with { OxygenVolumeFactor = options.Supplies.OxygenVolumeFactor } };
        return errors;
    }

    private static T Bind<T>(IConfiguration configuration, string section, T defaults, SettingsErrors errors)
        where T : class
    {
        var node = configuration.GetSection(section);
        if (!node.Exists())
        {
            return defaults;
        }

        // "Controller": "fast" has no keys to bind, and binding would quietly keep every default.
        if (node.Value is { Length: > 0 } scalar && !node.GetChildren().Any())
        {
            errors.Add(section, "SectionOfSettings", "must be a section of settings ({{ \"Key\": value, … }}), not the value '{0}'", scalar);
            return defaults;
        }

        if (SectionShape.SingleValuesGivenAsSections(node, typeof(T)).Concat(SectionShape.SectionsGivenAsSingleValues(node, typeof(T))).ToList() is { Count: > 0 } misshapen)
        {
            foreach (var problem in misshapen)
            {
                errors.Add(problem.Key, problem.Id, problem.English, [.. problem.Arguments]);
            }

            return defaults;
        }

        try
        {
            return node.Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? defaults;
        }
        catch (InvalidOperationException ex)
        {
            // The binder's own words (an unknown key, a value of the wrong type), in English.
            errors.Add(section, "Binder", "{0}", Flatten(ex));
            return defaults;
        }
    }

    private static string Flatten(Exception ex) =>
        ex.InnerException is null ? ex.Message : $"{ex.Message} ({Flatten(ex.InnerException)})";

    private static Serilog.ILogger CreateLogger(LoggingOptions options, string contentRoot)
    {
        var directory = Path.IsPathRooted(options.Directory) ? options.Directory : Path.Combine(contentRoot, options.Directory);
        return new LoggerConfiguration()
            .MinimumLevel.Is(options.MinimumLevel)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .WriteTo.Async(sink => sink.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .WriteTo.Async(sink => sink.File(
                Path.Combine(directory, "controller-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: options.RetainedDays,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .CreateLogger();
    }
}
