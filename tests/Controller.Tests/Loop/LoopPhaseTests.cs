using HydroOxygen.Controller.Loop;

namespace HydroOxygen.Controller.Tests.Loop;

/// <summary>
/// The loop's timing split by phase (start-up, steady state, stopping) and its late ticks told
/// apart by cause, on recorded figures and on a clock the test moves: every tick is counted in
/// the whole run and in exactly one phase, so a start-up stall can neither hide in nor spoil the
/// steady-state figures.
/// </summary>
public sealed class LoopPhaseTests
{
    [Fact]
    public void Every_tick_is_in_the_whole_run_and_in_the_phase_it_was_recorded_in()
    {
        var timing = new LoopTiming();
        timing.Record(latenessUs: 9000, periodUs: 0, stepUs: 30, overrun: true, skippedDeadlines: 3);
        timing.Record(latenessUs: 4000, periodUs: 2000, stepUs: 30, overrun: true, skippedDeadlines: 0);
        timing.EnterPhase(LoopPhase.Steady);
        for (var i = 0; i < 1000; i++)
        {
            timing.Record(latenessUs: 3, periodUs: 2000, stepUs: 30, overrun: false, skippedDeadlines: 0);
        }

        timing.Record(latenessUs: 150, periodUs: 2150, stepUs: 30, overrun: false, skippedDeadlines: 0);
        timing.EnterPhase(LoopPhase.Stopping);
        timing.Record(latenessUs: 2500, periodUs: 4500, stepUs: 30, overrun: true, skippedDeadlines: 0);

        var whole = timing.Snapshot();
        var startUp = timing.Snapshot(LoopPhase.StartUp);
        var steady = timing.Snapshot(LoopPhase.Steady);
        var stopping = timing.Snapshot(LoopPhase.Stopping);

        Assert.Equal(1004, whole.Ticks);
        Assert.Equal(whole.Ticks, startUp.Ticks + steady.Ticks + stopping.Ticks);
        Assert.Equal((2, 1001, 1), (startUp.Ticks, steady.Ticks, stopping.Ticks));
        Assert.Equal((3, 2, 0, 1), (whole.Overruns, startUp.Overruns, steady.Overruns, stopping.Overruns));
        Assert.Equal(3, startUp.SkippedDeadlines);
        Assert.Equal(0, steady.SkippedDeadlines);

        // The start-up stall is the whole run's max, and none of the steady state's.
        Assert.Equal(9000, whole.LatenessMaxUs);
        Assert.Equal(150, steady.LatenessMaxUs);
        Assert.Equal(2500, stopping.LatenessMaxUs);
        Assert.InRange(steady.LatenessP99Us, 3, 3 * 1.045);
        Assert.InRange(steady.LatenessP999Us, 3, 3 * 1.045);
        Assert.InRange(whole.LatenessP999Us, 4000, 4000 * 1.045);

        // Late ticks recorded without a cause are counted as "other", each in its own phase.
        Assert.Equal(2, startUp.LateTicks.Other);
        Assert.Equal(1, steady.LateTicks.Other);
        Assert.Equal(4, whole.LateTicks.Total);
        Assert.Equal(((1000 * 2000.0) + 2150) / 1001, steady.MeanPeriodUs, 6);
    }

    [Fact]
    public void A_late_tick_is_counted_under_the_cause_it_was_given_and_a_punctual_one_under_none()
    {
        var timing = new LoopTiming();
        timing.EnterPhase(LoopPhase.Steady);
        timing.Record(800, 2000, 30, overrun: false, skippedDeadlines: 0, LateTickCause.GarbageCollection);
        timing.Record(300, 2000, 30, overrun: false, skippedDeadlines: 0, LateTickCause.WokeLate);
        timing.Record(200, 2000, 30, overrun: false, skippedDeadlines: 0, LateTickCause.Preempted);
        timing.Record(5, 2000, 30, overrun: false, skippedDeadlines: 0);

        var late = timing.Snapshot(LoopPhase.Steady).LateTicks;

        Assert.Equal(new LateTickCounts(Behind: 0, GarbageCollection: 1, Preempted: 1, PageFault: 0, WokeLate: 1, Other: 0), late);
        Assert.Equal(3, late.Total);
        Assert.Equal(0, timing.Snapshot(LoopPhase.StartUp).LateTicks.Total);
    }

    /// <summary>One wording for the start-up, stopping and steady log lines; bench/Benchmarks/StartupSection.cs parses it.</summary>
    [Fact]
    public void Late_ticks_are_told_by_cause_in_the_words_the_benchmark_parses()
    {
        var late = new LateTickCounts(Behind: 1, GarbageCollection: 2, Preempted: 3, PageFault: 4, WokeLate: 5, Other: 6);

        Assert.Equal(21, late.Total);
        Assert.Equal("(1 behind a late tick, 2 waited through a garbage collection, 3 preempted, 4 page faults, 5 woke late, 6 other)", late.Breakdown());
    }

