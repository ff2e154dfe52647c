using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// Start-up: the built controller started as a process on the simulator, timed from the spawn to
/// its log saying the device is Ready (and, independently, to GET /api/status answering Ready);
/// then stopped with SIGTERM as systemd stops it, which also runs the shutdown sequence and makes
/// the controller log its own loop timing for the run.
/// </summary>
internal static partial class StartupSection
{
    private static readonly string[] QemuPaths = ["/usr/bin/qemu-aarch64-static", "/usr/bin/qemu-aarch64"];

    /// <summary>
    /// qemu-user does not see code the runtime writes through the writable alias of its W^X code pages
    /// and can run stale translations of them (dotnet/runtime#94909): W^X is off under emulation only.
    /// </summary>
    private static readonly Dictionary<string, string> Emulation = new() { ["DOTNET_EnableWriteXorExecute"] = "0" };
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    public static ReportSection Build(BenchOptions options)
    {
        var section = new ReportSection("Start-up", options.Command);
        var controller = ControllerPath(options);
        var jit = ControllerBuild.Jit(controller);
        var runs = Measure(jit, options.StartupRuns);

        var relative = Path.GetRelativePath(Suites.RepositoryRoot(), controller);
        section.Line(
            $"`dotnet {relative} --urls=http://127.0.0.1:PORT` (a free port each time; logs, data and records in a fresh temporary directory), started {options.StartupRuns} times in a row. " +
            "Times in seconds from `Process.Start`: the first log line, the log line \"Control loop started\", the log line of the state change to Ready, the first answer of `GET /api/status` (polled every 20 ms) and the first that says `\"state\":\"Ready\"` " +
            "(the API's first answer includes compiling the request pipeline on first use). " +
            "\"Device sequence\" is the controller's own clock at the change to Ready (the self-test and the fill run in real time on the simulated plant), counted from the loop's start; the rest is the process until the loop starts: runtime start, configuration, the logger, the host's build and the loop's JIT warm-up (`LoopWarmUp`, beside them). " +
            "The records writer and the event pump start just after the loop (its first events wait in the event ring), then the host's endpoints, its other services and Kestrel while the loop already runs the self-test, so the API answers later than the loop starts. " +
            "Each run is then stopped with SIGTERM; \"stop\" is until the process exited (it runs the shutdown sequence: spray stops, source closes, manifold and bottle vent), and the loop timing is what the controller itself logged at the end (its `LoopTiming`, 1/16-octave buckets).");
        section.Line();
        section.Table(
            ["Run", "First log", "Loop started", "Ready (log)", "API first answer", "Ready (API)", "Device sequence", "Stop", "Exit code", "Loop timing over the run"],
            runs.Select((r, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Suites.F(r.FirstLogS, "0.000"),
                Suites.F(r.LoopStartedS, "0.000"),
                Suites.F(r.ReadyLogS, "0.000"),
                Suites.F(r.ApiAnsweredS, "0.000"),
                Suites.F(r.ReadyApiS, "0.000"),
                Suites.F(r.ReadyDeviceS, "0.000"),
                Suites.F(r.StopS, "0.0"),
                r.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.LoopTiming,
            ]));
        var ready = runs.Select(r => r.ReadyLogS).Where(double.IsFinite).ToArray();
        var api = runs.Select(r => r.ReadyApiS).Where(double.IsFinite).ToArray();
        var device = runs.Select(r => r.ReadyDeviceS).Where(double.IsFinite).ToArray();
        section.Table(
            ["Process start to Ready", "Median", "Max"],
            [
                ["log line", ready.Length > 0 ? Suites.F(Stats.Median(ready), "0.000") + " s" : "—", ready.Length > 0 ? Suites.F(ready.Max(), "0.000") + " s" : "—"],
                ["GET /api/status", api.Length > 0 ? Suites.F(Stats.Median(api), "0.000") + " s" : "—", api.Length > 0 ? Suites.F(api.Max(), "0.000") + " s" : "—"],
                ["of which the device sequence", device.Length > 0 ? Suites.F(Stats.Median(device), "0.000") + " s" : "—", device.Length > 0 ? Suites.F(device.Max(), "0.000") + " s" : "—"],
            ]);
        if (ready.Length < runs.Count)
        {
            section.Line($"{runs.Count - ready.Length} of {runs.Count} runs did not log Ready within {ReadyTimeout.TotalSeconds:0} s.");
        }

        section.Headline(ready.Length > 0
            ? $"Start-up on the simulator: process start to Ready {Suites.F(Stats.Median(ready), "0.00")} s median, {Suites.F(ready.Max(), "0.00")} s max over {runs.Count} starts, of which {Suites.F(Stats.Median(device), "0.00")} s is the device's own self-test and fill."
            : "Start-up: the controller did not reach Ready.");

        Builds(section, options, jit, runs);
        return section;
    }

