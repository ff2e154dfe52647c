using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>One violation Prism found, as it reports them in its <c>sl-violations</c> header.</summary>
internal sealed record Violation(string Location, string Severity, string Message)
{
    public bool AboutRequest => Location.StartsWith("request", StringComparison.Ordinal);
}

/// <summary>
/// Stoplight Prism (npm <c>@stoplight/prism-cli</c>, pinned in <c>tests/OpenApiCheck</c>) as a
/// validating proxy: every request goes through it to the controller, and it reports in a response
/// header where the request or the answer departs from the OpenAPI document. It is an independent
/// reading of the document: nothing of the controller's code is in it.
/// </summary>
internal sealed class PrismProxy : IAsyncDisposable
{
    public static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "OpenApiCheck");
    private static readonly string Executable = Path.Combine(Folder, "node_modules", ".bin", "prism");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PrismProxy(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

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

    /// <summary>Starts Prism in front of <paramref name="upstream"/> with the document in <paramref name="documentPath"/>.</summary>
    public static async Task<PrismProxy> StartAsync(string documentPath, Uri upstream)
    {
        RequireInstalled();
        var port = FreePort();
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in new[]
        {
            "proxy", documentPath, upstream.ToString().TrimEnd('/'),
            "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cors", "false", "--errors", "false", "--verboseLevel", "warn",
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["SCARF_ANALYTICS"] = "false";
        info.Environment["DO_NOT_TRACK"] = "1";
        var process = new Process { StartInfo = info };
        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => proxy.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Prism exited ({process.ExitCode}) before listening:\n{proxy.Output}");
            }

            try
            {
                using var answer = await probe.GetAsync(new Uri(proxy.Address, "api/device"));
                return proxy;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                await proxy.DisposeAsync();
                throw new TimeoutException($"Prism did not listen within 90 s:\n{proxy.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The violations in an answer from the proxy (none when it sent no header).</summary>
    public static IReadOnlyList<Violation> Violations(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("sl-violations", out var values))
        {
            return [];
        }

        var list = new List<Violation>();
        foreach (var value in values)
        {
            using var document = JsonDocument.Parse(value);
            foreach (var v in document.RootElement.EnumerateArray())
            {
                var location = string.Join('.', v.GetProperty("location").EnumerateArray().Select(l => l.ToString()));
                list.Add(new Violation(location, v.GetProperty("severity").GetString() ?? "", v.GetProperty("message").GetString() ?? ""));
            }
        }

        return list;
    }

    /// <summary>Fails with what to do when Node.js or the pinned Prism is missing: the check is never skipped.</summary>
    private static void RequireInstalled()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            node.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                "node (Node.js) is not installed: the OpenAPI check runs Stoplight Prism on it. ./test.sh installs it "
                + "(apt-get install nodejs npm) and the checker (npm ci in tests/OpenApiCheck).");
        }

        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"Stoplight Prism is not installed at {Executable}: run 'npm ci --ignore-scripts' in {Folder} (./test.sh does).");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
