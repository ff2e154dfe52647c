using Serilog.Events;

namespace HydroOxygen.Controller.Hosting;

/// <summary>The <c>Log</c> section of appsettings.json.</summary>
public sealed record LoggingOptions
{
    public const string Section = "Log";

    /// <summary>Directory for the rolling log files; relative paths are taken from the application directory.</summary>
    public string Directory { get; init; } = "logs";

    public int RetainedDays { get; init; } = 30;

    public LogEventLevel MinimumLevel { get; init; } = LogEventLevel.Information;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add($"{Section}:Directory: must name a directory");
        }

        if (RetainedDays is < 1 or > 3650)
        {
            errors.Add($"{Section}:RetainedDays: must be within 1–3650, was {RetainedDays}");
        }

        return errors;
    }
}
