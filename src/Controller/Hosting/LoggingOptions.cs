using HydroOxygen.Hal;
using Serilog.Events;

namespace HydroOxygen.Controller.Hosting;

/// <summary>The <c>Log</c> section of appsettings.json.</summary>
public sealed record LoggingOptions : ISettingsSection
{
    public const string Section = "Log";

    /// <summary>Directory for the rolling log files; relative paths are taken from the application directory.</summary>
    public string Directory { get; init; } = "logs";

    public int RetainedDays { get; init; } = 30;

    public LogEventLevel MinimumLevel { get; init; } = LogEventLevel.Information;

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Directory(Directory, nameof(Directory));
        errors.Range(RetainedDays, 1, 3650, nameof(RetainedDays));
    }
}
