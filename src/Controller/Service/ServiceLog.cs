using System.Globalization;
using System.Text.Json;
using HydroOxygen.Controller.Persistence;

namespace HydroOxygen.Controller.Service;

/// <summary>The append-only record of service work (leak tests, tuning runs), one JSON object per line.</summary>
public sealed class ServiceLog(string directory)
{
    public const string FileName = "service-log.jsonl";

    public string Path => System.IO.Path.Combine(directory, FileName);

    public void Record(string what, DateTimeOffset when, string engineer, object details) =>
        DurableFile.AppendLine(Path, JsonSerializer.Serialize(new
        {
            when = when.ToString("O", CultureInfo.InvariantCulture),
            what,
            engineer,
            details,
        }));

    public IReadOnlyList<string> Entries() => File.Exists(Path) ? File.ReadAllLines(Path) : [];
}