    [Fact]
    public void An_unknown_phase_is_refused_and_changes_nothing()
    {
        var timing = new LoopTiming();
        timing.EnterPhase(LoopPhase.Steady);

        Assert.Throws<ArgumentOutOfRangeException>(() => timing.EnterPhase((LoopPhase)7));
        Assert.Equal(LoopPhase.Steady, timing.Phase);
    }

    [Fact]
    public void The_scheduler_counts_its_ticks_in_the_phase_set_while_it_runs_and_names_what_made_a_tick_late()
    {
        // 500 Hz on a clock that moves 1 µs a read; the spin window is wider than the period, so it
        // never sleeps for real. Tick 3 runs 7 ms long: the tick after it is late behind it.
        // While the loop waits for tick 7, the runtime collects garbage and the clock jumps 300 µs.
        var clock = new SteppingClock();
        var scheduler = new LoopScheduler(clock, rateHz: 500, spinMicroseconds: 10_000);
        using var stop = new CancellationTokenSource();
        var ticks = 0;

        scheduler.Run(
            (_, _) =>
            {
                ticks++;
                switch (ticks)
                {
                    case 2:
                        scheduler.Timing.EnterPhase(LoopPhase.Steady);
                        break;
                    case 3:
                        clock.AdvanceMicroseconds(7000);
                        break;
                    case 6:
                        clock.AdvanceAfterReads(reads: 2, microseconds: 2300, meanwhile: GC.Collect);
                        break;
                    case 9:
                        scheduler.Timing.EnterPhase(LoopPhase.Stopping);
                        break;
                    case 10:
                        stop.Cancel();
                        break;
                }
            },
            stop.Token);

        var whole = scheduler.Timing.Snapshot();
        var steady = scheduler.Timing.Snapshot(LoopPhase.Steady);
        Assert.Equal(10, whole.Ticks);
        Assert.Equal((1, 7, 2), (scheduler.Timing.Snapshot(LoopPhase.StartUp).Ticks, steady.Ticks, scheduler.Timing.Snapshot(LoopPhase.Stopping).Ticks));
        Assert.Equal(1, steady.LateTicks.Behind);
        Assert.Equal(1, steady.LateTicks.GarbageCollection);
        Assert.Equal(2, steady.LateTicks.Total);
        Assert.Equal(2, whole.LateTicks.Total);
    }

    [Fact]
    public void Telling_what_made_ticks_late_allocates_nothing_on_the_loop_thread()
    {
        // Every tick here is late (the clock jumps a period and a half while it waits), so each one
        // reads the thread's counters, the GC's and classifies; none of it may allocate.
        var clock = new SteppingClock();
        var scheduler = new LoopScheduler(clock, rateHz: 500, spinMicroseconds: 10_000);
        using var stop = new CancellationTokenSource();
        var ticks = 0;
        var allocatedAtWarm = 0L;
        var allocatedAtEnd = 0L;

        scheduler.Run(
            (_, _) =>
            {
                ticks++;
                clock.AdvanceAfterReads(reads: 2, microseconds: 3000);
                if (ticks == 200)
                {
                    allocatedAtWarm = GC.GetAllocatedBytesForCurrentThread();
                }

                if (ticks == 1200)
                {
                    allocatedAtEnd = GC.GetAllocatedBytesForCurrentThread();
                    stop.Cancel();
                }
            },
            stop.Token);

        Assert.Equal(0, allocatedAtEnd - allocatedAtWarm);
        Assert.True(scheduler.Timing.Snapshot().LateTicks.Total >= 1000);
    }

    /// <summary>A clock in microseconds that moves one microsecond every time it is read, and jumps when told.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _now = 1_000_000;
        private int _readsUntilJump = -1;
        private long _jump;
        private Action? _meanwhile;

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp()
        {
            if (_readsUntilJump > 0 && --_readsUntilJump == 0)
            {
                _meanwhile?.Invoke();
                _now += _jump;
            }

            return ++_now;
        }

        public void AdvanceMicroseconds(long microseconds) => _now += microseconds;

        /// <summary>Jumps on the given read from now (2: the loop's first read while it waits), running <paramref name="meanwhile"/> first.</summary>
        public void AdvanceAfterReads(int reads, long microseconds, Action? meanwhile = null)
        {
            _readsUntilJump = reads;
            _jump = microseconds;
            _meanwhile = meanwhile;
        }
    }
}
