using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HydroOxygen.FleetBench;

/// <summary>A Mosquitto of the benchmark's own: a free loopback port, persistence on, queues large enough for a backlog.</summary>
internal sealed class LocalBroker : IAsyncDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("hydroxy-fleetbench-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();

    public int Pid => _process!.Id;

    public string Url => $"mqtt://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string Directory => _directory;

    public async Task StartAsync()
    {
        var conf = Path.Combine(_directory, "mosquitto.conf");
        File.WriteAllLines(conf,
        [
            $"listener {Port} 127.0.0.1",
            Environment.UserName == "root" ? "user root" : "",
            "allow_anonymous true",
            "persistence true",
            $"persistence_location {_directory}/",
            "autosave_interval 60",
            "max_queued_messages 1000000",
            "max_inflight_messages 1000",
            $"log_dest file {_directory}/mosquitto.log",
            "log_type error",
            "log_type warning",
        ]);
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", conf]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto)");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
