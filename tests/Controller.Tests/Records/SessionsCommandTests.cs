using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Records;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Tests.Records;

/// <summary><c>sessions list</c> and <c>sessions export</c> on a database written by the recorder.</summary>
public sealed class SessionsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("hydroxy-cli-").FullName;
    private readonly string _path;

    public SessionsCommandTests()
    {
        _path = Path.Combine(_directory, "sessions.db");
        using var store = SessionStore.Open(_path);
        var recorder = new SessionRecorder(store, ProgramDefinition.Defaults, treatmentIdleS: 600);
        for (var i = 0; i < 2; i++)
        {
            var t = i * 100.0;
            var status = new ControllerStatus { Time = t, ProgramIndex = i, GasSource = GasSource.Oxygen };
            recorder.Record(new ControlEvent(t, ControlEventKind.StateChanged, DeviceState.Off, DeviceState.SelfTest), in status, Start.AddSeconds(t));
            recorder.Record(new ControlEvent(t + 1, ControlEventKind.SessionStarted, Value: 0.45), in status, Start.AddSeconds(t + 1));
            recorder.Record(new ControlEvent(t + 1, ControlEventKind.StateChanged, DeviceState.Ready, DeviceState.Spraying), in status, Start.AddSeconds(t + 1));
            var sprayed = status with { Time = t + 21, Session = new SessionTally { SpraySeconds = 20, LiquidUsedMl = 1.1 } };
            recorder.Record(new ControlEvent(t + 21, ControlEventKind.StateChanged, DeviceState.Spraying, DeviceState.Ready), in sprayed, Start.AddSeconds(t + 21));
            var end = status with { Time = t + 61, Session = new SessionTally { SpraySeconds = 20, LiquidUsedMl = 1.1 } };
            recorder.Record(new ControlEvent(t + 61, ControlEventKind.SessionEnded, Value: 20), in end, Start.AddSeconds(t + 61));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void List_shows_the_sessions_newest_first()
    {
        var (code, stdout, _) = Run("list", "--db", _path);

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("started", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"    2  {Local(Start.AddSeconds(101))}", lines[1], StringComparison.Ordinal);
        Assert.Contains("shutdown", lines[1], StringComparison.Ordinal);
        Assert.Contains("1:00", lines[1], StringComparison.Ordinal);
        Assert.Contains("cleanse", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("    1", lines[2], StringComparison.Ordinal);
        Assert.Contains("acne", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Export_all_writes_the_same_CSV_as_the_API()
    {
        var (code, stdout, _) = Run("export", "all", "--db", _path);

        Assert.Equal(0, code);
        Assert.Equal(SessionCsv.Sessions(new SessionQueries(_path).AllSessionsInOrder()), stdout);
        Assert.Equal(3, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Export_of_one_session_to_a_file_or_its_events()
    {
        var file = Path.Combine(_directory, "one.csv");
        var (code, _, stderr) = Run("export", "2", "--out", file, "--db", _path);

        Assert.Equal(0, code);
        Assert.Contains(file, stderr, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file);
        Assert.Equal(2, lines.Length);

        // UTF-8 with a byte-order mark, so that a spreadsheet program shows Chinese text; the header as it always was.
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(SessionCsv.SessionHeader, System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n')[0]);
        Assert.StartsWith("2,2026-03-02T09:01:41.000Z,2026-03-02T09:02:41.000Z,shutdown,60,cleanse,", lines[1], StringComparison.Ordinal);

        var (eventsCode, events, _) = Run("export", "2", "--events", "--db", _path);
        Assert.Equal(0, eventsCode);
        Assert.StartsWith(SessionCsv.EventHeader, events, StringComparison.Ordinal);
        Assert.Contains("session_ended", events, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_session_or_database_is_exit_code_1_with_the_reason()
    {
        var (missing, _, whyMissing) = Run("export", "9", "--db", _path);
        Assert.Equal(1, missing);
        Assert.Contains("there is no session 9", whyMissing, StringComparison.Ordinal);

        var (noDatabase, _, whyNoDatabase) = Run("list", "--db", Path.Combine(_directory, "nothing.db"));
        Assert.Equal(1, noDatabase);
        Assert.Contains("there is no session database at", whyNoDatabase, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export")]
    [InlineData("export", "first")]
    [InlineData("list", "--limit", "ten")]
    [InlineData("list", "--out", "x.csv")]
    [InlineData("delete", "all")]
    [InlineData("export", "1", "--db")]
    public void A_bad_command_line_is_exit_code_2_with_the_usage(params string[] args)
    {
        var (code, _, stderr) = Run(args);

        Assert.Equal(2, code);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal); // System.CommandLine's help follows the problem
        Assert.Contains("HydroOxygen.Controller sessions", stderr, StringComparison.Ordinal);
    }

    /// <summary>Issue 15 finding 10: the manager's daily figures on the command line, and as CSV with a byte-order mark.</summary>
    [Fact]
    public void Summary_gives_treatments_and_minutes_per_day_and_program()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Start, TimeZoneInfo.Local).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (code, stdout, _) = Run("summary", "--from", day, "--to", day, "--db", _path);

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("treatments", lines[0], StringComparison.Ordinal);
        Assert.Matches($@"^{day}\s+\(all\)\s+2\s+0:02:00\s+0:00:40\s+2\.2\s+0\.0\s+0$", lines[1]);
        Assert.Matches(@"^\s+acne\s+1\s+0:01:00\s+0:00:20\s+1\.1\s+0\.0\s+0$", lines[2]);
        Assert.Matches(@"^\s+cleanse\s+1\s+0:01:00\s+0:00:20\s+1\.1\s+0\.0\s+0$", lines[3]);

        var file = Path.Combine(_directory, "summary.csv");
        Assert.Equal(0, Run("summary", "--from", day, "--to", day, "--out", file, "--db", _path).Code);
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SessionCsv.SummaryHeader, rows[0]);
        Assert.StartsWith($"{day},,2,2,0:02:00,0.67,0:00:40,2.2,0,0,", rows[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("summary", "--from", "2026-3-2")]
    [InlineData("summary", "--to", "yesterday")]
    public void A_summary_with_a_bad_date_is_exit_code_2_naming_it(params string[] args)
    {
        var (code, _, stderr) = Run(args);

        Assert.Equal(2, code);
        Assert.Contains("must be a date as yyyy-MM-dd", stderr, StringComparison.Ordinal);
    }

    private static string Local(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static (int Code, string StdOut, string StdErr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SessionsCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
