using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using HydroOxygen.Controller.Tests.Hosting;
using Xunit.Abstractions;

namespace HydroOxygen.Controller.Tests.Access;

/// <summary>
/// Issue 8: the real controller process, started as shipped (no address given), listens on the
/// loopback interface only; given an address (--urls, ASPNETCORE_URLS), it listens there. The sockets are read from the
/// kernel (/proc/&lt;pid&gt;/net/tcp*), not from the controller's own log.
/// </summary>
/// <remarks>
/// Each process runs in a network namespace of its own (<c>unshare --net</c>, root) where that is
/// permitted, so that the shipped port 5080 is free whatever else runs on the machine. Where it is not,
/// the process runs in the machine's namespace and the test says so. Either way only the sockets the
/// process itself holds (its <c>/proc/&lt;pid&gt;/fd</c> links) are counted, so the check is never skipped.
/// </remarks>
[Collection(nameof(ProcessTests))]
public sealed class ListeningAddressTests(ITestOutputHelper output)
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll");

    [Fact]
    public async Task Started_as_shipped_the_API_listens_on_loopback_only()
    {
        var sockets = await ListeningSocketsAsync(null);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 5080)], sockets);
    }

    [Fact]
    public async Task Given_an_address_with_urls_the_API_listens_there()
    {
        var sockets = await ListeningSocketsAsync(null, "--urls=http://0.0.0.0:5081");
        Assert.Equal([new IPEndPoint(IPAddress.Any, 5081)], sockets);
    }

    [Fact]
    public async Task Given_an_address_in_ASPNETCORE_URLS_the_API_listens_there()
    {
        var sockets = await ListeningSocketsAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://0.0.0.0:5082" });
        Assert.Equal([new IPEndPoint(IPAddress.Any, 5082)], sockets);
    }

    /// <summary>Starts the controller in its own network namespace and lists its listening TCP sockets; null if not permitted.</summary>
    private async Task<List<IPEndPoint>> ListeningSocketsAsync(Dictionary<string, string>? environment, params string[] arguments)
    {
        var isolated = await CanIsolateNetworkAsync();
        if (!isolated)
        {
            output.WriteLine("a network namespace is not permitted here: the controller runs in the machine's own, and only its own sockets are counted");
        }

        var data = Directory.CreateTempSubdirectory("hydroxy-listen-").FullName;
        var info = new ProcessStartInfo(isolated ? "unshare" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };

        // A new namespace's loopback is down; sh brings it up and becomes the controller (exec), so
        // the process id is the controller's.
        string[] launcher = isolated ? ["--net", "--", "sh", "-c", "ip link set lo up && exec dotnet \"$@\"", "sh", Executable] : [Executable];
        foreach (var argument in launcher)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments.Concat(["--Device:Backend=Simulator", "--Records:Directory=" + data, "--Service:Directory=" + data, "--Log:Directory=" + Path.Combine(data, "logs")]))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }

        var log = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = info };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(started.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
            if (first == exited)
            {
                Assert.Fail($"the controller exited ({process.ExitCode}):\n{Text(log)}");
            }

            Assert.True(first == started.Task, "the controller never started:\n" + Text(log));
            var sockets = Listening(process.Id);
            output.WriteLine($"listening: {string.Join(", ", sockets)}");
            return sockets;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    /// <summary>Whether this test may give a process a network namespace of its own.</summary>
    private static async Task<bool> CanIsolateNetworkAsync()
    {
        var info = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--net", "--", "true" })
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var probe = Process.Start(info)!;
            await probe.WaitForExitAsync();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The TCP sockets in the LISTEN state (0A) that the process itself holds, IPv4 and IPv6.</summary>
    private static List<IPEndPoint> Listening(int pid)
    {
        var own = OwnSocketInodes(pid);
        var sockets = new List<IPEndPoint>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/net/{table}").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] != "0A" || !own.Contains(fields[9]))
                {
                    continue;
                }

                var (address, port) = (fields[1].Split(':')[0], fields[1].Split(':')[1]);

                // The kernel prints each 32-bit word of the address in host (little-endian) order.
                var bytes = Convert.FromHexString(address);
                for (var word = 0; word < bytes.Length; word += 4)
                {
                    Array.Reverse(bytes, word, 4);
                }

                sockets.Add(new IPEndPoint(new IPAddress(bytes), int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
        }

        return sockets;
    }

    /// <summary>The inodes of the sockets among the process's open files ("socket:[12345]").</summary>
    private static HashSet<string> OwnSocketInodes(int pid) =>
        Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target!["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
}
