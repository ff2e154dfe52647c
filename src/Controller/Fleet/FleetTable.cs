using System.Globalization;
using System.Text;

namespace HydroOxygen.Controller.Fleet;

/// <summary>Draws the <c>fleet watch</c> table: one line per device, offline ones and those with alarms first.</summary>
public static class FleetTable
{
    public static readonly string[] Columns = ["SITE", "DEVICE", "ONLINE", "STATE", "PROGRAM", "ALARMS", "TODAY", "OUTBOX", "LAST SEEN"];

    public static string Render(IEnumerable<DeviceRow> devices, DateTimeOffset now)
    {
        var rows = devices
            .OrderBy(d => d.Online ? 1 : 0)
            .ThenByDescending(d => d.Alarms.Count)
            .ThenBy(d => d.Site, StringComparer.Ordinal)
            .ThenBy(d => d.DeviceId, StringComparer.Ordinal)
            .Select(d => new[]
            {
                d.Site,
                d.DeviceId,
                d.Online ? "yes" : "NO",
                d.State,
                d.Program,
                d.Alarms.Count == 0 ? "-" : string.Join(',', d.Alarms),
                d.SessionsToday?.ToString(CultureInfo.InvariantCulture) ?? "?",
                d.OutboxDepth?.ToString(CultureInfo.InvariantCulture) ?? "?",
                d.Time is { } t ? Ago(now - t) : "?",
            })
            .ToList();
        var text = new StringBuilder();
        var online = rows.Count(r => r[2] == "yes");
        text.Append(CultureInfo.InvariantCulture, $"{rows.Count} devices, {online} online, {rows.Count - online} offline — {now.ToLocalTime():yyyy-MM-dd HH:mm:ss}").AppendLine();
        if (rows.Count == 0)
        {
            text.AppendLine(FleetText.NoDevices);
            return text.ToString();
        }

        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToArray();
        Line(text, Columns, widths);
        foreach (var row in rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        text.AppendLine();
    }

    private static string Ago(TimeSpan age) => age.TotalSeconds switch
    {
        < 0 => "now",
        < 90 => $"{age.TotalSeconds:0} s ago",
        < 5400 => $"{age.TotalMinutes:0} min ago",
        < 172800 => $"{age.TotalHours:0} h ago",
        _ => $"{age.TotalDays:0} d ago",
    };
}
