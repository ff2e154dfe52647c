using System.Diagnostics;
using System.Globalization;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL server (Debian's package, installed by ./test.sh): its own cluster in a
/// scratch directory, on a free loopback port, trusting local connections. As root (CI) it runs as
/// the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
internal sealed class Postgres : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;

    private Postgres(string directory, int port, Process process)
    {
        _directory = directory;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string Uri => $"postgres://postgres@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/postgres";

    public static async Task<Postgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is missing (/usr/lib/postgresql/*/bin/initdb): ./test.sh installs Debian's postgresql package");
        }

        var directory = Directory.CreateTempSubdirectory("hydroxy-postgres-").FullName;
        var root = Environment.UserName == "root";
        if (root)
        {
            Run("chown", "postgres", directory);
        }

        var data = Path.Combine(directory, "data");
        var initdb = Run(As(root, Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"));
        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException("initdb failed: " + initdb.Output);
        }

        var port = FreePort.Next();
        var server = As(root, Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", directory, "-c", "listen_addresses=127.0.0.1");
        var info = new ProcessStartInfo(server[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in server.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await FreePort.WaitListeningAsync(port, TimeSpan.FromSeconds(30));
        await Task.Delay(500); // listening comes before it accepts logins
        return new Postgres(directory, port, process);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A scratch cluster left in /tmp is harmless.
        }
    }

    private static string[] As(bool root, params string[] command) => root ? ["runuser", "-u", "postgres", "--", .. command] : command;

    private static (int ExitCode, string Output) Run(params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
