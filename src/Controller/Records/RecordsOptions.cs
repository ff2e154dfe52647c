using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Records;

/// <summary>The <c>Records</c> section of appsettings.json: where and how session records are kept.</summary>
public sealed record RecordsOptions : ISettingsSection
{
    public const string Section = "Records";
    public const string DatabaseFileName = "sessions.db";

    /// <summary>Keep session records and the event log at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Directory of the SQLite database; relative paths are taken from the application directory.</summary>
    public string Directory { get; init; } = "data";

    /// <summary>
    /// How often the figures of the open session are written, s. This bounds what a crash or power
    /// loss can take from a session record: the interrupted session keeps its last checkpoint.
    /// </summary>
    public double CheckpointS { get; init; } = 2.0;

    /// <summary>
    /// Retired: a record is one treatment (first spray to shutdown, or to the last spray before
    /// <see cref="TreatmentIdleMinutes"/> without one), and the daily summary breaks treatments down
    /// per program. Setting it true is a configuration error that says so; false is the behaviour.
    /// </summary>
    public bool? SessionPerProgram { get; init; }

    /// <summary>
    /// How long without spraying ends a treatment, minutes: the next spray starts the next treatment
    /// (the next client). The treatment ends at its last spray; the idle minutes are not counted.
    /// </summary>
    public double TreatmentIdleMinutes { get; init; } = 10;

    /// <summary>
    /// Allow a client code (a short pseudonymous reference, never a name) on a session. Off by
    /// default: the device stores no customer data unless the clinic chooses to.
    /// </summary>
    public bool ClientCodes { get; init; }

    public string DatabasePath(string contentRoot) =>
        Path.Combine(Path.IsPathRooted(Directory) ? Directory : Path.Combine(contentRoot, Directory), DatabaseFileName);

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Directory(Directory, nameof(Directory));
        errors.Range(CheckpointS, 0.5, 60, "s", nameof(CheckpointS));
        errors.Range(TreatmentIdleMinutes, 1, 240, "min", nameof(TreatmentIdleMinutes));
        if (SessionPerProgram is true)
        {
            errors.Add(
                nameof(SessionPerProgram),
                "SessionPerProgramRetired",
                "is retired: a session record is one treatment (from its first spray to shutdown, or to its last spray before {0}:{1} minutes without one), and the daily summary (GET /api/sessions/summary, 'sessions summary') gives the figures per program; remove the key",
                Section,
                nameof(TreatmentIdleMinutes));
        }
    }
}
