using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>A real <c>fleet collect</c> process (the controller executable), so that a test can SIGKILL it.</summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll");
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CollectorProcess(string broker, string database, string name)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Executable, "fleet", "collect", "--broker", broker, "--db", database, "--name", name })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

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

    public static CollectorProcess Start(string broker, string database, string name) => new(broker, database, name);

    /// <summary>SIGKILL: no batch finished, no acknowledgement sent, no disconnection.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(CultureInfo.InvariantCulture, $"{line}");
        }
    }
}
