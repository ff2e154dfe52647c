using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HydroOxygen.Controller.Tests.Records;

/// <summary>
/// The real controller executable, started from the test's output folder on the simulator
/// backend, on a free port and a scratch data directory, as a technician's device would run it.
/// </summary>
internal sealed partial class ControllerProcess : IAsyncDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll");
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ControllerProcess(string dataDirectory, bool ownsDirectory, IEnumerable<string> extraArgs)
    {
        DataDirectory = dataDirectory;
        OwnsDirectory = ownsDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Executable);
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        info.ArgumentList.Add("--Device:Backend=Simulator");
        info.ArgumentList.Add("--Records:Directory=" + dataDirectory);
        info.ArgumentList.Add("--Log:Directory=" + Path.Combine(dataDirectory, "logs"));

        // The tests that start it are not about timing, and run on a shared 2-core machine beside
        // the rest of the suite: a loop starved of CPU must not end a test in LoopOverrun.
        info.ArgumentList.Add("--Controller:Safety:LoopStallS=5");
        info.ArgumentList.Add("--Controller:Safety:LoopOverrunTicks=1000");

        // And as on the Pi, the loop thread runs SCHED_FIFO where it may (root, CAP_SYS_NICE; else a
        // logged warning): a tick 100 ms late overshoots the pressure and rightly trips OverPressure.
        info.ArgumentList.Add("--Device:LoopRealtimePriority=10");
        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public string DataDirectory { get; }
    private bool OwnsDirectory { get; }
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the controller and waits until it listens and the device is Ready.</summary>
    public static async Task<ControllerProcess> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        var controller = await LaunchAsync(dataDirectory, extraArgs);
        try
        {
            await controller.WaitForChargedReadyAsync(TimeSpan.FromSeconds(60));
            return controller;
        }
        catch
        {
            var output = controller.Output;
            await controller.DisposeAsync();
            throw new InvalidOperationException("The controller did not become Ready:\n" + output);
        }
    }

    /// <summary>
    /// Starts the controller and returns as soon as it listens, while the device is still booting
    /// (the durability tests kill it at any instant, start-up included).
    /// </summary>
    public static async Task<ControllerProcess> LaunchAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("hydroxy-process-").FullName;
        var controller = new ControllerProcess(dataDirectory, owns, extraArgs);
        controller._process.Start();
        controller._process.BeginOutputReadLine();
        controller._process.BeginErrorReadLine();
        try
        {
            controller.BaseAddress = await controller._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            controller.Http.BaseAddress = controller.BaseAddress;
            return controller;
        }
        catch
        {
            var output = controller.Output;
            await controller.DisposeAsync();
            throw new InvalidOperationException("The controller did not start listening:\n" + output);
        }
    }

    public bool HasExited => _process.HasExited;

    public async Task<JsonElement> StatusAsync() =>
        await Http.GetFromJsonAsync<JsonElement>("api/status");

    /// <summary>Waits for Ready after the power-on charge of the bottle, the state a technician starts from.</summary>
    public Task WaitForChargedReadyAsync(TimeSpan limit) =>
        WaitForAsync(
            s => s.GetProperty("state").GetString() == "Ready" && s.GetProperty("pressures").GetProperty("bottleMpa").GetDouble() > 0.3,
            "Ready with a charged bottle",
            limit);

    public Task WaitForStateAsync(string state, TimeSpan limit) =>
        WaitForAsync(s => s.GetProperty("state").GetString() == state, state, limit);

    public async Task WaitForAsync(Func<JsonElement, bool> condition, string what, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        JsonElement last = default;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The controller exited ({_process.ExitCode}):\n{Output}");
            }

            try
            {
                last = await StatusAsync();
                if (condition(last))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The controller was never {what}; last status {last}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown sequence, no final writes.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        Http.Dispose();
        if (OwnsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A scratch directory left behind in /tmp is harmless.
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}
