namespace HydroOxygen.Controller.Telemetry.Publishing;

/// <summary>
/// What the retained <c>maintenance</c> message says. Today the session records' lifetime totals
/// (<see cref="RecordsMaintenanceSource"/>); the wear counters of DESIGN §2.8 register their own
/// source in its place when they exist.
/// </summary>
public interface IMaintenanceSource
{
    /// <summary>The current figures; null when there are none to give (no records).</summary>
    MaintenanceMessage? Current(DateTimeOffset now);
}

/// <summary>Lifetime totals summed from the session records (<see cref="MaintenanceMessage.Basis"/> <c>records</c>).</summary>
internal sealed class RecordsMaintenanceSource(Records.RecordsWriter records) : IMaintenanceSource
{
    public const string Basis = "records";

    public MaintenanceMessage? Current(DateTimeOffset now)
    {
        if (records.Problem is not null)
        {
            return null;
        }

        var (sessions, durationS, sprayS, liquidMl) = new RecordFigures(records.DatabasePath).Totals();
        return new MaintenanceMessage(now, Basis, sessions, Math.Round(durationS / 3600, 4), Math.Round(sprayS / 3600, 4), Math.Round(liquidMl, 2), null);
    }
}
