using System.Diagnostics;
using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The machine's own floor for a periodic loop: <c>bench/Benchmarks/Native/loopfloor.c</c>, a C
/// program that does nothing but wake on an absolute grid, compiled here at run time with the
/// system's C compiler (so the benchmark needs one: Debian's <c>gcc</c>). cyclictest (rt-tests)
/// measures the same wake-ups but cannot set up its thread as <c>LoopScheduler</c> does (the
/// 0.1 ms EEVDF slice with nice −20) nor spin before the deadline as it does.
/// </summary>
internal static class LoopFloor
{
    public const string Source = "bench/Benchmarks/Native/loopfloor.c";

    private static readonly Lazy<string> Binary = new(Build);

    private static readonly string[] Compilers = ["cc", "gcc"];

    /// <summary>The compiler and the command used, for the report; valid once a run has built the program.</summary>
    public static string BuildCommand { get; private set; } = "";

    /// <summary>One run's wake-ups, in <see cref="Stopwatch"/> units on the program's own grid.</summary>
    public sealed record Run(long FirstDeadline, long[] Starts, double CpuSeconds, double WallSeconds);

    /// <summary>Builds the program now: a missing compiler fails the section before anything is measured.</summary>
    public static void EnsureBuilt() => _ = Binary.Value;

    /// <summary>Starts the program: <paramref name="ticks"/> wake-ups at <paramref name="rateHz"/>.</summary>
    /// <param name="spinUs">0: sleep to the deadline itself; otherwise sleep until that long before it and spin, as LoopScheduler does.</param>
    public static Process Start(double rateHz, int ticks, bool fifo, double spinUs)
    {
        var start = new ProcessStartInfo(Binary.Value) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add((1e6 / rateHz).ToString("0.###", CultureInfo.InvariantCulture));
        start.ArgumentList.Add(ticks.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(fifo ? "fifo" : "nice");
        start.ArgumentList.Add(spinUs.ToString("0.###", CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {Binary.Value}");
    }

    /// <summary>Waits for a started program and reads its wake-ups.</summary>
    public static Run Finish(Process process)
    {
        var wall = Stopwatch.StartNew();
        var error = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        process.WaitForExit();
        if (process.ExitCode != 0 || lines.Count < 2)
        {
            throw new InvalidOperationException($"{Source} failed (exit {process.ExitCode}): {error.Result.Trim()}");
        }

        var toStopwatch = Stopwatch.Frequency / 1e9;
        long Ticks(string ns) => long.TryParse(ns, CultureInfo.InvariantCulture, out var value)
            ? (long)Math.Round(value * toStopwatch)
            : throw new InvalidOperationException($"{Source} wrote '{ns}' where a time in nanoseconds belongs");
        var first = Ticks(lines[0]["first ".Length..]);
        var cpu = long.Parse(lines[1]["cpu ".Length..], CultureInfo.InvariantCulture) * 1e-9;
        var starts = lines.Skip(2).Select(Ticks).ToArray();
        var span = starts.Length > 0 ? (starts[^1] - first) / (double)Stopwatch.Frequency : wall.Elapsed.TotalSeconds;
        return new Run(first, starts, cpu, span);
    }

    public static Run Measure(double rateHz, int ticks, bool fifo, double spinUs)
    {
        using var process = Start(rateHz, ticks, fifo, spinUs);
        return Finish(process);
    }

    private static string Build()
    {
        var source = Path.Combine(Suites.RepositoryRoot(), Source);
        var compiler = Compilers.FirstOrDefault(OnPath)
            ?? throw new InvalidOperationException(
                $"the machine's floor ({Source}) is compiled at run time and no C compiler (cc or gcc) is on the PATH: install one (Debian: apt-get install -y gcc) and run the benchmark again");
        var output = Path.Combine(Directory.CreateTempSubdirectory("hydroxy-loopfloor-").FullName, "loopfloor");
        var start = new ProcessStartInfo(compiler) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-O2", "-o", output, source })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {compiler}");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{compiler} could not compile {Source} (exit {process.ExitCode}): {error.Result.Trim()}");
        }

        BuildCommand = $"{compiler} -O2 ({CompilerVersion(compiler)})";
        return output;
    }

    private static string CompilerVersion(string compiler)
    {
        var start = new ProcessStartInfo(compiler, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start);
        var first = process?.StandardOutput.ReadLine() ?? "";
        process?.WaitForExit();
        return first.Trim();
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
}