    /// <summary>
    /// The process's own share of the start for each build: x64 as built and as published
    /// ReadyToRun, and the Pi package (linux-arm64) without and with ReadyToRun under qemu.
    /// </summary>
    private static void Builds(ReportSection section, BenchOptions options, ControllerBuild jit, List<StartupRun> jitRuns)
    {
        var scratch = Directory.CreateTempSubdirectory("hydroxy-startup-builds-");
        try
        {
            var measured = new List<(ControllerBuild Build, List<StartupRun> Runs)> { (jit, jitRuns) };
            var problems = new List<string>();
            if (options.StartupBuilds.Contains("r2r"))
            {
                var dir = Path.Combine(scratch.FullName, "x64-r2r");
                if (Publish(["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", dir], problems))
                {
                    var build = ControllerBuild.Jit(Path.Combine(dir, "HydroOxygen.Controller.dll"), "x64, ReadyToRun (`dotnet publish -p:PublishReadyToRun=true`)");
                    measured.Add((build, Measure(build, options.StartupRuns)));
                }
            }

            if (options.StartupBuilds.Contains("arm64"))
            {
                var qemu = QemuPaths.FirstOrDefault(File.Exists);
                if (qemu is null)
                {
                    problems.Add("arm64 not measured: qemu-aarch64-static is not installed (./test.sh installs qemu-user-static)");
                }
                else
                {
                    var plain = Path.Combine(scratch.FullName, "arm64-jit");
                    var package = Path.Combine(scratch.FullName, "arm64-r2r");
                    var runs = Math.Min(options.StartupRuns, 3);
                    if (Publish(["-r", "linux-arm64", "--self-contained", "true", "-p:PublishReadyToRun=false", "-p:DebugType=none", "-o", plain], problems))
                    {
                        var build = new ControllerBuild("arm64 under qemu, JIT (self-contained, no ReadyToRun)", qemu, [Path.Combine(plain, "HydroOxygen.Controller")], plain, Emulation);
                        measured.Add((build, Measure(build, runs)));
                    }

                    if (Run("bash", [Path.Combine(Suites.RepositoryRoot(), "deploy", "raspi", "publish.sh"), package], problems))
                    {
                        var app = Path.Combine(package, "app");
                        var build = new ControllerBuild("arm64 under qemu, the Pi package (`deploy/raspi/publish.sh`, ReadyToRun)", qemu, [Path.Combine(app, "HydroOxygen.Controller")], app, Emulation);
                        measured.Add((build, Measure(build, runs)));
                    }
                }
            }

            section.Line(
                "The process's own share of the start, by build: start to Ready (log line) less the device's own sequence, and the CPU time the process had used (all threads) " +
                "when it logged \"Control loop started\" and when it logged Ready (less disturbed by the machine's other load than the wall-clock times). " +
                "The arm64 builds run under qemu-user on this x64 machine, many times slower than a Pi: only their ratio means anything.");
            section.Line();
            section.Table(
                ["Build", "Starts", "Ready (log), median", "Device sequence", "Own share, median", "CPU at loop start", "CPU at Ready"],
                measured.Select(m =>
                {
                    var ok = m.Runs.Where(r => double.IsFinite(r.ReadyLogS)).ToArray();
                    return (IReadOnlyList<string>)
                    [
                        m.Build.Name,
                        $"{ok.Length} of {m.Runs.Count}",
                        Median(ok.Select(r => r.ReadyLogS), "0.000 s"),
                        Median(ok.Select(r => r.ReadyDeviceS), "0.000 s"),
                        Median(ok.Select(r => r.OwnShareS), "0.000 s"),
                        Median(ok.Select(r => r.CpuAtLoopStartS), "0.00 s"),
                        Median(ok.Select(r => r.CpuAtReadyS), "0.00 s"),
                    ];
                }));
            foreach (var problem in problems)
            {
                section.Line(problem);
            }

            string Share(int index) => Median(measured[index].Runs.Where(r => double.IsFinite(r.ReadyLogS)).Select(r => r.OwnShareS), "0.00");
            var parts = new List<string> { $"x64 JIT build {Share(0)} s" };
            for (var i = 1; i < measured.Count; i++)
            {
                parts.Add($"{measured[i].Build.Name.Split(" (")[0]} {Share(i)} s");
            }

            section.Headline($"Start-up, the process's own share (start to Ready less the device sequence), median: {string.Join("; ", parts)}.");
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless.
            }
        }
    }

