using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Hal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Json;
using HydroOxygen.Controller.Hosting;

namespace HydroOxygen.Controller.Startup;

/// <summary>
/// What the service's own configuration sources — the JSON files and the command line — may say at
/// their top level. Binding already refuses unknown keys inside a known section; this refuses the
/// rest, so that a misspelt section (<c>--Controler:LoopRateHz=100</c>, <c>"Devise": {…}</c>) or a
/// stray switch (<c>-x</c>) stops the start instead of being silently ignored while the device runs
/// on settings the technician did not ask for. Environment variables are not checked: the process
/// environment holds every variable of the machine, and only the prefixed ones are meant.
/// </summary>
internal static class ConfigurationSources
{
    /// <summary>Sections this program binds (<see cref="ControllerHost.TryReadOptions(IConfiguration, out ControllerOptions, out IReadOnlyList{string})"/>).</summary>
    public static readonly string[] OwnSections = ["Controller", DeviceOptions.Section, LoggingOptions.Section, Records.RecordsOptions.Section, Service.ServiceOptions.Section, Localization.UiOptions.Section, Api.ApiOptions.Section, Telemetry.TelemetryOptions.Section, Supplies.SuppliesOptions.Section];

    /// <summary>Keys that ASP.NET Core and the generic host read themselves (the standard <c>--urls</c> among them).</summary>
    public static readonly string[] HostKeys =
    [
        "urls", "http_ports", "https_ports", "environment", "applicationName", "contentRoot", "webroot", "Kestrel", "Logging",
        "AllowedHosts", "detailedErrors", "shutdownTimeoutSeconds", "suppressStatusMessages", "preventHostingStartup",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "captureStartupErrors", "preferHostingUrls", "hostBuilder",
    ];

    /// <summary>
    /// Checks the shape of the service's command line: every argument is <c>--Section:Key=value</c>
    /// or <c>--Section:Key value</c>. Returns the problems (empty when fine).
    /// </summary>
    public static IReadOnlyList<string> CheckArguments(IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2 || arg[2] == '=')
            {
                problems.Add($"'{arg}': not an option; settings are given as --Section:Key=value (e.g. --Controller:StartupProgram=acne)");
                continue;
            }

            if (arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"'{arg}' needs a value: {arg}=value");
                continue;
            }

            i++;
        }

        return problems;
    }

    /// <summary>
    /// Top-level names in the JSON files and on the command line that nothing reads, and sections
    /// given as a single value (<c>"Controller": "fast"</c>), which would otherwise be overlaid on
    /// the shipped file's section and quietly change nothing.
    /// </summary>
    public static IReadOnlyList<string> SectionProblems(IConfigurationRoot configuration) =>
        [.. SectionProblemList(configuration).Select(p => p.ToString()).Distinct(StringComparer.Ordinal)];

    /// <summary>The same, as problems with their ids (for the terminal's language).</summary>
    public static IReadOnlyList<SettingProblem> SectionProblemList(IConfigurationRoot configuration)
    {
        var known = OwnSections.Concat(HostKeys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<SettingProblem>();
        foreach (var provider in configuration.Providers)
        {
            // Where the name was written: a file (named) or the command line; each has its own sentence.
            var (where, file) = provider switch
            {
                JsonConfigurationProvider json => ("InFile", Describe(json.Source)),
                CommandLineConfigurationProvider => ("OnCommandLine", ""),
                _ => ("", ""),
            };
            if (where.Length == 0)
            {
                continue;
            }

            foreach (var name in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!known.Contains(name))
                {
                    var close = Spelling.Close(name, OwnSections);
                    problems.Add(close.Count == 0
                        ? new(name, "UnknownSection" + where, where == "InFile" ? "unknown section in {0}; the sections are {1}" : "unknown section on the command line; the sections are {1}", [file, string.Join(", ", OwnSections)])
                        : new(name, "UnknownSectionClose" + where, where == "InFile" ? "unknown section in {0}; did you mean {2}? the sections are {1}" : "unknown section on the command line; did you mean {2}? the sections are {1}", [file, string.Join(", ", OwnSections), string.Join(" or ", close)]));
                }
                else if (OwnSections.Contains(name, StringComparer.OrdinalIgnoreCase)
                    && provider.TryGet(name, out var value) && !string.IsNullOrEmpty(value)
                    && !provider.GetChildKeys([], name).Any())
                {
                    problems.Add(new(name, "SectionOfSettings" + where, where == "InFile" ? "must be a section of settings ({{ \"Key\": value, … }}) in {1}, not the value '{0}'" : "must be a section of settings ({{ \"Key\": value, … }}) on the command line, not the value '{0}'", [value, file]));
                }
            }
        }

        // The host reads the command line twice (host and application settings): say each thing once.
        return problems.DistinctBy(p => p.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>The message for a configuration file that could not be read at all (malformed JSON, a duplicate key).</summary>
    public static string Unreadable(InvalidDataException ex) => UnreadableProblem(ex).ToString();

    /// <summary>The same, as a problem (the parser's own words, in English).</summary>
    public static SettingProblem UnreadableProblem(InvalidDataException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var innermost = ex.GetBaseException();
        return new("", "Unreadable", "{0}", [ReferenceEquals(innermost, ex) ? ex.Message : $"{ex.Message} {innermost.Message}"]);
    }

    private static string Describe(FileConfigurationSource source)
    {
        var root = (source.FileProvider as Microsoft.Extensions.FileProviders.PhysicalFileProvider)?.Root;
        return root is null ? source.Path ?? "a JSON file" : Path.Combine(root, source.Path ?? "");
    }
}
