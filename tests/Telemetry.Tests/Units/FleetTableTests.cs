using System.Text;
using HydroOxygen.Controller.Fleet;
using HydroOxygen.Controller.Localization;

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

        var lines = FleetTable.Render([ok, alarmed, gone], Now, ResourceText.English).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("3 devices, 2 online, 1 offline", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("SITE", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^s2\s+dev-gone\s+NO\s+Spraying\s+cleanse\s+-\s+1\s+0\s+0\s+0\s+never\s+", lines[2]);
        Assert.Matches(@"^s1\s+dev-alarm\s+yes\s+Fault\s+eye\s+OverPressure\s+2\s+3\s+1\s+2\s+never\s+60 s ago", lines[3]);
        Assert.Matches(@"^s1\s+dev-ok\s+yes\s+Ready\s+acne\s+-\s+4\s+0\s+0\s+0\s+never\s+", lines[4]);
    }

    [Fact]
    public void On_a_Chinese_terminal_the_table_speaks_Chinese_and_its_columns_stay_aligned()
    {
        Assert.True(DeviceRow.TryRead("s1", "dev-ok", Status("Ready", "acne", alarms: "", today: 4, outbox: 0), null, out var ok));
        Assert.True(DeviceRow.TryRead("s2", "dev-gone", Encoding.UTF8.GetBytes("""{"online":false}"""), null, out var gone));

        var lines = FleetTable.Render([ok, gone], Now, ResourceText.For(Languages.Chinese)).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("2 台设备，1 台在线，1 台离线", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("门店", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^s1\s+dev-ok\s+是\s+Ready\s+acne\s+-\s+4\s+0\s+0\s+0\s+从未\s+60 秒前$", lines[3]);

        // A CJK character is two terminal columns: the "在线" heading (4 columns) and "是" (2) line up.
        static int Columns(string s) => s.Sum(c => c >= '\u2E80' ? 2 : 1);
        Assert.Equal(Columns(lines[1][..lines[1].IndexOf("在线", StringComparison.Ordinal)]), Columns(lines[3][..lines[3].IndexOf('是', StringComparison.Ordinal)]));
    }

    /// <summary>
    /// Where the outbox waits (DESIGN §3.6): on the broker, or on a collector's acknowledgement; a device
    /// whose status does not say (older firmware) shows "?", one no collector has answered "never".
    /// </summary>
    [Fact]
    public void The_outbox_shows_what_waits_for_the_broker_and_for_the_collector_and_the_last_collector_ack()
    {
        var acked = Encoding.UTF8.GetBytes(
            $$"""{"online":true,"state":"Ready","program":"acne","alarms":[],"sessionsToday":1,"telemetry":{"outboxDepth":12,"outboxAwaitingBroker":5,"outboxAwaitingCollector":7,"lastCollectorAckAt":"{{Now.AddMinutes(-3):O}}"},"time":"{{Now.AddSeconds(-10):O}}"}""");
        Assert.True(DeviceRow.TryRead("s1", "dev-acked", acked, null, out var withAck));
        Assert.True(DeviceRow.TryRead("s1", "dev-waiting", Status("Ready", "acne", alarms: "", today: 1, outbox: 40, awaitingBroker: 0), null, out var waiting));
        var older = Encoding.UTF8.GetBytes($$"""{"online":true,"state":"Ready","program":"acne","alarms":[],"sessionsToday":1,"telemetry":{"outboxDepth":2},"time":"{{Now.AddSeconds(-10):O}}"}""");
        Assert.True(DeviceRow.TryRead("s1", "dev-older", older, null, out var old));

        Assert.Equal((5L, 7L, LastCollectorAck.On(Now.AddMinutes(-3))), (withAck.OutboxAwaitingBroker!.Value, withAck.OutboxAwaitingCollector!.Value, withAck.LastCollectorAckAt));
        var lines = FleetTable.Render([withAck, waiting, old], Now, ResourceText.English).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var chinese = FleetTable.Render([withAck], Now, ResourceText.For(Languages.Chinese)).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Matches(@"\bOUTBOX\s+TO BROKER\s+TO COLLECTOR\s+COLLECTOR ACK\s+LAST SEEN$", lines[1]);
        Assert.Matches(@"^s1\s+dev-acked\s+yes\s+Ready\s+acne\s+-\s+1\s+12\s+5\s+7\s+3 min ago\s+10 s ago$", lines[2]);
        Assert.Matches(@"^s1\s+dev-older\s+yes\s+Ready\s+acne\s+-\s+1\s+2\s+\?\s+\?\s+\?\s+10 s ago$", lines[3]);
        Assert.Matches(@"^s1\s+dev-waiting\s+yes\s+Ready\s+acne\s+-\s+1\s+40\s+0\s+40\s+never\s+60 s ago$", lines[4]);
        Assert.Matches(@"待发\s+待代理确认\s+待收集器确认\s+收集器确认\s+最后上报$", chinese[1]);
        Assert.Matches(@"\s12\s+5\s+7\s+3 分钟前\s+10 秒前$", chinese[2]);
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

    /// <summary>A status as a device publishes it; no collector has acknowledged anything yet.</summary>
    private static byte[] Status(string state, string program, string alarms, int today, int outbox, int? awaitingBroker = null)
    {
        var broker = awaitingBroker ?? Math.Min(outbox, 1);
        return Encoding.UTF8.GetBytes(
            $$"""{"online":true,"state":"{{state}}","program":"{{program}}","alarms":[{{alarms}}],"sessionsToday":{{today}},"telemetry":{"outboxDepth":{{outbox}},"outboxAwaitingBroker":{{broker}},"outboxAwaitingCollector":{{outbox - broker}},"lastCollectorAckAt":null},"time":"{{Now.AddSeconds(-60):O}}"}""");
    }
}
