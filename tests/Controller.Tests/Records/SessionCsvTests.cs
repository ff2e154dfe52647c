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
    public void A_sessions_plan_and_its_spray_seconds_per_step_are_the_last_two_columns()
    {
        var csv = SessionCsv.Sessions([Session with { Plan = "acne", PlanStepSprayS = [12.5, 0, 30.25] }]);

        Assert.EndsWith(",client_code,plan,plan_step_spray_s", SessionCsv.SessionHeader, StringComparison.Ordinal);
        Assert.EndsWith(",LiquidEmpty;NozzleBlocked,,acne,12.5;0;30.25\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_is_one_row_under_the_header()
    {
        var csv = SessionCsv.Sessions([Session]);

        Assert.Equal(
            SessionCsv.SessionHeader + "\n" +
            "7,2026-03-02T09:00:00.123Z,,,60.001,acne,acne;eye,oxygen,oxygen,0.45;0.3,0.30000000000000004,1.25,2,LiquidEmpty;NozzleBlocked,,,\n",
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

        Assert.EndsWith(",\"setpoint 0.750 MPa refused: mpa: \"\"0.75\"\" is outside, sorry\nreally\"\n", events, StringComparison.Ordinal);
        Assert.StartsWith(SessionCsv.EventHeader + "\n1,7,2026-03-02T09:00:00.123Z,0.5,command_refused,Ready,,0.75,", events, StringComparison.Ordinal);
    }
}