    private static string Median(IEnumerable<double> values, string format)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var unit = format.EndsWith(" s", StringComparison.Ordinal) ? " s" : "";
        return finite.Length == 0 ? "—" : Suites.F(Stats.Median(finite), format.Replace(" s", "", StringComparison.Ordinal)) + unit;
    }

    private static List<StartupRun> Measure(ControllerBuild build, int count)
    {
        var runs = new List<StartupRun>();
        for (var i = 0; i < count; i++)
        {
            var run = StartOnce(build);
            runs.Add(run);
            Console.WriteLine($"  {build.Name}, run {i + 1}: first log {run.FirstLogS:0.000} s, loop started {run.LoopStartedS:0.000} s (CPU {run.CpuAtLoopStartS:0.00} s), Ready (log) {run.ReadyLogS:0.000} s (CPU {run.CpuAtReadyS:0.00} s), API first answer {run.ApiAnsweredS:0.000} s, Ready (API) {run.ReadyApiS:0.000} s, device time at Ready {run.ReadyDeviceS:0.000} s, stopped in {run.StopS:0.0} s (exit {run.ExitCode}); {run.LoopTiming}");
        }

        return runs;
    }

    /// <summary>Publishes the controller with its own bin and obj (under the output), so that the repository's builds are left as they are.</summary>
    private static bool Publish(IReadOnlyList<string> arguments, List<string> problems) =>
        Run("dotnet", ["publish", Path.Combine(Suites.RepositoryRoot(), "src", "Controller", "Controller.csproj"), "-c", "Release", "-nologo", "-v", "quiet", "--artifacts-path", arguments[^1] + "-artifacts", .. arguments], problems);

    private static bool Run(string fileName, IReadOnlyList<string> arguments, List<string> problems)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Console.WriteLine($"  {fileName} {string.Join(' ', arguments)}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode == 0)
        {
            return true;
        }

        problems.Add($"`{Path.GetFileName(fileName)} {string.Join(' ', arguments.Take(3))} …` failed (exit {process.ExitCode}): {(output.Result + error.Result).Trim().Split('\n').LastOrDefault()}");
        return false;
    }

    /// <summary>The built controller's path: --controller, or the Release build in the repository.</summary>
    public static string ControllerPath(BenchOptions options)
    {
        var controller = options.Controller ?? Path.Combine(Suites.RepositoryRoot(), "src", "Controller", "bin", "Release", "net10.0", "HydroOxygen.Controller.dll");
        return File.Exists(controller)
            ? controller
            : throw new IOException($"{controller} does not exist: build it first (dotnet build -c Release src/Controller)");
    }

    /// <summary>
    /// Starts the controller, waits for Ready, runs <paramref name="whileReady"/> (given the port)
    /// if any, and stops it with SIGTERM.
    /// </summary>
    public static StartupRun StartOnce(string controller, Action<int>? whileReady = null, IReadOnlyDictionary<string, string>? environment = null) =>
        StartOnce(ControllerBuild.Jit(controller), whileReady, environment);

    /// <param name="environment">Variables set for the controller on top of this process's own (runtime knobs such as <c>DOTNET_GCgen0size</c>).</param>
    public static StartupRun StartOnce(ControllerBuild build, Action<int>? whileReady = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = Directory.CreateTempSubdirectory("hydroxy-startup-");
        var port = FreePort();
        var start = new ProcessStartInfo(build.FileName)
        {
            WorkingDirectory = build.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in build.Prefix)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in (build.Environment ?? new Dictionary<string, string>()).Concat(environment ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Log:Directory={Path.Combine(directory.FullName, "logs")}");
        start.ArgumentList.Add($"--Service:Directory={Path.Combine(directory.FullName, "data")}");
        start.ArgumentList.Add($"--Records:Directory={Path.Combine(directory.FullName, "data")}");

        var clock = new Stopwatch();
        var firstLog = double.NaN;
        var loopStarted = double.NaN;
        var readyLog = double.NaN;
        var readyDevice = double.NaN;
        var loopTiming = "not logged";
        LoopStop? loopStop = null;
        LoopPhases? phasesLogged = null;
        SteadyCauses? steadyLogged = null;
        var cpuAtLoopStart = double.NaN;
        var hostStarted = 0L;
        var cpuAtReady = double.NaN;
        var output = new List<string>();
        using var readyEvent = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        void OnLine(string? raw)
        {
            if (raw is null)
            {
                return;
            }

            var line = Ansi().Replace(raw, "");
            var now = clock.Elapsed.TotalSeconds;
            lock (output)
            {
                output.Add(line);
                if (double.IsNaN(firstLog))
                {
                    firstLog = now;
                }

                if (hostStarted == 0 && line.Contains("Application started", StringComparison.Ordinal))
                {
                    hostStarted = Stopwatch.GetTimestamp();
                }

                if (double.IsNaN(loopStarted) && line.Contains("Control loop started", StringComparison.Ordinal))
                {
                    loopStarted = now;
                    cpuAtLoopStart = CpuSeconds(process);
                }

                if (double.IsNaN(readyLog) && StateToReady().Match(line) is { Success: true } match)
                {
                    readyLog = now;
                    cpuAtReady = CpuSeconds(process);
                    readyDevice = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    readyEvent.Set();
                }

                if (LoopPhasesLine().Match(line) is { Success: true } phases)
                {
                    phasesLogged = LoopPhases.Parse(phases);
                }

                if (SteadyLine().Match(line) is { Success: true } steady)
                {
                    steadyLogged = SteadyCauses.Parse(steady);
                }

                if (LoopStopped().Match(line) is { Success: true } stopped)
                {
                    loopTiming = $"{stopped.Groups[1].Value} ticks, p99 {stopped.Groups[2].Value} µs, p99.9 {stopped.Groups[3].Value} µs, max {stopped.Groups[4].Value} µs, {stopped.Groups[5].Value} overruns";
                    var inv = System.Globalization.CultureInfo.InvariantCulture;
                    loopStop = new LoopStop(
                        long.Parse(stopped.Groups[1].Value, inv),
                        double.Parse(stopped.Groups[2].Value, inv),
                        double.Parse(stopped.Groups[3].Value, inv),
                        double.Parse(stopped.Groups[4].Value, inv),
                        long.Parse(stopped.Groups[5].Value, inv));
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        clock.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var (answeredApi, readyApi) = PollStatus(port, clock, process, readyEvent);
        if (readyEvent.Wait(ReadyTimeout) && !process.HasExited)
        {
            whileReady?.Invoke(port);
        }

        var stopClock = Stopwatch.StartNew();
        if (!process.HasExited && !NativeProcess.Terminate(process.Id))
        {
            process.Kill(entireProcessTree: true);
        }

        if (!process.WaitForExit(StopTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.WaitForExit();
        var stopS = stopClock.Elapsed.TotalSeconds;
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }

        if (double.IsNaN(readyLog))
        {
            lock (output)
            {
                Console.Error.WriteLine("  the controller did not log Ready; its output:");
                foreach (var line in output.TakeLast(30))
                {
                    Console.Error.WriteLine("    " + line);
                }
            }
        }

        return new StartupRun(firstLog, loopStarted, readyLog, answeredApi, readyApi, readyDevice, stopS, process.ExitCode, loopTiming, loopStop)
        {
            Phases = phasesLogged,
            Steady = steadyLogged,
            CpuAtLoopStartS = cpuAtLoopStart,
            CpuAtReadyS = cpuAtReady,
            HostStartedTimestamp = hostStarted,
        };
    }

    /// <summary>Polls GET /api/status until it says Ready; the times it first answered and first said Ready, or NaN.</summary>
    private static (double Answered, double Ready) PollStatus(int port, Stopwatch clock, Process process, ManualResetEventSlim readyLogged)
    {
        var answered = double.NaN;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port}/api/status");
        while (clock.Elapsed < ReadyTimeout && !process.HasExited)
        {
            try
            {
                var body = http.GetStringAsync(url).GetAwaiter().GetResult();
                if (double.IsNaN(answered))
                {
                    answered = clock.Elapsed.TotalSeconds;
                }

                if (body.Contains("\"state\":\"Ready\"", StringComparison.Ordinal))
                {
                    return (answered, clock.Elapsed.TotalSeconds);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow answer on a busy machine; ask again.
            }

            if (readyLogged.IsSet && clock.Elapsed.TotalSeconds > 30)
            {
                break;
            }

            Thread.Sleep(20);
        }

        return (answered, double.NaN);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"State \w+ → Ready at ([0-9.]+) s")]
    private static partial Regex StateToReady();

    [GeneratedRegex(@"Control loop stopped after (\d+) ticks \(lateness p99 (\d+) µs, p99\.9 (\d+) µs, max (\d+) µs, (\d+) overruns")]
    private static partial Regex LoopStopped();

    [GeneratedRegex(@"Control loop lateness by phase: start-up (\d+) ticks \(p99\.9 (\d+) µs, max (\d+) µs, (\d+) overruns\); steady (\d+) ticks \(p99 (\d+) µs, p99\.9 (\d+) µs, max (\d+) µs, (\d+) overruns\); stopping (\d+) ticks \(p99\.9 (\d+) µs, max (\d+) µs, (\d+) overruns\)")]
    private static partial Regex LoopPhasesLine();

    [GeneratedRegex(@"Control loop steady state: (\d+) ticks later than (\d+) µs \((\d+) behind a late tick, (\d+) waited through a garbage collection, (\d+) preempted, (\d+) page faults, (\d+) woke late, (\d+) other\); garbage collections (\d+)/(\d+)/(\d+) \(gen 0/1/2\), ([0-9.]+) ms paused, (\d+) KB allocated")]
    private static partial Regex SteadyLine();

    public sealed record StartupRun(double FirstLogS, double LoopStartedS, double ReadyLogS, double ApiAnsweredS, double ReadyApiS, double ReadyDeviceS, double StopS, int ExitCode, string LoopTiming, LoopStop? Loop)
    {
        /// <summary>The loop's lateness by phase as the controller logged it (null: a build that does not log it).</summary>
        public LoopPhases? Phases { get; init; }

        /// <summary>What the loop saw during its late steady-state ticks, and the GC over the steady state.</summary>
        public SteadyCauses? Steady { get; init; }

        /// <summary>CPU time the process had used (all threads) when it logged "Control loop started", s.</summary>
        public double CpuAtLoopStartS { get; init; } = double.NaN;

        /// <summary>CPU time the process had used when it logged the change to Ready, s.</summary>
        public double CpuAtReadyS { get; init; } = double.NaN;

        /// <summary>When the host's "Application started" line arrived (<see cref="Stopwatch"/> timestamp; 0: never): where the loop's steady phase begins.</summary>
        public long HostStartedTimestamp { get; init; }

        /// <summary>The process's own share of the start: to Ready less the device's own sequence, s.</summary>
        public double OwnShareS => ReadyLogS - ReadyDeviceS;
    }

    /// <summary>How to start one build of the controller.</summary>
    /// <param name="Environment">Variables the build always runs with (under qemu: <see cref="Emulation"/>).</param>
    public sealed record ControllerBuild(string Name, string FileName, IReadOnlyList<string> Prefix, string WorkingDirectory, IReadOnlyDictionary<string, string>? Environment = null)
    {
        /// <summary>A framework-dependent build run with <c>dotnet</c>.</summary>
        public static ControllerBuild Jit(string dll, string name = "x64, JIT (`dotnet build`)") =>
            new(name, "dotnet", [dll], Path.GetDirectoryName(dll)!);
    }

    private static double CpuSeconds(Process process)
    {
        try
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (InvalidOperationException)
        {
            return double.NaN;
        }
    }

    /// <summary>One phase's lateness as logged (µs); p99 is logged for the steady state only (NaN otherwise).</summary>
    public sealed record PhaseTiming(long Ticks, double P99Us, double P999Us, double MaxUs, long Overruns);

    /// <summary>The controller's "lateness by phase" line.</summary>
    public sealed record LoopPhases(PhaseTiming StartUp, PhaseTiming Steady, PhaseTiming Stopping)
    {
        public static LoopPhases Parse(Match m)
        {
            long L(int i) => long.Parse(m.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture);
            double D(int i) => double.Parse(m.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture);
            return new LoopPhases(
                new PhaseTiming(L(1), double.NaN, D(2), D(3), L(4)),
                new PhaseTiming(L(5), D(6), D(7), D(8), L(9)),
                new PhaseTiming(L(10), double.NaN, D(11), D(12), L(13)));
        }
    }

    /// <summary>The controller's "steady state" line: late ticks by cause, and the garbage collections over the steady state.</summary>
    public sealed record SteadyCauses(long Late, double ThresholdUs, long Behind, long Gc, long Preempted, long PageFaults, long WokeLate, long Other, int Gen0, int Gen1, int Gen2, double PausedMs, long AllocatedKb)
    {
        public static SteadyCauses Parse(Match m)
        {
            long L(int i) => long.Parse(m.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture);
            double D(int i) => double.Parse(m.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture);
            return new SteadyCauses(L(1), D(2), L(3), L(4), L(5), L(6), L(7), L(8), (int)L(9), (int)L(10), (int)L(11), D(12), L(13));
        }
    }

    /// <summary>The loop timing the controller logged as it stopped (whole run, µs).</summary>
    public sealed record LoopStop(long Ticks, double P99Us, double P999Us, double MaxUs, long Overruns);
}
