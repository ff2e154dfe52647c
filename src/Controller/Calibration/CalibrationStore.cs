using System.Globalization;
using System.Text.Json;
using HydroOxygen.Controller.Persistence;

namespace HydroOxygen.Controller.Calibration;

/// <summary>
/// The device's calibration on disk: one checksummed, versioned, atomically replaced file, and an
/// append-only audit trail of every change (when, which channel, old and new coefficients, the
/// reference points, who).
/// </summary>
public sealed class CalibrationStore(string directory)
{
    public const string FileName = "calibration.json";
    public const string AuditFileName = "calibration-audit.jsonl";

    public string Path => System.IO.Path.Combine(directory, FileName);
    public string AuditPath => System.IO.Path.Combine(directory, AuditFileName);

    public DocumentLoad<CalibrationRecord> Load() => ChecksummedDocument.Load<CalibrationRecord>(Path, CalibrationRecord.Kind, CalibrationRecord.Version);

    /// <summary>Writes a new calibration for the given channels: audit lines first, then the file.</summary>
    /// <remarks>
    /// The audit trail is written before the file is replaced: if the write is interrupted, the trail
    /// may mention a calibration that did not take effect, never the other way round.
    /// </remarks>
    public CalibrationRecord Save(CalibrationRecord? previous, IReadOnlyDictionary<PressureChannel, ChannelRecord> changes, DateTimeOffset when)
    {
        // Revisions count on from the audit trail too, so that a calibration written over a corrupt
        // file does not restart at 1 and repeat revision numbers in the trail.
        var next = (previous ?? new CalibrationRecord()) with { Revision = Math.Max(previous?.Revision ?? 0, Persistence.AuditTrail.LastRevision(AuditPath)) + 1 };
        foreach (var (channel, record) in changes)
        {
            var old = previous?[channel];
            DurableFile.AppendLine(AuditPath, JsonSerializer.Serialize(new
            {
                when = when.ToString("O", CultureInfo.InvariantCulture),
                revision = next.Revision,
                channel = channel.ToString(),
                engineer = record.Engineer,
                old = old is null ? null : new { gain = old.Gain, offsetMpa = old.OffsetMpa },
                @new = new { gain = record.Gain, offsetMpa = record.OffsetMpa },
                points = record.Points.Select(p => new { referenceMpa = p.ReferenceMpa, rawMpa = p.RawMpa }),
            }));
            next = next.With(channel, record);
        }

        ChecksummedDocument.Save(Path, CalibrationRecord.Kind, CalibrationRecord.Version, next);
        return next;
    }

    /// <summary>The audit trail, oldest first (each line a JSON object).</summary>
    public IReadOnlyList<string> AuditTrail() => Persistence.AuditTrail.Read(AuditPath);
}
