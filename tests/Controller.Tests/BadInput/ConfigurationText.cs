using HydroOxygen.Controller.Hosting;
using Microsoft.Extensions.Configuration;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Controller.Tests.BadInput;

/// <summary>
/// A configuration file's text judged as the service judges it at start-up: read as a JSON file,
/// then its sections checked, then bound and validated (ControllerHost.Run in that order).
/// </summary>
internal static class ConfigurationText
{
    public static IReadOnlyList<string> Problems(string json) => Problems(System.Text.Encoding.UTF8.GetBytes(json));

    public static IReadOnlyList<string> Problems(byte[] bytes) => Read(bytes).Problems;

    /// <summary>The options, when the text is accepted (no problems), and the problems.</summary>
    public static (ControllerOptions? Options, IReadOnlyList<string> Problems) Read(byte[] bytes)
    {
        var directory = Directory.CreateTempSubdirectory("hydroxy-config-");
        try
        {
            var path = Path.Combine(directory.FullName, "appsettings.json");
            File.WriteAllBytes(path, bytes);
            IConfigurationRoot configuration;
            try
            {
                configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
            }
            catch (InvalidDataException ex)
            {
                return (null, [ConfigurationSources.Unreadable(ex)]);
            }

            if (ConfigurationSources.SectionProblems(configuration) is { Count: > 0 } sections)
            {
                return (null, sections);
            }

            return ControllerHost.TryReadOptions(configuration, out ControllerOptions options, out var problems) ? (options, problems) : (null, problems);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
