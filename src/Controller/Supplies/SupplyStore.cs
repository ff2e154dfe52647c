using HydroOxygen.Controller.Persistence;

namespace HydroOxygen.Controller.Supplies;

/// <summary>
/// <c>supplies.json</c> in the device's data directory: checksummed and replaced atomically, so that
/// a kill or a power cut leaves the last checkpoint whole — the counters never go back past it.
/// </summary>
public sealed class SupplyStore(string directory)
{
    public const string FileName = "supplies.json";
    public const string Kind = "supplies";
    public const int Version = 1;

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    public DocumentLoad<SupplyRecord> Load() => ChecksummedDocument.Load<SupplyRecord>(Path, Kind, Version);

    public void Save(SupplyRecord record) => ChecksummedDocument.Save(Path, Kind, Version, record);

    /// <summary>Moves a file that cannot be read out of the way (kept for the engineer), so that the next checkpoint can be written.</summary>
    public string SetAside(DateTimeOffset now)
    {
        var aside = $"{Path}.unreadable-{now:yyyyMMddTHHmmss}";
        File.Move(Path, aside, overwrite: true);
        return aside;
    }
}
