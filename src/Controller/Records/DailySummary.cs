namespace HydroOxygen.Controller.Records;

/// <summary>
/// What a salon manager asks of the records, per local day and per program: how many treatments,
/// how long they took, how long the pen sprayed, how much nutrient liquid and oxygen went, how many
/// alarms. Days are the device's local calendar days; a treatment counts on the day it began.
/// </summary>
/// <param name="TimeZone">The time zone the days are in (the device's).</param>
public sealed record DailySummary(string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<DaySummary> Days)
{
    /// <summary>
    /// Sums the treatments begun on each day from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive, local days in <paramref name="zone"/>); alarms are every alarm raised that day,
    /// in a treatment or not (a program's are those of its treatments). Every day is listed, with zeros
    /// where nothing happened.
    /// </summary>
    public static DailySummary Of(IEnumerable<SessionRecord> treatments, IEnumerable<DateTimeOffset> alarmsRaised, DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(treatments);
        ArgumentNullException.ThrowIfNull(alarmsRaised);
        ArgumentNullException.ThrowIfNull(zone);
        DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
        var byDay = treatments.GroupBy(t => Day(t.StartedAt)).ToDictionary(g => g.Key, g => g.ToList());
        var alarmsByDay = alarmsRaised.GroupBy(Day).ToDictionary(g => g.Key, g => g.Count());
        var days = new List<DaySummary>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var list = byDay.GetValueOrDefault(day) ?? [];
            var noon = new DateTime(day, new TimeOnly(12, 0), DateTimeKind.Unspecified);
            var programs = list
                .GroupBy(t => t.Program, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ProgramSummary(g.Key, Figures(g, g.Sum(t => t.AlarmCount))))
                .ToList();
            days.Add(new DaySummary(day, SessionCsv.Offset(zone.GetUtcOffset(noon)), Figures(list, alarmsByDay.GetValueOrDefault(day)), programs));
        }

        return new DailySummary(zone.Id, from, to, days);
    }

    private static SummaryFigures Figures(IEnumerable<SessionRecord> treatments, int alarms)
    {
        var list = treatments.ToList();
        return new SummaryFigures(
            list.Count,
            Math.Round(list.Sum(t => t.DurationS), 1),
            Math.Round(list.Sum(t => t.SprayS), 1),
            Math.Round(list.Sum(t => t.LiquidMl), 2),
            Math.Round(list.Sum(t => t.OxygenL), 1),
            alarms);
    }
}

/// <param name="UtcOffset">The day's offset from UTC (at noon), +hh:mm.</param>
/// <param name="Figures">The whole day.</param>
/// <param name="Programs">The day's treatments by the program each began with.</param>
public sealed record DaySummary(DateOnly Date, string UtcOffset, SummaryFigures Figures, IReadOnlyList<ProgramSummary> Programs);

public sealed record ProgramSummary(string Program, SummaryFigures Figures);

/// <param name="TreatmentTimeS">Sum of the treatments' durations (first spray to last spray, or to shutdown), s.</param>
/// <param name="SprayS">Sum of their spray time, s.</param>
/// <param name="LiquidMl">Estimated nutrient liquid used, mL.</param>
/// <param name="OxygenLitres">Oxygen taken from the cylinder, litres ANR (estimated from the regulator's flow model).</param>
/// <param name="Alarms">Alarms raised.</param>
public sealed record SummaryFigures(int Treatments, double TreatmentTimeS, double SprayS, double LiquidMl, double OxygenLitres, int Alarms);
