using System.Diagnostics;

namespace HydroOxygen.Controller.Tests.BadInput;

/// <summary>The controller executable run to its end with given arguments and environment, for its exit code and messages.</summary>
internal static class ControllerRun
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll");

    public static async Task<(int ExitCode, string StdOut, string StdErr)> ToEndAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, double limitS = 60)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the controller");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(limitS));
        }
        finally
        {
            // A bad input that was accepted starts the service, which would run on: it must not outlive the test.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
