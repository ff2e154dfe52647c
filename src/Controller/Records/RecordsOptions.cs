using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Records;

/// <summary>The <c>Records</c> section of appsettings.json: where and how session records are kept.</summary>
public sealed record RecordsOptions
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

    /// <summary>Close the record and open a new one whenever the program changes (a record per program run).</summary>
    public bool SessionPerProgram { get; init; }

    /// <summary>
    /// Allow a client code (a short pseudonymous reference, never a name) on a session. Off by
    /// default: the device stores no customer data unless the clinic chooses to.
    /// </summary>
    public bool ClientCodes { get; init; }

    public string DatabasePath(string contentRoot) =>
        Path.Combine(Path.IsPathRooted(Directory) ? Directory : Path.Combine(contentRoot, Directory), DatabaseFileName);

    public IReadOnlyList<SettingProblem> Validate()
    {
        var errors = new SettingsErrors(Section);
        Validate(errors);
        return errors.Problems;
    }

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Directory(Directory, nameof(Directory));
        errors.Range(CheckpointS, 0.5, 60, "s", nameof(CheckpointS));
    }
}
