using System.Buffers;
using System.Text;
using HydroOxygen.Controller.Records;
using HydroOxygen.Controller.Telemetry;
using HydroOxygen.Controller.Telemetry.Publishing;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Telemetry.Tests.Units;

/// <summary>
/// The outbox's two acknowledgements: the broker's PUBACK marks a message (kept), the collector's
/// acknowledgement by id deletes it; after a reconnect, and when the collector stays silent, what is
/// only marked is sent again, in order, with a back-off per message.
/// </summary>
public sealed class OutboxAcknowledgementTests : RecordsDatabaseTest
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60 * TelemetryOptions.ReofferBackoffLimit);
    private readonly SessionRecord _session;

    public OutboxAcknowledgementTests()
    {
        var session = new SessionRecord(0, T0, null, null, T0, 0, "acne", ["acne"], "oxygen", ["oxygen"], [0.45], 0, 0, 0, [], null);
        _session = session with { Id = Records.InsertSession(session) };
    }

    [Fact]
    public void A_message_the_broker_acknowledged_is_kept_until_the_collector_names_its_id()
    {
        using var outbox = Filled(5);
        var sent = outbox.OldestAwaitingBroker(10);
        Assert.Equal(5, sent.Count);

        outbox.MarkBrokerAcknowledged([.. sent.Select(e => e.Seq)], T0, First, Max);

        Assert.Equal(5, outbox.Depth);
        Assert.Equal(5, outbox.AwaitingCollector);
        Assert.Equal(0, outbox.AwaitingBroker);
        Assert.Empty(outbox.OldestAwaitingBroker(10)); // not sent again while it waits

        Assert.Equal(2, outbox.RemoveCollected([sent[0].Id, sent[3].Id]));

        Assert.Equal(3, outbox.Depth);
        Assert.Equal(3, outbox.AwaitingCollector);
        Assert.Equal(new[] { sent[1].Id, sent[2].Id, sent[4].Id }, outbox.Oldest(10).Select(e => e.Id));

        // Kept across a restart, still marked.
        outbox.Dispose();
        using var reopened = OutboxStore.Open(Database);
        Assert.Equal(3, reopened.Depth);
        Assert.Equal(3, reopened.AwaitingCollector);
        Assert.Empty(reopened.OldestAwaitingBroker(10));
    }

    [Fact]
    public void Ids_the_outbox_does_not_hold_change_nothing()
    {
        using var outbox = Filled(3);
        var sent = outbox.OldestAwaitingBroker(10);
        outbox.MarkBrokerAcknowledged([sent[0].Seq], T0, First, Max);
        var bytes = outbox.Bytes;

        Assert.Equal(0, outbox.RemoveCollected(["00000000-0000-7000-8000-000000000000", "", "not-an-id", "' OR 1=1 --"]));
        Assert.Equal(1, outbox.RemoveCollected([sent[1].Id, sent[1].Id])); // named twice, removed once
        Assert.Equal(0, outbox.RemoveCollected([sent[1].Id]));

        Assert.Equal(2, outbox.Depth);
        Assert.Equal(1, outbox.AwaitingCollector);
        Assert.True(outbox.Bytes < bytes);
        Assert.Equal(new[] { sent[0].Id, sent[2].Id }, outbox.Oldest(10).Select(e => e.Id));
    }

    [Fact]
    public void After_a_reconnect_every_message_no_collector_acknowledged_is_sent_again_in_order()
    {
        using var outbox = Filled(6);
        var all = outbox.OldestAwaitingBroker(10);
        outbox.MarkBrokerAcknowledged([.. all.Take(4).Select(e => e.Seq)], T0, First, Max);
        outbox.RemoveCollected([all[1].Id]);

        Assert.Equal(3, outbox.OfferAllAgain());

        Assert.Equal(0, outbox.AwaitingCollector);
        Assert.Equal(5, outbox.AwaitingBroker);
        var again = outbox.OldestAwaitingBroker(10);
        Assert.Equal(new[] { all[0], all[2], all[3], all[4], all[5] }, again);
        Assert.Equal(0, outbox.OfferAllAgain());
    }

    [Fact]
    public void A_message_no_collector_acknowledges_is_offered_again_with_its_wait_doubling_up_to_a_limit()
    {
        using var outbox = Filled(2);
        var entry = outbox.OldestAwaitingBroker(1).Single();
        var at = T0;
        var waits = new List<double>();
        for (var round = 0; round < 9; round++)
        {
            outbox.MarkBrokerAcknowledged([entry.Seq], at, First, Max);
            var wait = 0.0;
            while (outbox.OfferDueAgain(at + TimeSpan.FromSeconds(wait), Max) == 0)
            {
                wait += 30;
                Assert.True(wait < 10 * Max.TotalSeconds, "never offered again");
            }

            Assert.Equal(entry, outbox.OldestAwaitingBroker(1).Single());
            waits.Add(wait);
            at += TimeSpan.FromSeconds(wait);
        }

        Assert.Equal(new double[] { 60, 120, 240, 480, 960, 1920, 3840, 3840, 3840 }, waits);

        // The other message, never acknowledged by the broker, is not a re-offer's business.
        Assert.Equal(2, outbox.AwaitingBroker);
    }

    [Fact]
    public void A_wall_clock_set_back_does_not_hold_a_message_for_longer_than_the_limit()
    {
        using var outbox = Filled(1);
        var entry = outbox.OldestAwaitingBroker(1).Single();
        outbox.MarkBrokerAcknowledged([entry.Seq], T0.AddDays(1), First, Max); // marked under a clock a day ahead

        Assert.Equal(1, outbox.OfferDueAgain(T0, Max));
        Assert.Equal(1, outbox.AwaitingBroker);
    }

    [Fact]
    public void Messages_waiting_for_the_collector_count_towards_the_bound_and_events_among_them_are_dropped_oldest_first()
    {
        for (var i = 0; i < 100; i++)
        {
            Event();
        }

        Records.UpdateSession(_session with { EndedAt = T0.AddMinutes(30), EndReason = SessionEndReasons.Shutdown, SprayS = 120 });
        using var outbox = OutboxStore.Open(Database);
        Capture(outbox);
        var all = outbox.OldestAwaitingBroker(1000);
        Assert.Equal(101, all.Count);
        outbox.MarkBrokerAcknowledged([.. all.Select(e => e.Seq)], T0, First, Max);
        var bytes = outbox.Bytes;

        // Nothing left for the broker, yet the outbox is as big as before: the bound sees it.
        Assert.Equal(0, outbox.AwaitingBroker);
        Assert.Equal(101, outbox.AwaitingCollector);
        var dropped = outbox.EnforceBound(bytes / 2);

        Assert.InRange(dropped, 45, 55);
        Assert.Equal(dropped, outbox.DroppedEvents);
        Assert.Equal(101 - dropped, outbox.AwaitingCollector);
        var left = outbox.Oldest(1000);
        Assert.Equal(all.Skip(dropped).Select(e => e.Seq), left.Select(e => e.Seq));
        Assert.Contains(left, e => e.Kind == "session");

        outbox.EnforceBound(1);
        Assert.Equal("session", outbox.Oldest(10).Single().Kind);
        Assert.Equal(1, outbox.AwaitingCollector);
    }

    [Fact]
    public void Deleting_on_the_brokers_acknowledgement_still_works_for_sites_without_our_collector()
    {
        using var outbox = Filled(3);
        var sent = outbox.OldestAwaitingBroker(10);
        outbox.Remove([.. sent.Select(e => e.Seq)]);
        Assert.Equal(0, outbox.Depth);
        Assert.Equal(0, outbox.AwaitingCollector);
    }

    [Fact]
    public void An_outbox_made_before_the_collectors_acknowledgement_is_opened_with_its_messages_waiting_for_the_broker()
    {
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
                                     source_id INTEGER NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL);
                INSERT INTO outbox (id, kind, source_id, payload, created_at) VALUES ('old-1', 'event', 1, '{}', '2026-01-01');
                """;
            command.ExecuteNonQuery();
        }

        using var outbox = OutboxStore.Open(Database);
        Assert.Equal(1, outbox.Depth);
        Assert.Equal(1, outbox.AwaitingBroker);
        Assert.Equal("old-1", outbox.OldestAwaitingBroker(1).Single().Id);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"collector":"c"}""")]
    [InlineData("""{"ids":"abc"}""")]
    [InlineData("""{"ids":["a", 1]}""")]
    [InlineData("""{"ids":["a", null]}""")]
    [InlineData("""{"ids":[""]}""")]
    [InlineData("""{"ids":["a"]} trailing""")]
    public void A_malformed_acknowledgement_is_refused_whole(string payload)
    {
        Assert.False(CollectorAck.TryParse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), out var ack, out var problem));
        Assert.Null(ack);
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void An_acknowledgement_reads_back_as_written_and_too_long_an_id_is_refused()
    {
        var written = new CollectorAck("collector-1", ["a", "0190a1b2-0000-7000-8000-000000000001"]).Write();
        Assert.Equal("""{"collector":"collector-1","ids":["a","0190a1b2-0000-7000-8000-000000000001"]}""", Encoding.UTF8.GetString(written));
        Assert.True(CollectorAck.TryParse(new ReadOnlySequence<byte>(written), out var ack, out _));
        Assert.Equal(["a", "0190a1b2-0000-7000-8000-000000000001"], ack!.Ids);
        Assert.Equal("collector-1", ack.Collector);

        var tooLong = Encoding.UTF8.GetBytes($$"""{"ids":["{{new string('x', CollectorAck.MaxIdLength + 1)}}"]}""");
        Assert.False(CollectorAck.TryParse(new ReadOnlySequence<byte>(tooLong), out _, out _));
    }

    private OutboxStore Filled(int events)
    {
        for (var i = 0; i < events; i++)
        {
            Event();
        }

        var outbox = OutboxStore.Open(Database);
        Capture(outbox);
        return outbox;
    }

    private static void Capture(OutboxStore outbox) =>
        outbox.Capture(OutboxEnvelope.EventPayload, OutboxEnvelope.SessionPayload, 1000, T0.AddHours(1), TimeSpan.FromSeconds(15));

    private void Event() => Records.InsertEvent(_session.Id, T0.AddSeconds(5), 5, "command", "Ready", null, null, "setpoint 0.450 MPa");
}
