using System.Globalization;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Reliability.Campaign;
using HydroOxygen.Reliability.Report;
using HydroOxygen.Reliability.Soak;

namespace HydroOxygen.Reliability;

/// <summary>
/// The command line: <c>campaign [--out FILE] [--backend models|drivers|both] [--only TEXT]</c> and
/// <c>soak [--hours N] [--seed N] [--out FILE]</c>. Exit codes: 0 everything passed, 1 something
/// failed, 2 the command line is wrong.
/// </summary>
public static class ReliabilityCommand
{
    public const string Usage =
        "usage: campaign [--out docs/RELIABILITY.md] [--backend models|drivers|both] [--only TEXT]\n" +
        "       soak [--hours 10] [--seed 1] [--period-minutes 60] [--backend models|drivers] [--out docs/RELIABILITY.md]\n" +
        "       routine [--sequences 2000] [--seed 1] [--backend models|drivers] [--out docs/RELIABILITY.md]\n" +
        "       routine --replay CSCHECK_SEED [--trace FILE] [--backend models|drivers]\n" +
        "       supplies [--out docs/SUPPLIES.md]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0)
        {
            error.WriteLine(Usage);
            return 2;
        }

        if (!TryOptions(args.AsSpan(1), out var options, out var problem))
        {
            return Fail(error, problem);
        }

