using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>The command line: a suite name and a few knobs, each with a short default.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Benchmarks -- <suite> [options]

        suites:
          report       every suite below, written to docs/PERFORMANCE.md (or --out)
          loop         loop timing: LoopScheduler vs PeriodicTimer vs Thread.Sleep, 500 Hz / 1 kHz, idle / loaded,
                       and the machine's own floor (Native/loopfloor.c, compiled with the system's cc as it starts)
          wake         wake-up latency of the sleep primitives the loops are built on
          tick         cost of one control step (BenchmarkDotNet): ns and bytes per tick
          regulation   step, setpoint changes, spray bursts, source sag: ours vs a bang-bang controller
          footswitch   pedal edge to spray-valve command, valve open and mist, press and release
          simulator    simulated seconds per wall second, plant alone and closed loop, 1/10/90 min
          startup      process start to Ready of the built controller on the simulator
          webload      the controller's loop timing with and without the dashboard stream + 200 API requests/s,
                       by phase, against the machine's floor beside it, late ticks by cause, and the Pi's GC budget emulated before and after the unit's
          simwork      (not in the report) untimed simulated work for callgrind / perf: the first
                       --sessions length, --part plant|loop (default both); prints bytes allocated

        options:
          --loop-seconds S     measured time per loop kind, rate and load (default 5)
          --loop-rates R,R     loop rates in Hz for loop (default 500,1000)
          --rounds N           rounds the loop time is split into, alternating the kinds (default 3)
          --presses N          foot-switch presses (default 400)
          --startup-runs N     controller starts (default 5)
          --sessions M,M,...   simulated session lengths in minutes (default 1,10,90)
          --controller PATH    the controller to start (default src/Controller/bin/Release/net10.0/HydroOxygen.Controller.dll)
          --part plant|loop    simwork: only the plant alone or only the closed loop
          --startup-builds B,B startup: besides the JIT build, r2r (x64 published ReadyToRun) and/or arm64
                               (the Pi package with and without ReadyToRun, under qemu); default r2r,arm64; none: neither
          --web-seconds S      webload: how long each run is held in Ready (default 20)
          --web-rounds N       webload: rounds of the four cases (quiet, loaded, and loaded with the Pi's GC budget before and after; default 2)
          --out PATH           where to write the Markdown (report: docs/PERFORMANCE.md; other suites: not written)

        environment:
          REGULATION_TRACE_DIR regulation: also write each judged window's trace (ours, the least-ISE replay,
                               outputs) as CSV into that directory
        """;

    public string Suite { get; init; } = "report";
    public double LoopSeconds { get; init; } = 5.0;
    public int Rounds { get; init; } = 3;
    public int Presses { get; init; } = 400;
    public int StartupRuns { get; init; } = 5;
    public IReadOnlyList<double> SessionMinutes { get; init; } = [1.0, 10.0, 90.0];
    public IReadOnlyList<double> LoopRates { get; init; } = [500.0, 1000.0];
    public double WebSeconds { get; init; } = 20.0;
    public int WebRounds { get; init; } = 2;
    public IReadOnlyList<string> StartupBuilds { get; init; } = ["r2r", "arm64"];
    public string? Controller { get; init; }
    public string? Out { get; init; }
    public string? Part { get; init; }

    /// <summary>The command as typed, for the provenance line of every section.</summary>
    public string Command { get; init; } = "";

    public static BenchOptions? Parse(string[] args, TextWriter error)
    {
        var inv = CultureInfo.InvariantCulture;
        var options = new BenchOptions
        {
            Command = "dotnet run -c Release --project bench/Benchmarks -- " + string.Join(' ', args),
        };
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            options = options with { Suite = args[0] };
        }
        else
        {
            options = options with { Command = options.Command.Replace("-- ", "-- report ", StringComparison.Ordinal).TrimEnd() };
        }

        for (var i = args.Length > 0 && !args[0].StartsWith('-') ? 1 : 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                error.WriteLine($"{name} needs a value");
                return null;
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--loop-seconds" => options with { LoopSeconds = Positive(double.Parse(value, inv), name) },
                    "--rounds" => options with { Rounds = (int)Positive(int.Parse(value, inv), name) },
                    "--presses" => options with { Presses = (int)Positive(int.Parse(value, inv), name) },
                    "--startup-runs" => options with { StartupRuns = (int)Positive(int.Parse(value, inv), name) },
                    "--startup-builds" => options with { StartupBuilds = value.Split(',').All(b => b is "r2r" or "arm64" or "none") ? value.Split(',') : throw new FormatException("--startup-builds takes r2r, arm64 or none") },
                    "--web-seconds" => options with { WebSeconds = Positive(double.Parse(value, inv), name) },
                    "--web-rounds" => options with { WebRounds = (int)Positive(int.Parse(value, inv), name) },
                    "--loop-rates" => options with { LoopRates = [.. value.Split(',').Select(r => Positive(double.Parse(r, inv), name))] },
                    "--sessions" => options with { SessionMinutes = [.. value.Split(',').Select(m => Positive(double.Parse(m, inv), name))] },
                    "--controller" => options with { Controller = value },
                    "--out" => options with { Out = value },
                    "--part" => options with { Part = value is "plant" or "loop" ? value : throw new FormatException("--part is plant or loop") },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (FormatException ex)
            {
                error.WriteLine($"{name} {value}: {ex.Message}");
                return null;
            }
        }

        return options;
    }

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new FormatException($"{name} must be a positive number");
}
