using HydroOxygen.Controller.Loop;

namespace HydroOxygen.Controller.Tests.Loop;

/// <summary>The loop's timing statistics and its handling of a tick that runs long, on a clock the test moves.</summary>
public sealed class LoopTimingTests
{
    [Fact]
    public void Overruns_skipped_deadlines_and_periods_are_counted_as_recorded()
    {
        var timing = new LoopTiming();
        timing.Record(latenessUs: 5, periodUs: 0, stepUs: 40, overrun: false, skippedDeadlines: 0);
        timing.Record(latenessUs: 10, periodUs: 2000, stepUs: 60, overrun: false, skippedDeadlines: 0);
        timing.Record(latenessUs: 2500, periodUs: 4500, stepUs: 50, overrun: true, skippedDeadlines: 0);
        timing.Record(latenessUs: 20, periodUs: 1500, stepUs: 6100, overrun: false, skippedDeadlines: 3);

        var snapshot = timing.Snapshot();

        Assert.Equal(4, snapshot.Ticks);
        Assert.Equal(1, snapshot.Overruns);
        Assert.Equal(3, snapshot.SkippedDeadlines);
        Assert.Equal((2000 + 4500 + 1500) / 3.0, snapshot.MeanPeriodUs, 6);
        Assert.Equal(1500, snapshot.MinPeriodUs);
        Assert.Equal(4500, snapshot.MaxPeriodUs);
        Assert.Equal(2500, snapshot.LatenessMaxUs);
        Assert.Equal(6100, snapshot.MaxStepUs);
    }

    [Fact]
    public void A_snapshot_taken_while_the_loop_records_never_mixes_two_ticks()
    {
        // Every period is exactly 2000 µs, so every consistent snapshot has that mean. A reader that
        // took the tick count from one tick and the sum of periods from a later one saw more.
        var timing = new LoopTiming();
        timing.Record(0, 0, 0, overrun: false, skippedDeadlines: 0);
        using var stop = new CancellationTokenSource();
        var writer = new Thread(() =>
        {
            // Faster than any real loop, with a pause like a loop's between ticks: a reader may be
            // overtaken many times, but it also gets the gaps a real loop leaves it.
            while (!stop.IsCancellationRequested)
            {
                timing.Record(latenessUs: 3, periodUs: 2000, stepUs: 1, overrun: false, skippedDeadlines: 0);
                Thread.SpinWait(200);
            }
        });
        writer.Start();
        try
        {
            var mixed = 0;
            var seen = 0;
            while (seen < 20_000)
            {
                var snapshot = timing.Snapshot();
                if (snapshot.Ticks < 2)
                {
                    continue;
                }

                seen++;
                mixed += Math.Abs(snapshot.MeanPeriodUs - 2000.0) > 1e-6 ? 1 : 0;
            }

            Assert.Equal(0, mixed);
        }
        finally
        {
            stop.Cancel();
            writer.Join();
        }
    }

    [Fact]
    public void Lateness_percentiles_come_from_the_histogram_to_within_its_bucket()
    {
        var timing = new LoopTiming();
        for (var i = 0; i < 990; i++)
        {
            timing.Record(latenessUs: 10, periodUs: 2000, stepUs: 50, overrun: false, skippedDeadlines: 0);
        }

        for (var i = 0; i < 10; i++)
        {
            timing.Record(latenessUs: 800, periodUs: 2000, stepUs: 50, overrun: false, skippedDeadlines: 0);
        }

        var snapshot = timing.Snapshot();

        // 1/16-octave buckets: a value is reported as its bucket's upper edge, at most ~4.4 % above.
        Assert.InRange(snapshot.LatenessP50Us, 10, 10 * 1.045);
        Assert.InRange(snapshot.LatenessP99Us, 10, 10 * 1.045);
        Assert.InRange(snapshot.LatenessP999Us, 800, 800 * 1.045);
    }

    [Fact]
    public void A_tick_that_runs_several_periods_long_skips_the_deadlines_it_missed_instead_of_bursting()
    {
        // 500 Hz: a 2000 µs period. The clock moves 1 µs each time it is read, so the scheduler's
        // spin ends; the spin window is wider than the period, so it never sleeps for real.
        var clock = new SteppingClock();
        var scheduler = new LoopScheduler(clock, rateHz: 500, spinMicroseconds: 10_000);
        using var stop = new CancellationTokenSource();
        var starts = new List<long>();

        scheduler.Run(
            (started, _) =>
            {
                starts.Add(started);
                if (starts.Count == 3)
                {
                    clock.AdvanceMicroseconds(7000);
                }

                if (starts.Count == 6)
                {
                    stop.Cancel();
                }
            },
            stop.Token);

        var timing = scheduler.Timing.Snapshot();
        Assert.Equal(6, timing.Ticks);
        Assert.Equal(2, timing.SkippedDeadlines);
        Assert.Equal(0, timing.Overruns);
        Assert.InRange(timing.MaxStepUs, 7000, 7010);

        // The long tick (deadline d) ends at d + 7000: the deadlines d + 2000 and d + 4000 are
        // skipped, d + 6000 runs at once (late by less than a period, so no overrun), and the
        // ticks after it are back on the grid, d + 8000 and d + 10000: no burst to catch up.
        Assert.InRange(starts[3] - starts[2], 7000, 7010);
        Assert.InRange(starts[4] - starts[2], 4 * 2000, (4 * 2000) + 10);
        Assert.InRange(starts[5] - starts[4], 2000, 2010);
    }

    /// <summary>A clock in microseconds that moves one microsecond every time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _now = 1_000_000;

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp() => ++_now;

        public void AdvanceMicroseconds(long microseconds) => _now += microseconds;
    }
}
