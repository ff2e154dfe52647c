using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Localization;
using Microsoft.Extensions.Localization;

namespace HydroOxygen.Controller.Fleet;

/// <summary>Draws the <c>fleet watch</c> table: one line per device, offline ones and those with alarms first.</summary>
public static class FleetTable
{
    /// <summary>The table in <paramref name="text"/>'s language (the terminal's by default).</summary>
    public static string Render(IEnumerable<DeviceRow> devices, DateTimeOffset now, IStringLocalizer? text = null)
    {
        var words = text ?? CliLanguage.Text();
        var columns = words["Fleet.Table.Columns"].Value.Split('|');
        var (yes, no) = (words["Fleet.Table.Yes"].Value, words["Fleet.Table.No"].Value);
        var rows = devices
            .OrderBy(d => d.Online ? 1 : 0)
            .ThenByDescending(d => d.Alarms.Count)
            .ThenBy(d => d.Site, StringComparer.Ordinal)
            .ThenBy(d => d.DeviceId, StringComparer.Ordinal)
            .Select(d => new[]
            {
                d.Site,
                d.DeviceId,
                d.Online ? yes : no,
                d.State,
                d.Program,
                d.Alarms.Count == 0 ? "-" : string.Join(',', d.Alarms),
                d.SessionsToday?.ToString(CultureInfo.InvariantCulture) ?? "?",
                d.OutboxDepth?.ToString(CultureInfo.InvariantCulture) ?? "?",
                d.OutboxAwaitingBroker?.ToString(CultureInfo.InvariantCulture) ?? "?",
                d.OutboxAwaitingCollector?.ToString(CultureInfo.InvariantCulture) ?? "?",
                d.LastCollectorAckAt switch
                {
                    { Known: false } => "?",
                    { At: { } at } => Ago(now - at, words),
                    _ => words["Fleet.Table.Never"],
                },
                d.Time is { } t ? Ago(now - t, words) : "?",
            })
            .ToList();
        var table = new StringBuilder();
        var online = rows.Count(r => r[2] == yes);
        table.AppendLine(words["Fleet.Table.Summary", rows.Count, online, rows.Count - online, now.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)]);
        if (rows.Count == 0)
        {
            table.AppendLine(words["Fleet.NoDevices"]);
            return table.ToString();
        }

        var widths = columns.Select((c, i) => Math.Max(TerminalColumns.Width(c), rows.Max(r => TerminalColumns.Width(r[i])))).ToArray();
        Line(table, columns, widths);
        foreach (var row in rows)
        {
            Line(table, row, widths);
        }

        return table.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(cells[i]);
            if (i < cells.Length - 1)
            {
                text.Append(' ', widths[i] + 2 - TerminalColumns.Width(cells[i]));
            }
        }

        text.AppendLine();
    }

    private static string Ago(TimeSpan age, IStringLocalizer words) => age.TotalSeconds switch
    {
        < 0 => words["Fleet.Table.Now"],
        < 90 => words["Fleet.Table.SecondsAgo", Whole(age.TotalSeconds)],
        < 5400 => words["Fleet.Table.MinutesAgo", Whole(age.TotalMinutes)],
        < 172800 => words["Fleet.Table.HoursAgo", Whole(age.TotalHours)],
        _ => words["Fleet.Table.DaysAgo", Whole(age.TotalDays)],
    };

    private static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
