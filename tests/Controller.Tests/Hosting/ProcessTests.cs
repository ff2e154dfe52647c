using System.Diagnostics;
using System.Text;

namespace HydroOxygen.Controller.Tests.Hosting;

/// <summary>The controller executable started for real, as systemd or a technician would start it.</summary>
/// <remarks>
/// Run alone (not beside the CPU-heavy scenario tests): a real-time loop starved of CPU by the test
/// runner itself would rightly stop with LoopOverrun, which is not what these tests are about.
/// </remarks>
[Collection(nameof(ProcessTests))]
public sealed class ProcessTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll");

    [Fact]
    public async Task Bad_configuration_stops_start_up_with_exit_code_3_and_names_the_key()
    {
        var run = await RunToEnd(["--Controller:Safety:OverPressureTripMpa=0.9"], TimeSpan.FromSeconds(60));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Controller:Safety:OverPressureTripMpa", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_in_every_section_is_exit_code_3_naming_each_key()
    {
        string[] keys =
        [
            "Controller:Regulator:VentB=0.95", "Controller:LiquidFeed:ThresholdMpa=0.9", "Device:StopTimeoutS=0",
            "Device:RaspberryPi:InletPwmFrequencyHz=10", "Device:Simulator:Plant:PolytropicExponent=2", "Log:RetainedDays=0",
            "Records:CheckpointS=0.1", "Service:LeakTest:PressureMpa=0.9", "Ui:Language=xx", "Api:AllowedHosts:0=*",
            "Telemetry:SampleIntervalS=0", "Supplies:CheckpointS=0",
        ];
        var run = await RunToEnd(["--Device:Backend=SimulatedHardware", .. keys.Select(k => "--" + k)], TimeSpan.FromSeconds(60));

        Assert.Equal(3, run.ExitCode);
        foreach (var key in keys.Select(k => k[..k.IndexOf('=', StringComparison.Ordinal)]))
        {
            Assert.Contains(key + ":", run.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_hardware_backend_is_never_replaced_by_the_simulator()
    {
        // This machine has no Raspberry Pi GPIO (no libgpiod, or no /dev/gpiochip*): the first part
        // the board opens is missing, and that is the end of the start, with the hardware exit code.
        var logs = Directory.CreateTempSubdirectory("controller-logs-");
        try
        {
            var run = await RunToEnd(
                ["--Device:Backend=RaspberryPi", "--Log:Directory=" + logs.FullName, "--Service:Directory=" + logs.FullName, "--Records:Directory=" + logs.FullName],
                TimeSpan.FromSeconds(60));

            var output = run.StdOut + run.StdErr;
            Assert.True(run.ExitCode == 4, $"exit {run.ExitCode}: {output}");
            var fatal = output.Split('\n').SingleOrDefault(l => l.Contains(" FTL ", StringComparison.Ordinal));
            Assert.True(fatal is not null, "no fatal message naming the missing device: " + output);
            Assert.Contains("GPIO", fatal, StringComparison.Ordinal);
            Assert.DoesNotContain("Control loop started", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Simulator", output, StringComparison.Ordinal);
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var run = await RunToEnd(["calibrat"], TimeSpan.FromSeconds(60));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("calibrat", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public Task SIGTERM_runs_the_shutdown_sequence_and_exits_cleanly() =>
        SigtermRunsTheShutdownSequence(line => line.Contains("→ Ready", StringComparison.Ordinal) || line.Contains("→ Charging", StringComparison.Ordinal));

    /// <summary>
    /// The loop starts before the web host does: a SIGTERM that lands before the host handles it, or
    /// while the host starts, still ends in the shutdown sequence with every state change logged.
    /// </summary>
    [Fact]
    public Task SIGTERM_as_soon_as_the_loop_started_runs_the_shutdown_sequence_and_exits_cleanly() =>
        SigtermRunsTheShutdownSequence(line => line.Contains("Control loop started", StringComparison.Ordinal));

    private static async Task SigtermRunsTheShutdownSequence(Func<string, bool> sendAt)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var logs = Directory.CreateTempSubdirectory("controller-logs-");
        using var process = Start([
            "--Log:Directory=" + logs.FullName,
            "--Service:Directory=" + logs.FullName,
            "--Records:Directory=" + logs.FullName,
            "--Controller:Safety:LoopStallS=1",
        ]);
        var output = new StringBuilder();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is { } line && sendAt(line))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var readyInTime = await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(60))) == ready.Task;
            Assert.True(readyInTime, "never reached the point to stop at:\n" + Snapshot());
            Assert.Equal(0, Kill(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            // A failed run must not leave a controller running on the machine.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var text = Snapshot();
        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("running the shutdown sequence", text, StringComparison.Ordinal);
        Assert.Contains("→ Off", text, StringComparison.Ordinal);
        Assert.Contains("Shutdown sequence ended in Off", text, StringComparison.Ordinal);
        Assert.NotEmpty(logs.GetFiles("controller-*.log"));

        // Whenever the stop came, the gas and liquid of the fill and the vent are on record.
        Assert.True(File.Exists(Path.Combine(logs.FullName, "supplies.json")), "no supplies checkpoint after the stop:\n" + text);
        logs.Delete(recursive: true);

        string Snapshot()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Any free port: a controller already running on this machine must not make the tests fail.
        // After the arguments: a verb must stay first.
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the controller");
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunToEnd(IEnumerable<string> args, TimeSpan limit)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        finally
        {
            // A run that did not end in time must not outlive the test.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

[CollectionDefinition(nameof(ProcessTests), DisableParallelization = true)]
public sealed class ProcessTestsCollection;
