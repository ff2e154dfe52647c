using System.Text;
using HydroOxygen.Controller.Fleet;

namespace HydroOxygen.Telemetry.Tests.Units;

public sealed class FleetTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offline_devices_and_those_with_alarms_come_first_with_what_an_engineer_needs()
    {
        Assert.True(DeviceRow.TryRead("s1", "dev-ok", Status("Ready", "acne", alarms: "", today: 4, outbox: 0), null, out var ok));
        Assert.True(DeviceRow.TryRead("s1", "dev-alarm", Status("Fault", "eye", alarms: """{"code":"OverPressure","acknowledged":false}""", today: 2, outbox: 3), null, out var alarmed));
        Assert.True(DeviceRow.TryRead("s2", "dev-gone", Status("Spraying", "cleanse", alarms: "", today: 1, outbox: 0), null, out var gone));
        Assert.True(DeviceRow.TryRead("s2", "dev-gone", Encoding.UTF8.GetBytes("""{"online":false}"""), gone, out gone));

        var lines = FleetTable.Render([ok, alarmed, gone], Now).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("3 devices, 2 online, 1 offline", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("SITE", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^s2\s+dev-gone\s+NO\s+Spraying\s+cleanse\s+-\s+1\s+0\s+", lines[2]);
        Assert.Matches(@"^s1\s+dev-alarm\s+yes\s+Fault\s+eye\s+OverPressure\s+2\s+3\s+60 s ago", lines[3]);
        Assert.Matches(@"^s1\s+dev-ok\s+yes\s+Ready\s+acne\s+-\s+4\s+0\s+", lines[4]);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("""{"state":"Ready"}""")]
    [InlineData("""{"online":"yes"}""")]
    [InlineData("""{"online":true,"sessionsToday":"many","alarms":[{"code":5}]}""")]
    public void Something_that_is_not_a_status_changes_nothing(string payload)
    {
        Assert.False(DeviceRow.TryRead("s1", "d", Encoding.UTF8.GetBytes(payload), null, out _));
    }

    private static byte[] Status(string state, string program, string alarms, int today, int outbox) => Encoding.UTF8.GetBytes(
        $$"""{"online":true,"state":"{{state}}","program":"{{program}}","alarms":[{{alarms}}],"sessionsToday":{{today}},"telemetry":{"outboxDepth":{{outbox}}},"time":"{{Now.AddSeconds(-60):O}}"}""");
}
