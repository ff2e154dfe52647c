using System.Globalization;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// CSV exports of session records, of the event log and of the daily summary (RFC 4180: header row,
/// comma-separated, fields quoted where they need it; invariant culture; lists <c>;</c>-joined).
/// The same writer serves the command line and the API, so both exports are byte for byte alike;
/// files start with a UTF-8 byte-order mark (<see cref="ByteOrderMark"/>). Column names never
/// change, columns are only added at the end: the UTC times (ISO 8601, for programs) are followed by
/// the same times in the device's local time as <c>yyyy-MM-dd HH:mm:ss</c> (which spreadsheets read
/// as dates) with the UTC offset beside them, and durations also as <c>h:mm:ss</c>.
/// </summary>
public static class SessionCsv
{
    public const string SessionHeader =
        "id,started_at,ended_at,end_reason,duration_s,program,programs,gas_source,gas_sources,setpoints_mpa,spray_s,liquid_ml,alarm_count,alarms,client_code," +
        "started_local,ended_local,utc_offset,duration_hms,spray_hms,oxygen_l,plan,plan_step_spray_s,plans";

    public const string EventHeader = "id,session_id,at,loop_s,kind,state,code,value,detail,at_local,utc_offset";

    public const string SummaryHeader =
        "date,program,treatments,treatment_minutes,treatment_hms,spray_minutes,spray_hms,liquid_ml,oxygen_l,alarms,utc_offset";

    /// <summary>A local time as spreadsheets read a date and time.</summary>
    public const string LocalTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>
    /// Starts every exported file (the API's downloads, <c>sessions export --out</c>): a spreadsheet
    /// program reads the file as UTF-8 only with it, and shows Chinese text instead of mojibake.
    /// </summary>
    public const string ByteOrderMark = "\uFEFF";

    /// <param name="zone">The device's time zone for the local columns; the machine's own when null.</param>
    public static void WriteSessions(TextWriter writer, IEnumerable<SessionRecord> sessions, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Local;
        writer.Write(SessionHeader);
        writer.Write('\n');
        foreach (var s in sessions)
        {
            WriteRow(
                writer,
                Number(s.Id),
                SessionSchema.FormatTime(s.StartedAt),
                s.EndedAt is { } ended ? SessionSchema.FormatTime(ended) : "",
                s.EndReason ?? "",
                Number(s.DurationS),
                s.Program,
                SessionSchema.JoinList(s.Programs),
                s.GasSource,
                SessionSchema.JoinList(s.GasSources),
                SessionSchema.JoinList(s.SetpointsMpa),
                Number(s.SprayS),
                Number(s.LiquidMl),
                Number(s.AlarmCount),
                SessionSchema.JoinList(s.Alarms),
                s.ClientCode ?? "",
                Local(s.StartedAt, zone),
                s.EndedAt is { } end ? Local(end, zone) : "",
                Offset(s.StartedAt, zone),
                Hms(s.DurationS),
                Hms(s.SprayS),
                Number(Math.Round(s.OxygenL, 2)),

                s.Plan ?? "",
                SessionSchema.JoinList(s.PlanStepSprayS ?? []),
                SessionSchema.JoinPlans(s.Plans ?? []));
        }
    }

    public static void WriteEvents(TextWriter writer, IEnumerable<EventRecord> events, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Local;
        writer.Write(EventHeader);
        writer.Write('\n');
        foreach (var e in events)
        {
            WriteRow(
                writer,
                Number(e.Id),
                e.SessionId is { } session ? Number(session) : "",
                SessionSchema.FormatTime(e.At),
                e.LoopS is { } loop ? Number(loop) : "",
                e.Kind,
                e.State ?? "",
                e.Code ?? "",
                e.Value is { } value ? Number(value) : "",
                e.Detail,
                Local(e.At, zone),
                Offset(e.At, zone));
        }
    }

    /// <summary>The daily summary: a row per day (program empty) followed by a row per program used that day.</summary>
    public static void WriteSummary(TextWriter writer, DailySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        writer.Write(SummaryHeader);
        writer.Write('\n');
        foreach (var day in summary.Days)
        {
            var date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Row(date, "", day.Figures, day.UtcOffset);
            foreach (var program in day.Programs)
            {
                Row(date, program.Program, program.Figures, day.UtcOffset);
            }
        }

        void Row(string date, string program, SummaryFigures f, string offset) => WriteRow(
            writer,
            date,
            program,
            Number(f.Treatments),
            Number(Math.Round(f.TreatmentTimeS / 60, 2)),
            Hms(f.TreatmentTimeS),
            Number(Math.Round(f.SprayS / 60, 2)),
            Hms(f.SprayS),
            Number(Math.Round(f.LiquidMl, 2)),
            Number(f.OxygenLitres),
            Number(f.Alarms),
            offset);
    }

    public static string Summary(DailySummary summary)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteSummary(writer, summary);
        return writer.ToString();
    }

    /// <summary>A duration as h:mm:ss (hours past 24 keep counting), which a spreadsheet reads as a time span.</summary>
    public static string Hms(double seconds)
    {
        var whole = (long)Math.Round(Math.Max(0, seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 3600}:{whole / 60 % 60:00}:{whole % 60:00}");
    }

    /// <summary>A UTC offset as +hh:mm.</summary>
    public static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString(LocalTimeFormat, CultureInfo.InvariantCulture);

    private static string Offset(DateTimeOffset time, TimeZoneInfo zone) => Offset(zone.GetUtcOffset(time));

    public static string Sessions(IEnumerable<SessionRecord> sessions, TimeZoneInfo? zone = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteSessions(writer, sessions, zone);
        return writer.ToString();
    }

    public static string Events(IEnumerable<EventRecord> events, TimeZoneInfo? zone = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteEvents(writer, events, zone);
        return writer.ToString();
    }

    // Shortest round-trip form: what the CSV says parses back to exactly what the database holds.
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteRow(TextWriter writer, params ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Quote(fields[i]));
        }

        writer.Write('\n');
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
