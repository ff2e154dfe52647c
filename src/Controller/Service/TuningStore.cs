using System.Globalization;
using System.Text.Json;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Persistence;

namespace HydroOxygen.Controller.Service;

/// <summary>The regulator settings an engineer accepted from tuning, stored like the calibration.</summary>
public sealed record TuningRecord
{
    public const string Kind = "hydro-oxygen-regulator-tuning";
    public const int Version = 1;

    public int Revision { get; init; }
    public DateTimeOffset TunedAt { get; init; }
    public string Engineer { get; init; } = "";
    public RegulatorSettings Regulator { get; init; } = new();
}

/// <summary>The accepted regulator tuning on disk: checksummed, atomically replaced, with an audit trail.</summary>
public sealed class TuningStore(string directory)
{
    public const string FileName = "regulator.json";
    public const string AuditFileName = "regulator-audit.jsonl";

    public string Path => System.IO.Path.Combine(directory, FileName);
    public string AuditPath => System.IO.Path.Combine(directory, AuditFileName);

    public DocumentLoad<TuningRecord> Load() => ChecksummedDocument.Load<TuningRecord>(Path, TuningRecord.Kind, TuningRecord.Version);

    public TuningRecord Save(TuningRecord? previous, RegulatorSettings regulator, string engineer, DateTimeOffset when)
    {
        // Counts on from the audit trail too: see CalibrationStore.Save.
        var revision = Math.Max(previous?.Revision ?? 0, AuditTrail.LastRevision(AuditPath)) + 1;
        var next = new TuningRecord { Revision = revision, TunedAt = when, Engineer = engineer, Regulator = regulator };
        DurableFile.AppendLine(AuditPath, JsonSerializer.Serialize(new
        {
            when = when.ToString("O", CultureInfo.InvariantCulture),
            revision = next.Revision,
            engineer,
            old = previous?.Regulator,
            @new = regulator,
        }));
        ChecksummedDocument.Save(Path, TuningRecord.Kind, TuningRecord.Version, next);
        return next;
    }
}
