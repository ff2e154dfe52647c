using System.Globalization;
using HydroOxygen.Controller.Records;

namespace HydroOxygen.Controller.Tests.Records;

public sealed class SessionCsvTests
{
    private static readonly SessionRecord Session = new(
        Id: 7,
        StartedAt: new DateTimeOffset(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero),
        EndedAt: null,
        EndReason: null,
        UpdatedAt: new DateTimeOffset(2026, 3, 2, 9, 1, 0, TimeSpan.Zero),
        DurationS: 60.001,
        Program: "acne",
        Programs: ["acne", "eye"],
        GasSource: "oxygen",
        GasSources: ["oxygen"],
        SetpointsMpa: [0.45, 0.3],
        SprayS: 0.1 + 0.2,
        LiquidMl: 1.25,
        AlarmCount: 2,
        Alarms: ["LiquidEmpty", "NozzleBlocked"],
        ClientCode: null);

    [Fact]
    public void A_sessions_last_plan_its_spray_seconds_per_step_and_every_plan_run_are_the_last_columns()
    {
        var csv = SessionCsv.Sessions([Session with
        {
            Plan = "acne",
            PlanStepSprayS = [12.5, 0, 30.25],
            Plans = [new PlanRun("gentle", [4, 1.5]), new PlanRun("acne", [12.5, 0, 30.25])],
        }]);

        Assert.EndsWith(",oxygen_l,plan,plan_step_spray_s,plans", SessionCsv.SessionHeader, StringComparison.Ordinal);
        Assert.EndsWith(",acne,12.5;0;30.25,gentle=4;1.5|acne=12.5;0;30.25\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_is_one_row_under_the_header()
    {
        var csv = SessionCsv.Sessions([Session], TimeZoneInfo.Utc);

        Assert.Equal(
            SessionCsv.SessionHeader + "\n" +
            "7,2026-03-02T09:00:00.123Z,,,60.001,acne,acne;eye,oxygen,oxygen,0.45;0.3,0.30000000000000004,1.25,2,LiquidEmpty;NozzleBlocked,," +
            "2026-03-02 09:00:00,,+00:00,0:01:00,0:00:00,0,,,\n",
            csv);
    }

    [Fact]
    public void Numbers_round_trip_exactly()
    {
        var row = SessionCsv.Sessions([Session]).Split('\n')[1].Split(',');

        Assert.Equal(Session.SprayS, double.Parse(row[10], CultureInfo.InvariantCulture));
        Assert.Equal(Session.DurationS, double.Parse(row[4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted()
    {
        var events = SessionCsv.Events(
        [
            new EventRecord(1, 7, Session.StartedAt, 0.5, "command_refused", "Ready", null, 0.75, "setpoint 0.750 MPa refused: mpa: \"0.75\" is outside, sorry\nreally"),
        ]);

        Assert.Contains(",\"setpoint 0.750 MPa refused: mpa: \"\"0.75\"\" is outside, sorry\nreally\",", events, StringComparison.Ordinal);
        Assert.StartsWith(SessionCsv.EventHeader + "\n1,7,2026-03-02T09:00:00.123Z,0.5,command_refused,Ready,,0.75,", events, StringComparison.Ordinal);
    }

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Test/Shanghai", TimeSpan.FromHours(8), "Shanghai", "CST");

    /// <summary>
    /// Issue 15 finding 10: the column names of old stay first and alike; local times a spreadsheet
    /// reads as dates, the offset beside them, and durations as h:mm:ss follow.
    /// </summary>
    [Fact]
    public void Local_times_and_durations_follow_the_columns_of_old()
    {
        var ended = Session with { EndedAt = Session.StartedAt.AddSeconds(4000), DurationS = 4000, SprayS = 1234.4, OxygenL = 12.5 };

        var rows = SessionCsv.Sessions([ended], Shanghai).Split('\n');

        Assert.StartsWith("id,started_at,ended_at,end_reason,duration_s,program,programs,gas_source,gas_sources,setpoints_mpa,spray_s,liquid_ml,alarm_count,alarms,client_code,", rows[0], StringComparison.Ordinal);
        Assert.EndsWith(",2026-03-02 17:00:00,2026-03-02 18:06:40,+08:00,1:06:40,0:20:34,12.5,,,", rows[1], StringComparison.Ordinal);
        var events = SessionCsv.Events([new EventRecord(1, 7, Session.StartedAt, 0.5, "state", "Ready", null, null, "Off → SelfTest")], Shanghai);
        Assert.EndsWith(",Off → SelfTest,2026-03-02 17:00:00,+08:00\n", events, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0:00:00")]
    [InlineData(59.6, "0:01:00")]
    [InlineData(3599, "0:59:59")]
    [InlineData(90061, "25:01:01")]
    public void Durations_read_as_hours_minutes_seconds(double seconds, string expected) =>
        Assert.Equal(expected, SessionCsv.Hms(seconds));

    /// <summary>A treatment counts on the local day it began: 23:30 UTC is the next morning in Shanghai.</summary>
    [Fact]
    public void The_daily_summary_counts_local_days_and_programs()
    {
        var late = Session with { StartedAt = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero), DurationS = 1800, SprayS = 600, LiquidMl = 10, OxygenL = 20, AlarmCount = 1 };
        var morning = Session with { StartedAt = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), Program = "eye", DurationS = 1200, SprayS = 300, LiquidMl = 5, OxygenL = 0, AlarmCount = 0 };
        var alarms = new[] { late.StartedAt.AddMinutes(5), new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero) };

        var summary = DailySummary.Of([late, morning], alarms, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), Shanghai);

        Assert.Equal(2, summary.Days.Count);
        Assert.Equal((0, 1), (summary.Days[0].Figures.Treatments, summary.Days[0].Figures.Alarms));
        var day = summary.Days[1];
        Assert.Equal(new DateOnly(2026, 3, 2), day.Date);
        Assert.Equal(new SummaryFigures(2, 3000, 900, 15, 20, 1), day.Figures);
        Assert.Equal(["acne", "eye"], day.Programs.Select(p => p.Program));
        Assert.Equal(new SummaryFigures(1, 1200, 300, 5, 0, 0), day.Programs[1].Figures);
        var csv = SessionCsv.Summary(summary).Split('\n');
        Assert.Equal(SessionCsv.SummaryHeader, csv[0]);
        Assert.Equal("2026-03-01,,0,0,0:00:00,0,0:00:00,0,0,1,+08:00", csv[1]);
        Assert.Equal("2026-03-02,,2,50,0:50:00,15,0:15:00,15,20,1,+08:00", csv[2]);
        Assert.Equal("2026-03-02,eye,1,20,0:20:00,5,0:05:00,5,0,0,+08:00", csv[4]);
    }
}
