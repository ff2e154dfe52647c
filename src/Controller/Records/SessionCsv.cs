using System.Globalization;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// CSV exports of session records and of the event log (RFC 4180: header row, comma-separated,
/// fields quoted where they need it; invariant culture; times ISO 8601 UTC; lists <c>;</c>-joined).
/// The same writer serves the command line and the API, so both exports are byte for byte alike;
/// files start with a UTF-8 byte-order mark (<see cref="ByteOrderMark"/>), the column names never change.
/// </summary>
public static class SessionCsv
{
    public const string SessionHeader =
        "id,started_at,ended_at,end_reason,duration_s,program,programs,gas_source,gas_sources,setpoints_mpa,spray_s,liquid_ml,alarm_count,alarms,client_code,plan,plan_step_spray_s";

    public const string EventHeader = "id,session_id,at,loop_s,kind,state,code,value,detail";

    /// <summary>
    /// Starts every exported file (the API's downloads, <c>sessions export --out</c>): a spreadsheet
    /// program reads the file as UTF-8 only with it, and shows Chinese text instead of mojibake.
    /// </summary>
    public const string ByteOrderMark = "\uFEFF";

    public static void WriteSessions(TextWriter writer, IEnumerable<SessionRecord> sessions)
    {
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
                s.Plan ?? "",
                SessionSchema.JoinList(s.PlanStepSprayS ?? []));
        }
    }

    public static void WriteEvents(TextWriter writer, IEnumerable<EventRecord> events)
    {
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
                e.Detail);
        }
    }

    public static string Sessions(IEnumerable<SessionRecord> sessions)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteSessions(writer, sessions);
        return writer.ToString();
    }

    public static string Events(IEnumerable<EventRecord> events)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteEvents(writer, events);
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
