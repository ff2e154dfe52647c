using System.Diagnostics;
using System.Text;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Tests.BadInput;
using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>The controller process started with engineer configuration or stored calibration that must not be taken as it is.</summary>
[Collection(nameof(Hosting.ProcessTests))]
public sealed class ServiceStartupTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string ServiceDirectory => Path.Combine(_directory.Path, "service");

    private string[] Quiet => [
        "--Log:Directory=" + Path.Combine(_directory.Path, "logs"),
        "--Records:Directory=" + Path.Combine(_directory.Path, "records"),
        "--Service:Directory=" + ServiceDirectory,
        "--urls=http://127.0.0.1:0",
    ];

    /// <summary>Starts the controller and collects what it prints until a line contains <paramref name="until"/>; then stops it.</summary>
    private static async Task<string> StartedOutputUntilAsync(IEnumerable<string> args, string until)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the controller");
        var output = new StringBuilder();
        var seen = new TaskCompletionSource();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains(until, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(seen.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    [Fact]
    public async Task A_plain_text_engineer_credential_is_refused_at_start_up_naming_the_key()
    {
        var run = await ControllerRun.ToEndAsync(["--Service:EngineerCredentialHash=correct horse battery", .. Quiet]);

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.StdErr}{run.StdOut}");
        Assert.Contains("Service:EngineerCredentialHash", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("plain text is never accepted", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing was started", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse battery", run.StdErr + run.StdOut, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "records")), "the service started: it created its records");
    }

    [Fact]
    public async Task Started_on_a_corrupt_calibration_file_the_controller_says_which_file_and_that_it_will_not_spray()
    {
        var store = new CalibrationStore(Directory.CreateDirectory(ServiceDirectory).FullName);
        var channel = new ChannelRecord { CalibratedAt = DateTimeOffset.UnixEpoch, Engineer = "alice" };
        store.Save(null, new Dictionary<PressureChannel, ChannelRecord> { [PressureChannel.POut] = channel }, DateTimeOffset.UnixEpoch);
        File.WriteAllText(store.Path, File.ReadAllText(store.Path).Replace("alice", "alicf", StringComparison.Ordinal));

        // The service runs on in Fault (for the engineer to calibrate): it is stopped once it has said so.
        var output = await StartedOutputUntilAsync(Quiet, "fails its checksum");

        Assert.Contains(store.Path, output, StringComparison.Ordinal);
        Assert.Contains("fails its checksum", output, StringComparison.Ordinal);
        Assert.Contains("will not spray", output, StringComparison.Ordinal);
    }
}
