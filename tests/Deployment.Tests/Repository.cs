using System.Diagnostics;

namespace HydroOxygen.Deployment.Tests;

/// <summary>Paths in the repository and a way to run its scripts and tools.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, TimeSpan limit, IDictionary<string, string>? environment = null)
    {
        var info = StartInfo(file, args, environment);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {limit}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>
    /// Runs a service until a line of its output satisfies <paramref name="ready"/>, then stops it
    /// with SIGTERM as systemd does, and returns its exit code and output.
    /// </summary>
    public static (int ExitCode, string Output) RunUntil(string file, IEnumerable<string> args, Func<string, bool> ready, TimeSpan limit, IDictionary<string, string>? environment = null)
    {
        var info = StartInfo(file, args, environment);
        var output = new System.Text.StringBuilder();
        using var reached = new ManualResetEventSlim();
        using var process = new Process { StartInfo = info };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            // Both streams call in: the predicate sees one line at a time, in order of arrival.
            lock (output)
            {
                output.AppendLine(line);
                if (ready(line))
                {
                    reached.Set();
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + limit;
        while (!reached.Wait(TimeSpan.FromMilliseconds(200)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.WaitForExit();
                lock (output)
                {
                    throw new TimeoutException($"{file} never printed the awaited line (exit {(process.HasExited ? process.ExitCode : -1)}):\n{output}");
                }
            }
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not stop within {limit} of its start after SIGTERM");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>A tool run from the repository's root with its output captured.</summary>
    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Where a tool is on PATH, or null.</summary>
    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(directory => System.IO.Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Controller.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Controller.sln not found above " + AppContext.BaseDirectory);
    }
}
