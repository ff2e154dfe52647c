using System.Globalization;
using System.Text.Json;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Persistence;
using HydroOxygen.Controller.Tests.Persistence;
using HydroOxygen.Hal;
using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.Calibration;

[Collection(nameof(CrashHook))]
public sealed class CalibrationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 9, 30, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset Tuesday = new(2025, 3, 4, 14, 5, 12, TimeSpan.FromHours(1));

    private readonly TemporaryDirectory _directory = new();
    private readonly CalibrationStore _store;

    public CalibrationStoreTests() => _store = new CalibrationStore(_directory.Path);

    public void Dispose()
    {
        DurableFile.CrashAt = null;
        _directory.Dispose();
    }

    [Fact]
    public void The_files_are_in_the_data_directory()
    {
        Assert.Equal(Path.Combine(_directory.Path, "calibration.json"), _store.Path);
        Assert.Equal(Path.Combine(_directory.Path, "calibration-audit.jsonl"), _store.AuditPath);
    }

    [Fact]
    public void Nothing_saved_is_Missing_with_an_empty_audit_trail()
    {
        Assert.Equal(DocumentStatus.Missing, _store.Load().Status);
        Assert.Empty(_store.AuditTrail());
    }

    [Fact]
    public void The_first_save_is_revision_1_and_loads_back()
    {
        var saved = _store.Save(null, new Dictionary<PressureChannel, ChannelRecord> { [PressureChannel.POut] = Channel(1.012, -0.0021, Monday, "A. Fitter") }, Monday);

        var loaded = _store.Load();

        Assert.True(loaded.IsOk, loaded.Problem);
        Assert.Equal(1, saved.Revision);
        Assert.Equal(1, loaded.Value!.Revision);
        AssertChannel(Channel(1.012, -0.0021, Monday, "A. Fitter"), loaded.Value.POut);

        // The channels not calibrated are the factory characteristic.
        Assert.Equal(PressureCalibration.Identity, loaded.Value.PBottle.Calibration);
        Assert.Equal(PressureCalibration.Identity, loaded.Value.PSrc.Calibration);
        Assert.Equal(new CalibrationSet(new(1.012, -0.0021), PressureCalibration.Identity, PressureCalibration.Identity, Valid: true), loaded.Value.ToSet());
    }

    [Fact]
    public void Each_save_increments_the_revision_and_keeps_the_channels_it_does_not_change()
    {
        var first = _store.Save(null, All(1.01, 0.001, Monday, "A. Fitter"), Monday);
        var second = _store.Save(first, new Dictionary<PressureChannel, ChannelRecord> { [PressureChannel.PBottle] = Channel(0.985, 0.0042, Tuesday, "B. Fitter") }, Tuesday);
        var third = _store.Save(second, new Dictionary<PressureChannel, ChannelRecord> { [PressureChannel.PSrc] = Channel(1.031, -0.0105, Tuesday, "C. Fitter") }, Tuesday);

        Assert.Equal([1, 2, 3], new[] { first.Revision, second.Revision, third.Revision });
        var loaded = _store.Load().Value!;
        Assert.Equal(3, loaded.Revision);
        AssertChannel(Channel(1.01, 0.001, Monday, "A. Fitter"), loaded.POut);
        AssertChannel(Channel(0.985, 0.0042, Tuesday, "B. Fitter"), loaded.PBottle);
        AssertChannel(Channel(1.031, -0.0105, Tuesday, "C. Fitter"), loaded.PSrc);
    }

    [Fact]
    public void The_revision_follows_the_previous_record_given()
    {
        var saved = _store.Save(new CalibrationRecord { Revision = 41 }, All(1.0, 0.0, Monday, "A. Fitter"), Monday);

        Assert.Equal(42, saved.Revision);
        Assert.Equal(42, _store.Load().Value!.Revision);
    }

    [Fact]
    public void The_audit_trail_gets_one_line_per_changed_channel_with_old_and_new_coefficients_points_engineer_and_time()
    {
        var first = _store.Save(null, new Dictionary<PressureChannel, ChannelRecord> { [PressureChannel.POut] = Channel(1.01, 0.002, Monday, "A. Fitter") }, Monday);
        Assert.Single(_store.AuditTrail());

        _store.Save(
            first,
            new Dictionary<PressureChannel, ChannelRecord>
            {
                [PressureChannel.POut] = Channel(1.02, -0.003, Tuesday, "B. Fitter"),
                [PressureChannel.PBottle] = Channel(0.99, 0.004, Tuesday, "B. Fitter"),
            },
            Tuesday);

        var lines = _store.AuditTrail().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);

        var created = lines[0];
        Assert.Equal(Monday.ToString("O", CultureInfo.InvariantCulture), created.GetProperty("when").GetString());
        Assert.Equal(1, created.GetProperty("revision").GetInt32());
        Assert.Equal("POut", created.GetProperty("channel").GetString());
        Assert.Equal("A. Fitter", created.GetProperty("engineer").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("old").ValueKind);
        AssertCoefficients(1.01, 0.002, created.GetProperty("new"));

        var pOut = Assert.Single(lines.Skip(1), l => l.GetProperty("channel").GetString() == "POut");
        Assert.Equal(Tuesday.ToString("O", CultureInfo.InvariantCulture), pOut.GetProperty("when").GetString());
        Assert.Equal(2, pOut.GetProperty("revision").GetInt32());
        Assert.Equal("B. Fitter", pOut.GetProperty("engineer").GetString());
        AssertCoefficients(1.01, 0.002, pOut.GetProperty("old"));
        AssertCoefficients(1.02, -0.003, pOut.GetProperty("new"));
        AssertPoints(Channel(1.02, -0.003, Tuesday, "B. Fitter").Points, pOut.GetProperty("points"));

        // A channel never calibrated before was on the factory characteristic.
        var pBottle = Assert.Single(lines, l => l.GetProperty("channel").GetString() == "PBottle");
        Assert.Equal(2, pBottle.GetProperty("revision").GetInt32());
        AssertCoefficients(1.0, 0.0, pBottle.GetProperty("old"));
        AssertCoefficients(0.99, 0.004, pBottle.GetProperty("new"));
        AssertPoints(Channel(0.99, 0.004, Tuesday, "B. Fitter").Points, pBottle.GetProperty("points"));

        Assert.DoesNotContain(lines, l => l.GetProperty("channel").GetString() == "PSrc");
    }

    [Theory]
    [MemberData(nameof(CrashHook.Steps), MemberType = typeof(CrashHook))]
    public void A_save_interrupted_at_any_step_leaves_the_old_calibration_or_the_new_one_never_a_mixture(DurableFile.Step step)
    {
        var old = _store.Save(null, All(1.01, 0.001, Monday, "A. Fitter"), Monday);

        using (CrashHook.At(step))
        {
            Assert.Throws<IOException>(() => _store.Save(old, All(1.02, -0.002, Tuesday, "B. Fitter"), Tuesday));
        }

        var loaded = _store.Load();
        Assert.True(loaded.IsOk, $"{loaded.Status}: {loaded.Problem}");
        var record = loaded.Value!;
        var (revision, expected) = CrashHook.LeavesNewContent[step]
            ? (2, Channel(1.02, -0.002, Tuesday, "B. Fitter"))
            : (1, Channel(1.01, 0.001, Monday, "A. Fitter"));
        Assert.Equal(revision, record.Revision);
        Assert.All(Enum.GetValues<PressureChannel>(), c => AssertChannel(expected, record[c]));
        Assert.Equal(["calibration-audit.jsonl", "calibration.json"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void After_an_interrupted_save_the_audit_trail_may_name_the_revision_that_did_not_take_effect_and_the_next_save_skips_it()
    {
        // Documented order: audit first, then the file. The trail can over-report, never under-report.
        var old = _store.Save(null, All(1.01, 0.001, Monday, "A. Fitter"), Monday);
        using (CrashHook.At(DurableFile.Step.ContentFlushed))
        {
            Assert.Throws<IOException>(() => _store.Save(old, All(1.02, -0.002, Tuesday, "B. Fitter"), Tuesday));
        }

        Assert.Equal([1, 1, 1, 2, 2, 2], Revisions());
        var loaded = _store.Load().Value!;
        Assert.Equal(1, loaded.Revision);

        var retried = _store.Save(loaded, All(1.03, -0.001, Tuesday, "B. Fitter"), Tuesday);

        // Never the same revision number for two different calibrations in the trail.
        Assert.Equal(3, retried.Revision);
        Assert.Equal(1.03, _store.Load().Value!.PSrc.Gain);
        Assert.Equal([1, 1, 1, 2, 2, 2, 3, 3, 3], Revisions());
    }

    [Fact]
    public void A_calibration_that_cannot_be_written_leaves_the_previous_one()
    {
        // JSON has no NaN: serialising fails before anything replaces the file.
        var old = _store.Save(null, All(1.01, 0.001, Monday, "A. Fitter"), Monday);

        Assert.ThrowsAny<ArgumentException>(() => _store.Save(old, All(double.NaN, 0.0, Tuesday, "B. Fitter"), Tuesday));

        var loaded = _store.Load();
        Assert.True(loaded.IsOk, loaded.Problem);
        Assert.Equal(1, loaded.Value!.Revision);
        Assert.Equal(1.01, loaded.Value.POut.Gain);
    }

    [Fact]
    public void A_status_poll_during_a_save_never_leaves_a_corrupt_calibration()
    {
        // Loading (as the service status endpoint does on every poll) while a save is in flight.
        var old = _store.Save(null, All(1.01, 0.001, Monday, "A. Fitter"), Monday);
        var reader = new CalibrationStore(_directory.Path);
        var seen = new List<DocumentLoad<CalibrationRecord>>();

        var failure = Record.Exception(() =>
        {
            using (CrashHook.During(_ => seen.Add(reader.Load())))
            {
                _store.Save(old, All(1.02, -0.002, Tuesday, "B. Fitter"), Tuesday);
            }
        });

        // Every load saw one whole calibration, the old one until the rename.
        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.True(s.IsOk, s.Problem));
        Assert.All(seen.Take(3), s => Assert.Equal(1, s.Value!.Revision));
        var after = _store.Load();
        Assert.True(after.IsOk, after.Problem);
        if (failure is null)
        {
            Assert.Equal(4, seen.Count);
            Assert.Equal(2, after.Value!.Revision);
            Assert.Equal(1.02, after.Value.PBottle.Gain);
        }
        else
        {
            // See A_status_poll_during_a_save_does_not_make_the_save_fail: the save may fail
            // today, but what is on disk is still one whole calibration, the old one.
            Assert.IsAssignableFrom<IOException>(failure);
            Assert.Equal(1, after.Value!.Revision);
            Assert.Equal(1.01, after.Value.PBottle.Gain);
        }
    }

    [Fact]
    public void A_status_poll_during_a_save_does_not_make_the_save_fail()
    {
        var old = _store.Save(null, All(1.01, 0.001, Monday, "A. Fitter"), Monday);
        var reader = new CalibrationStore(_directory.Path);

        using (CrashHook.During(step =>
        {
            if (step == DurableFile.Step.ContentFlushed)
            {
                reader.Load();
            }
        }))
        {
            _store.Save(old, All(1.02, -0.002, Tuesday, "B. Fitter"), Tuesday);
        }

        Assert.Equal(2, _store.Load().Value!.Revision);
    }

    private List<int> Revisions() => [.. _store.AuditTrail().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("revision").GetInt32())];

    private static ChannelRecord Channel(double gain, double offsetMpa, DateTimeOffset when, string engineer) => new()
    {
        Gain = gain,
        OffsetMpa = offsetMpa,
        CalibratedAt = when,
        Engineer = engineer,
        Points = [new(0.0, -offsetMpa / gain), new(0.2, (0.2 - offsetMpa) / gain), new(0.4, (0.4 - offsetMpa) / gain), new(0.6, (0.6 - offsetMpa) / gain)],
    };

    private static Dictionary<PressureChannel, ChannelRecord> All(double gain, double offsetMpa, DateTimeOffset when, string engineer) =>
        Enum.GetValues<PressureChannel>().ToDictionary(c => c, _ => Channel(gain, offsetMpa, when, engineer));

    private static void AssertChannel(ChannelRecord expected, ChannelRecord actual)
    {
        Assert.Equal(expected.Gain, actual.Gain);
        Assert.Equal(expected.OffsetMpa, actual.OffsetMpa);
        Assert.Equal(expected.CalibratedAt, actual.CalibratedAt);
        Assert.Equal(expected.Engineer, actual.Engineer);
        Assert.Equal(expected.Points, actual.Points);
    }

    private static void AssertCoefficients(double gain, double offsetMpa, JsonElement coefficients)
    {
        Assert.Equal(gain, coefficients.GetProperty("gain").GetDouble());
        Assert.Equal(offsetMpa, coefficients.GetProperty("offsetMpa").GetDouble());
    }

    private static void AssertPoints(IReadOnlyList<CalibrationPoint> expected, JsonElement points)
    {
        Assert.Equal(expected.Count, points.GetArrayLength());
        var actual = points.EnumerateArray().Select(p => new CalibrationPoint(p.GetProperty("referenceMpa").GetDouble(), p.GetProperty("rawMpa").GetDouble()));
        Assert.Equal(expected, actual);
    }
}
