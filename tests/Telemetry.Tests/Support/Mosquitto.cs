using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>
/// A real Mosquitto broker (Debian's package, installed by ./test.sh) on a free loopback port with
/// its own configuration, persistence and log in a scratch directory; stopped, killed and restarted
/// on the same port by the tests. Never the system service.
/// </summary>
internal sealed class Mosquitto : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";
    private readonly TemporaryDirectory _directory = new("hydroxy-mosquitto-");
    private readonly string _extraConfiguration;
    private readonly bool _persistence;
    private Process? _process;

    private Mosquitto(int port, string extraConfiguration, bool persistence)
    {
        Port = port;
        _extraConfiguration = extraConfiguration;
        _persistence = persistence;
    }

    public int Port { get; }

    public string Directory => _directory.Path;

    public string Url => $"mqtt://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool Running => _process is { HasExited: false };

    /// <summary>The broker's log (connections, subscriptions, refusals).</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    private string LogFile => _directory.File("mosquitto.log");

    /// <summary>
    /// Starts a broker. <paramref name="listener"/> replaces the plain anonymous listener's settings
    /// (TLS, password file); persistence is on, saved after every change, as a site broker that must lose nothing is kept.
    /// Without <paramref name="persistence"/> a restart forgets everything it acknowledged and held: the worst broker.
    /// </summary>
    public static async Task<Mosquitto> StartAsync(string? listener = null, bool persistence = true)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: ./test.sh installs Debian's mosquitto package");
        }

        var broker = new Mosquitto(FreePort.Next(), listener ?? "allow_anonymous true", persistence);
        await broker.StartAgainAsync();
        return broker;
    }

    public string Write(string name, string text) => _directory.Write(name, text);

    public async Task StartAgainAsync()
    {
        var configuration = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"listener {Port} 127.0.0.1")
            // Started as root (CI), mosquitto would drop to its own user and lose access to this scratch directory.
            .AppendLine(Environment.UserName == "root" ? "user root" : "")
            .AppendLine(_extraConfiguration)
            .AppendLine(_persistence ? "persistence true" : "persistence false")
            .AppendLine(CultureInfo.InvariantCulture, $"persistence_location {_directory.Path}/")
            // Saved after every change: a broker acknowledges (PUBACK) before it saves, so a broker
            // killed between the two loses what it held only in memory for an offline collector.
            .AppendLine("autosave_on_changes true")
            .AppendLine("autosave_interval 1")
            .AppendLine("max_queued_messages 100000")
            .AppendLine(CultureInfo.InvariantCulture, $"log_dest file {LogFile}")
            .AppendLine("log_type all")
            .AppendLine("connection_messages true")
            .ToString();
        var path = _directory.Write("mosquitto.conf", configuration);
        var info = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(path);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await FreePort.WaitListeningAsync(Port, TimeSpan.FromSeconds(20));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Port}:\n{Log}", ex);
        }
    }

    /// <summary>A clean stop (SIGTERM): the broker saves its persistence file and closes connections.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Signal(process.Id, "TERM");
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>SIGKILL: the broker vanishes mid-flow, as in a crash or a cut.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _directory.Dispose();
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