        var command = "dotnet run -c Release --project tests/Reliability -- " + string.Join(' ', args);
        return args[0] switch
        {
            "campaign" => RunCampaign(options, command, output, error),
            "soak" => RunSoak(options, command, output, error),
            "routine" => RunRoutine(options, command, output, error),
            "supplies" => RunSupplies(options, command, output),
            _ => Fail(error, $"unknown command '{args[0]}'"),
        };
    }

    private static int RunCampaign(Dictionary<string, string> options, string command, TextWriter output, TextWriter error)
    {
        if (!TryBackend(options, "both", out var backends))
        {
            return Fail(error, "--backend must be models, drivers or both");
        }

        var only = options.GetValueOrDefault("only");
        var result = FaultCampaign.Run(
            backends,
            row =>
            {
                if (!row.Skipped)
                {
                    output.WriteLine(row.ToString());
                }
            },
            only is null ? null : c => c.Name.Contains(only, StringComparison.OrdinalIgnoreCase));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"campaign: {result.Run} runs ({result.Skipped} combinations skipped), {result.Failed} failed, {result.SimulatedS / 60:F0} simulated minutes in {result.Wall.TotalSeconds:F1} s"));
        if (options.TryGetValue("out", out var path))
        {
            ReliabilityDocument.Update(path, ReliabilityDocument.CampaignSection, CampaignReport.Markdown(result, command));
            output.WriteLine($"wrote {path}");
        }

        return result.AllPassed ? 0 : 1;
    }

    private static int RunSoak(Dictionary<string, string> options, string command, TextWriter output, TextWriter error)
    {
        if (!TryNumber(options, "hours", 10.0, out var hours) || !(hours > 0 && hours <= 100))
        {
            return Fail(error, "--hours must be a number of hours, above 0 and at most 100");
        }

        if (!TryNumber(options, "seed", 1.0, out var seed) || seed != Math.Floor(seed))
        {
            return Fail(error, "--seed must be a whole number");
        }

        if (!TryNumber(options, "period-minutes", hours >= 2 ? 60.0 : 5.0, out var periodMinutes) || !(periodMinutes > 0) || periodMinutes * 60 * 3 > hours * 3600 + 1e-9)
        {
            return Fail(error, "--period-minutes must be positive and leave at least 3 periods in the soak");
        }

        if (!TryBackend(options, "models", out var backends) || backends.Length != 1)
        {
            return Fail(error, "--backend must be models or drivers for a soak");
        }

        var soak = new SoakOptions { Hours = hours, Seed = (int)seed, PeriodS = periodMinutes * 60.0, Backend = backends[0] };
        var result = SoakRunner.Run(soak, period => output.WriteLine(period.ToString()));
        output.WriteLine(result.Summary());
        foreach (var failure in result.Failures)
        {
            output.WriteLine("FAIL: " + failure);
        }

        if (options.TryGetValue("out", out var path))
        {
            ReliabilityDocument.Update(path, ReliabilityDocument.SoakSection, SoakReport.Markdown(result, command));
            output.WriteLine($"wrote {path}");
        }

        return result.Passed ? 0 : 1;
    }

    private static int RunSupplies(Dictionary<string, string> options, string command, TextWriter output)
    {
        var rows = new List<Supplies.SupplyAccuracyRow>();
        foreach (var session in Supplies.SupplyAccuracy.DefaultSessions)
        {
            var row = Supplies.SupplyAccuracy.Run(session);
            rows.Add(row);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{session.Program} seed {session.Seed}: liquid left {row.LiquidLeftEstimateMl:F1} / {row.LiquidLeftTrueMl:F1} mL ({row.LiquidErrorPercent:+0.00;-0.00}%, worst {row.WorstLiquidErrorPercent:+0.00;-0.00}%), oxygen left {row.OxygenLeftEstimateLitres:F1} / {row.OxygenLeftTrueLitres:F1} L ({row.OxygenErrorPercent:+0.00;-0.00}%, worst {row.WorstOxygenErrorPercent:+0.00;-0.00}%)"));
        }

        if (options.TryGetValue("out", out var path))
        {
            File.WriteAllText(path, Supplies.SupplyReport.Markdown(rows, command));
            output.WriteLine($"wrote {path}");
        }

        return rows.All(Supplies.SupplyReport.Passes) ? 0 : 1;
    }

    private static int RunRoutine(Dictionary<string, string> options, string command, TextWriter output, TextWriter error)
    {
        if (options.TryGetValue("replay", out var replaySeed))
        {
            if (!TryBackend(options, "models", out var replayBackends) || replayBackends.Length != 1)
            {
                return Fail(error, "--backend must be models or drivers for a replay");
            }

            return Routine.RoutineReplay.Run(replaySeed, replayBackends[0], options.GetValueOrDefault("trace"), output) is null ? 0 : 1;
        }

        if (!TryNumber(options, "sequences", 2000, out var sequences) || sequences != Math.Floor(sequences) || !(sequences >= 1 && sequences <= 1_000_000))
        {
            return Fail(error, "--sequences must be a whole number from 1 to 1000000");
        }

        if (!TryNumber(options, "seed", 1.0, out var seed) || seed != Math.Floor(seed) || seed < 0)
        {
            return Fail(error, "--seed must be a whole number, 0 or more");
        }

        if (!TryBackend(options, "models", out var backends) || backends.Length != 1)
        {
            return Fail(error, "--backend must be models or drivers for a routine run");
        }

        var count = (int)sequences;
        var step = Math.Max(1, count / 20);
        var result = Routine.RoutineRun.Run(count, (ulong)seed, backends[0], Math.Min(2, Environment.ProcessorCount), done =>
        {
            if (done % step == 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done} of {count} sequences"));
            }
        });

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"routine: {result.Outcomes.Count} of {result.Sequences} sequences passed, {result.Ticks} ticks, {result.SimulatedS / 3600:F2} simulated hours in {result.Wall.TotalSeconds:F0} s; worst alarm {result.WorstAlarm?.ToString() ?? "none"}; peak true P_out {result.PeakPOutTrueMpa:F3}, P_bottle {result.PeakPBottleTrueMpa:F3}, hose {result.PeakPHoseTrueMpa:F3} MPa"));
        foreach (var failure in result.Failures)
        {
            output.WriteLine($"FAIL CsCheck_Seed={failure.Seed}: {failure.Message}");
            output.WriteLine(failure.Sequence);
        }

        if (options.TryGetValue("out", out var path))
        {
            ReliabilityDocument.Update(path, ReliabilityDocument.RoutineSection, RoutineReport.Markdown(result, command));
            output.WriteLine($"wrote {path}");
        }

        return result.Passed ? 0 : 1;
    }

    private static bool TryOptions(ReadOnlySpan<string> args, out Dictionary<string, string> options, out string problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                problem = $"unexpected argument '{name}'";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"{name} needs a value";
                return false;
            }

            options[name[2..]] = args[++i];
        }

        var known = new[] { "out", "backend", "only", "hours", "seed", "period-minutes", "sequences", "replay", "trace" };
        foreach (var key in options.Keys)
        {
            if (!known.Contains(key))
            {
                problem = $"unknown option --{key}";
                return false;
            }
        }

        return true;
    }

    private static bool TryBackend(Dictionary<string, string> options, string fallback, out SimulatedBackend[] backends)
    {
        backends = options.GetValueOrDefault("backend", fallback) switch
        {
            "models" => [SimulatedBackend.Models],
            "drivers" => [SimulatedBackend.Drivers],
            "both" => [SimulatedBackend.Models, SimulatedBackend.Drivers],
            _ => [],
        };
        return backends.Length > 0;
    }

    private static bool TryNumber(Dictionary<string, string> options, string name, double fallback, out double value)
    {
        if (!options.TryGetValue(name, out var text))
        {
            value = fallback;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine(Usage);
        return 2;
    }
}
