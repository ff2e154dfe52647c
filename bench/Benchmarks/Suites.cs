using System.Globalization;

namespace HydroOxygen.Benchmarks;

/// <summary>Runs the suite asked for and, for the report, writes docs/PERFORMANCE.md.</summary>
internal static class Suites
{
    private static readonly string[] All = ["loop", "wake", "tick", "regulation", "footswitch", "simulator", "startup", "webload"];

    /// <summary>Suites that are not part of the report: tools for profiling.</summary>
    private static readonly string[] Tools = ["simwork"];

    public static int Run(BenchOptions options)
    {
        var suites = options.Suite == "report" ? All : [options.Suite];
        if (suites.Any(s => !All.Contains(s) && !Tools.Contains(s)))
        {
            Console.Error.WriteLine($"unknown suite '{options.Suite}'");
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        Console.WriteLine($"machine: {MachineInfo.Current.Summary}; load average {MachineInfo.LoadAverage()}");
        var sections = new List<ReportSection>();
        var failures = new List<string>();
        RecordedSession? session = null;
        foreach (var suite in suites)
        {
            Console.WriteLine($"== {suite}");
            try
            {
                sections.Add(suite switch
                {
                    "loop" => LoopSection.Build(options, session ??= RecordedSession.Record()),
                    "wake" => WakeSection.Build(options),
                    "tick" => TickSection.Build(options, session ??= RecordedSession.Record()),
                    "regulation" => RegulationSection.Build(options),
                    "footswitch" => FootSwitchSection.Build(options),
                    "simulator" => SimulatorSection.Build(options),
                    "startup" => StartupSection.Build(options),
                    "simwork" => SimulatorWork.Build(options),
                    "webload" => WebLoadSection.Build(options),
                    _ => throw new InvalidOperationException(suite),
                });
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                // A suite that cannot run says so in the report instead of taking the others down.
                failures.Add($"{suite}: {ex.Message}");
                var failed = new ReportSection($"{suite}: not measured", options.Command);
                failed.Line($"The suite failed: {ex.Message}");
                sections.Add(failed);
                Console.Error.WriteLine($"{suite} failed: {ex}");
            }
        }

        var path = options.Out ?? (options.Suite == "report" ? Path.Combine(RepositoryRoot(), "docs", "PERFORMANCE.md") : null);
        if (path is not null)
        {
            File.WriteAllText(path, PerformanceDocument.Render(options, sections));
            Console.WriteLine($"wrote {path}");
        }
        else
        {
            foreach (var section in sections)
            {
                Console.WriteLine();
                Console.WriteLine(section.ToMarkdown());
            }
        }

        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The directory holding Controller.sln: the working directory or one of its parents.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Controller.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new IOException("cannot find the repository (Controller.sln) above the working directory");
    }

    public static string F(double value, string format) =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
