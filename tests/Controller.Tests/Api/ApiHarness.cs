using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Api;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Service;
using HydroOxygen.Hal;
using HydroOxygen.Simulator;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>
/// The API as the host wires it (Kestrel on a free loopback port, the event pump, the records
/// writer), over the real control core and simulated plant — but with the loop run by this harness
/// in virtual time, several times faster than real time, and pausable. A test gets a device that
/// boots in a fraction of a second and states it can hold still.
/// </summary>
internal sealed class ApiHarness : IAsyncDisposable
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";
    private const int TicksPerSlice = 10;

    /// <summary>
    /// A service lease for tests that do not test it: virtual time runs many times faster than a
    /// test's requests follow each other, and a real-time lease would lapse between them.
    /// </summary>
    public const double VirtualLeaseS = 3600.0;
    private readonly VirtualClock _clock;
    private readonly Lock _slice = new();
    private readonly Thread _ticker;
    private readonly WebApplication _app;
    private volatile bool _stop;
    private volatile bool _paused;

    private ApiHarness(WebApplication app, ControllerRuntime runtime, VirtualClock clock, string dataDirectory)
    {
        _app = app;
        _clock = clock;
        Runtime = runtime;
        DataDirectory = dataDirectory;
        _ticker = new Thread(RunLoop) { Name = "test-loop", IsBackground = true };
    }

    public ControllerRuntime Runtime { get; }
    public string DataDirectory { get; }
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    /// <param name="service">With engineer options, the service-engineer endpoints are mapped too, as the host maps them.</param>
    /// <param name="plant">Plant parameters other than the defaults (a transducer error, a leak).</param>
    /// <param name="services">More registrations, as the host makes them (the validated Api section, say).</param>
    /// <param name="remoteAddress">
    /// The client address the API sees, instead of the loopback address the test really connects
    /// from: a caller from beyond the device.
    /// </param>
    /// <param name="remoteAddressFromHeader">
    /// Takes the client address the API sees from the request header <see cref="RemoteAddressHeader"/>
    /// where one is sent (requests through a proxy, such as the OpenAPI checker's).
    /// </param>
    public static async Task<ApiHarness> StartAsync(
        bool simulated = true,
        RecordsOptions? records = null,
        ControllerSettings? settings = null,
        ServiceOptions? service = null,
        PlantParameters? plant = null,
        Action<IServiceCollection>? services = null,
        IPAddress? remoteAddress = null,
        bool remoteAddressFromHeader = false)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("hydroxy-api-").FullName;
        var clock = new VirtualClock();
        var board = SimulatedBoard.Create(plant ?? PlantParameters.Default, 3, clock);
        board.Post(PlantCommand.PowerSwitch(true));
        IDeviceBoard device = simulated ? board : new HardwareLikeBoard(board);
        var runtime = new ControllerRuntime(device, settings ?? ControllerSettings.Default, clock, CalibrationSet.Factory);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = dataDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            EnvironmentName = "Production",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(new DeviceOptions());
        builder.Services.AddSingleton(records ?? new RecordsOptions { Directory = Path.Combine(dataDirectory, "data"), CheckpointS = 0.5 });
        builder.Services.AddControllerApi(builder.Configuration);
        if (service is not null)
        {
            builder.Services.AddServiceEndpoints(service, StoredSetup.DataDirectory(service, dataDirectory));
        }

        builder.Services.AddHostedService<EventPump>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (remoteAddress is not null || remoteAddressFromHeader)
        {
            app.Use((context, next) =>
            {
                context.Connection.RemoteIpAddress = remoteAddressFromHeader && IPAddress.TryParse(context.Request.Headers[RemoteAddressHeader], out var given)
                    ? given
                    : remoteAddress ?? context.Connection.RemoteIpAddress;
                return next(context);
            });
        }

        app.MapControllerApi();
        if (service is not null)
        {
            app.MapServiceEndpoints();
        }

        var harness = new ApiHarness(app, runtime, clock, dataDirectory);
        await app.StartAsync();
        harness.Http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
        harness._ticker.Start();
        return harness;
    }

    /// <summary>Stops the loop between ticks (nothing runs until <see cref="Resume"/>).</summary>
    public void Pause()
    {
        _paused = true;
        lock (_slice)
        {
            // Waits for a slice in progress to end.
        }
    }

    public void Resume() => _paused = false;

    public async Task<JsonElement> StatusAsync() => await Http.GetFromJsonAsync<JsonElement>("api/status");

    /// <summary>Polls the status until <paramref name="condition"/> holds.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement status;
        do
        {
            status = await StatusAsync();
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"never {what}; last status: {status}");
    }

    public Task<JsonElement> WaitForStateAsync(string state, double seconds = 20) =>
        WaitForAsync(s => s.GetProperty("state").GetString() == state, $"in state {state}", seconds);

    /// <summary>Boots to Ready with the bottle charged (the state a technician starts from).</summary>
    public async Task<JsonElement> ReadyAsync()
    {
        await WaitForAsync(s => s.GetProperty("session").GetProperty("active").GetBoolean(), "in a session");
        return await WaitForAsync(
            s => s.GetProperty("state").GetString() == "Ready" && s.GetProperty("pressures").GetProperty("bottleMpa").GetDouble() > 0.3,
            "Ready with a charged bottle");
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string contentType = "application/json") =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, contentType));

    public async ValueTask DisposeAsync()
    {
        _stop = true;
        _ticker.Join();
        Http?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Runtime.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A scratch directory left behind in /tmp is harmless.
        }
    }

    private void RunLoop()
    {
        var frequency = (double)_clock.TimestampFrequency;
        var tick = TimeSpan.FromSeconds(1.0 / Runtime.Core.Settings.LoopRateHz);
        var ticked = false;
        while (!_stop)
        {
            if (!_paused)
            {
                lock (_slice)
                {
                    for (var i = 0; i < TicksPerSlice && !_paused; i++)
                    {
                        _clock.Advance(tick);
                        var now = _clock.GetTimestamp();
                        Runtime.Cycle.Run(now, now / frequency, 0);
                        Runtime.Status.Publish(in Runtime.Core.Status);

                        // In virtual time every tick starts on its deadline, one period after the last.
                        Runtime.Scheduler.Timing.Record(0.0, ticked ? tick.TotalMicroseconds : 0.0, 0.0, overrun: false, skippedDeadlines: 0);
                        ticked = true;
                    }
                }
            }

            Thread.Sleep(1);
        }
    }
}
