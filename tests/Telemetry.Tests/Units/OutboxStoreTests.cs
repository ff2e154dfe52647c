using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Controller.Telemetry.Publishing;

namespace HydroOxygen.Telemetry.Tests.Units;

/// <summary>The outbox in the records database: what it copies, the ids and sequence it gives, and its bound.</summary>
public sealed class OutboxStoreTests : RecordsDatabaseTest
{
    [Fact]
    public void Events_and_finished_sessions_are_copied_once_each_with_ids_and_a_rising_sequence()
    {
        var session = OpenSession();
        Event(session, "state", "Ready");
        Event(session, "state", "Spraying");
        using var outbox = OutboxStore.Open(Database);

        Assert.Equal(2, Capture(outbox));
        Assert.Equal(0, Capture(outbox));

        Close(session);
        Event(session, "session_ended", "Off");
        Assert.Equal(2, Capture(outbox));

        var waiting = outbox.Oldest(10);
        Assert.Equal(["event", "event", "event", "session"], waiting.Select(e => e.Kind).Order().ToArray());
        Assert.Equal(waiting.Select(e => e.Seq).Order(), waiting.Select(e => e.Seq));
        Assert.Equal(4, waiting.Select(e => e.Id).Distinct().Count());
        Assert.Equal(4, outbox.Depth);
        Assert.Equal(1, outbox.SessionDepth);
        Assert.Contains("\"endReason\":\"shutdown\"", waiting.Single(e => e.Kind == "session").Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_session_waits_and_acknowledged_messages_leave_for_good_with_their_numbers()
    {
        var session = OpenSession();
        using (var outbox = OutboxStore.Open(Database))
        {
            Assert.Equal(0, Capture(outbox));
            Event(session, "state", "Ready");
            Capture(outbox);
            var first = outbox.Oldest(10).Single();
            outbox.Remove([first.Seq]);
            Assert.Equal(0, outbox.Depth);

            Event(session, "state", "Charging");
            Capture(outbox);
            var second = outbox.Oldest(10).Single();
            Assert.True(second.Seq > first.Seq, "a sequence number came back after the outbox emptied");
        }

        // Reopened (a restart): nothing copied twice, the count of what waits read back.
        using var reopened = OutboxStore.Open(Database);
        Assert.Equal(1, reopened.Depth);
        Assert.Equal(0, Capture(reopened));
        var kept = reopened.Oldest(10).Single();
        Assert.Equal("→ Charging", System.Text.Json.JsonDocument.Parse(kept.Payload).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void Past_its_bound_the_oldest_events_are_dropped_and_counted_and_sessionRecords_never()
    {
        var session = OpenSession();
        for (var i = 0; i < 200; i++)
        {
            Event(session, "command", "Ready");
        }

        Close(session);
        using var outbox = OutboxStore.Open(Database);
        Capture(outbox);
        var before = outbox.Oldest(1000);
        var bound = outbox.Bytes / 4;

        var dropped = outbox.EnforceBound(bound);

        Assert.True(outbox.Bytes <= bound, $"{outbox.Bytes} bytes left, bound {bound}");
        Assert.Equal(dropped, outbox.DroppedEvents);
        Assert.InRange(dropped, 140, 160);
        var after = outbox.Oldest(1000);
        Assert.Single(after, e => e.Kind == "session");
        Assert.Equal(before.Where(e => e.Kind == "event").TakeLast(after.Count - 1).Select(e => e.Seq), after.Where(e => e.Kind == "event").Select(e => e.Seq));

        // Only the session left over a tiny bound: it stays.
        outbox.EnforceBound(1);
        Assert.Equal("session", outbox.Oldest(10).Single().Kind);
        outbox.Dispose();
        using var reopened = OutboxStore.Open(Database);
        Assert.Equal(200, reopened.DroppedEvents); // every event, counted across the reopening
    }

    [Fact]
    public void The_events_of_a_power_on_wait_for_their_session_or_the_end_of_the_hold()
    {
        var powerOn = Records.InsertEvent(null, T0, 0, "state", "SelfTest", null, null, "Off → SelfTest");
        Records.InsertEvent(null, T0.AddSeconds(1), 1, "state", "Pressurizing", null, null, "Idle → Pressurizing");
        using var outbox = OutboxStore.Open(Database);

        Assert.Equal(0, outbox.Capture(OutboxEnvelope.EventPayload, OutboxEnvelope.SessionPayload, 100, T0.AddSeconds(2), TimeSpan.FromSeconds(15)));

        var session = OpenSession();
        Records.AttachEvents(session.Id, powerOn);
        Event(session, "session_started", "Ready");
        Assert.Equal(3, Capture(outbox, T0.AddSeconds(3)));
        Assert.All(outbox.Oldest(10), e => Assert.Contains($"\"sessionId\":{session.Id}", e.Payload, StringComparison.Ordinal));

        // A power-on that never reaches a session (a fault in the self-test) goes out when the hold ends.
        Records.InsertEvent(null, T0.AddSeconds(10), 10, "state", "SelfTest", null, null, "Off → SelfTest");
        Records.InsertEvent(null, T0.AddSeconds(11), 11, "alarm_raised", "Fault", "CalibrationInvalid", null, "CalibrationInvalid raised");
        Assert.Equal(0, Capture(outbox, T0.AddSeconds(12)));
        Assert.Equal(2, Capture(outbox, T0.AddSeconds(30)));
    }

    private int Capture(OutboxStore outbox, DateTimeOffset? now = null) =>
        outbox.Capture(OutboxEnvelope.EventPayload, OutboxEnvelope.SessionPayload, 1000, now ?? T0.AddHours(1), TimeSpan.FromSeconds(15));

    private SessionRecord OpenSession()
    {
        var session = new SessionRecord(0, T0, null, null, T0, 0, "acne", ["acne"], "oxygen", ["oxygen"], [0.45], 0, 0, 0, [], null);
        return session with { Id = Records.InsertSession(session) };
    }

    private void Close(SessionRecord session) =>
        Records.UpdateSession(session with { EndedAt = T0.AddMinutes(30), EndReason = SessionEndReasons.Shutdown, SprayS = 120 });

    private void Event(SessionRecord session, string kind, string state) =>
        Records.InsertEvent(session.Id, T0.AddSeconds(5), 5, kind, state, null, null, kind == "command" ? "setpoint 0.450 MPa" : $"→ {state}");
}
