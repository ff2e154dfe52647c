using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Supplies;

namespace HydroOxygen.Controller.Telemetry.Publishing;

/// <summary>
/// The retained <c>maintenance</c> message with the wear counters (DESIGN §3.6): the session records'
/// totals as before, and <c>counters</c> — each wear item's lifetime count, its interval and whether it is due.
/// </summary>
internal sealed class CountersMaintenanceSource(RecordsWriter records, SuppliesService supplies) : IMaintenanceSource
{
    public const string Basis = "counters";

    private readonly RecordsMaintenanceSource _records = new(records);

    public MaintenanceMessage? Current(DateTimeOffset now)
    {
        var view = supplies.Ledger.View();
        var counters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var wear in view.Wear)
        {
            var name = WearItems.Name(wear.Item);
            counters[name] = Math.Round(wear.Value, 4);
            counters[name + "Interval"] = wear.Interval;
            counters[name + "SinceService"] = Math.Round(wear.SinceService, 4);
            counters[name + "Due"] = wear.Due ? 1 : 0;
        }

        var totals = _records.Current(now);
        return new MaintenanceMessage(
            now,
            Basis,
            totals?.Sessions ?? 0,
            totals?.SessionHours ?? 0,
            Math.Round(view.Totals.SprayS / 3600, 4),
            totals?.LiquidMl ?? 0,
            counters);
    }
}
