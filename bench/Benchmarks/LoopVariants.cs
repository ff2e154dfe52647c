using System.Diagnostics;
using HydroOxygen.Controller.Loop;

namespace HydroOxygen.Benchmarks;

/// <summary>The loops compared: ours, and the two ways a .NET developer would usually write one.</summary>
internal enum LoopKind
{
    /// <summary>The controller's <see cref="LoopScheduler"/>, unmodified, on a dedicated thread.</summary>
    Ours,

    /// <summary><see cref="PeriodicTimer"/> awaited in an async loop (ticks run on the thread pool).</summary>
    PeriodicTimer,

    /// <summary>A dedicated thread with absolute deadlines that Thread.Sleeps the whole wait.</summary>
    ThreadSleep,

    /// <summary>The scheduler as it was before this benchmark (see <see cref="LegacyLoopScheduler"/>).</summary>
    OursBefore,

    /// <summary>Ours with the thread under SCHED_FIFO, as the Pi runs it (Device:LoopRealtimePriority 50).</summary>
    OursFifo,

    /// <summary>Ours with a 500 µs spin window instead of 200 µs (exploration of the sleep/spin split).</summary>
    OursWideSpin,

    /// <summary>Ours without raising the thread to nice −20: the scheduler before issue 18's loop-tail change.</summary>
    OursNiceZero,

    /// <summary>The machine's floor (<see cref="LoopFloor"/>): native, nice −20 and the short slice, sleeps to the deadline itself.</summary>
    Floor,

    /// <summary>The machine's floor for our way of waiting: native, nice −20, sleeps to 200 µs before the deadline and spins.</summary>
    FloorSpin,

    /// <summary>The floor under SCHED_FIFO 50, sleeping to the deadline itself.</summary>
    FloorFifo,

    /// <summary>The floor under SCHED_FIFO 50, sleep + 200 µs spin.</summary>
    FloorSpinFifo,
}

/// <summary>Runs one loop of a kind until its trace is full.</summary>
internal static class LoopVariants
{
    /// <summary>The priority deploy/raspi/appsettings.site.json gives the loop thread.</summary>
    public const int FifoPriority = 50;

    public static string Describe(LoopKind kind) => kind switch
    {
        LoopKind.Ours => "ours (LoopScheduler)",
        LoopKind.PeriodicTimer => "PeriodicTimer",
        LoopKind.ThreadSleep => "Thread.Sleep",
        LoopKind.OursBefore => "ours before (ms sleep + spin)",
        LoopKind.OursFifo => "ours, SCHED_FIFO 50 (as on the Pi)",
        LoopKind.OursWideSpin => "ours, 500 µs spin",
        LoopKind.OursNiceZero => "ours at nice 0 (before the nice change)",
        LoopKind.Floor => "floor: native, wakes at the deadline",
        LoopKind.FloorSpin => "floor: native, sleep + 200 µs spin",
        LoopKind.FloorFifo => "floor: native, wakes at the deadline, SCHED_FIFO 50",
        LoopKind.FloorSpinFifo => "floor: native, sleep + 200 µs spin, SCHED_FIFO 50",
        _ => kind.ToString(),
    };

    /// <returns>Our scheduler's own count of its late ticks by cause (<see cref="LateTickCause"/>); empty for the other loops.</returns>
    public static bool IsFloor(LoopKind kind) => kind is LoopKind.Floor or LoopKind.FloorSpin or LoopKind.FloorFifo or LoopKind.FloorSpinFifo;

    /// <summary>The floor kinds' setup: under SCHED_FIFO or not, and their spin window (0: none).</summary>
    public static (bool Fifo, double SpinUs) FloorSetup(LoopKind kind) => kind switch
    {
        LoopKind.Floor => (false, 0.0),
        LoopKind.FloorSpin => (false, 200.0),
        LoopKind.FloorFifo => (true, 0.0),
        LoopKind.FloorSpinFifo => (true, 200.0),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static LateTickCounts Run(LoopKind kind, LoopTrace trace, double rateHz)
    {
        var late = default(LateTickCounts);
        switch (kind)
        {
            case LoopKind.Ours:
            case LoopKind.OursFifo:
            case LoopKind.OursWideSpin:
            case LoopKind.OursNiceZero:
                OnDedicatedThread(() =>
                {
                    if (kind == LoopKind.OursFifo && NativeThread.TrySetFifo(FifoPriority) is { } problem)
                    {
                        throw new InvalidOperationException(problem);
                    }

                    var clock = new TickClock();
                    var scheduler = new LoopScheduler(clock, rateHz, kind == LoopKind.OursWideSpin ? 500.0 : 200.0, raisePriority: kind != LoopKind.OursNiceZero);
                    using var stop = new CancellationTokenSource();
                    scheduler.Run(
                        (start, _) =>
                        {
                            trace.CorrectLastEnd(clock.LastTickEnd);
                            if (!trace.Tick(start))
                            {
                                stop.Cancel();
                            }

                            clock.TickReturning();
                        },
                        stop.Token);
                    trace.CorrectLastEnd(clock.LastTickEnd);
                    trace.FirstDeadline = clock.FirstReading + trace.PeriodTicks;
                    late = scheduler.Timing.Snapshot().LateTicks;
                });
                break;
            case LoopKind.OursBefore:
                OnDedicatedThread(() =>
                {
                    var scheduler = new LegacyLoopScheduler(rateHz);
                    scheduler.Run(trace.Tick, trace.CorrectLastEnd);
                    trace.FirstDeadline = scheduler.FirstDeadline;
                });
                break;
            case LoopKind.PeriodicTimer:
                Task.Run(() => PeriodicTimerLoop(trace, rateHz)).GetAwaiter().GetResult();
                break;
            case LoopKind.ThreadSleep:
                OnDedicatedThread(() => SleepLoop(trace));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return late;
    }

    private static async Task PeriodicTimerLoop(LoopTrace trace, double rateHz)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rateHz));
        trace.FirstDeadline = Stopwatch.GetTimestamp() + trace.PeriodTicks;
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            if (!trace.Tick(Stopwatch.GetTimestamp()))
            {
                return;
            }
        }
    }

    private static void SleepLoop(LoopTrace trace)
    {
        // Absolute deadlines like ours, so the comparison is about waking up, not about drift.
        // Thread.Sleep takes whole milliseconds: rounding the wait up never wakes early and never spins.
        var next = Stopwatch.GetTimestamp() + trace.PeriodTicks;
        trace.FirstDeadline = next;
        while (true)
        {
            var remaining = next - Stopwatch.GetTimestamp();
            if (remaining > 0)
            {
                Thread.Sleep((int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency));
            }

            if (!trace.Tick(Stopwatch.GetTimestamp()))
            {
                return;
            }

            next += trace.PeriodTicks;
            var now = Stopwatch.GetTimestamp();
            if (now >= next + trace.PeriodTicks)
            {
                next += (now - next) / trace.PeriodTicks * trace.PeriodTicks;
            }
        }
    }

    private static void OnDedicatedThread(Action body)
    {
        // As ControlLoopService starts the real loop: a named foreground thread at the highest priority.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (InvalidOperationException ex)
            {
                failure = ex;
            }
        })
        { Name = "loop-under-test", IsBackground = false, Priority = ThreadPriority.Highest };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException(failure.Message, failure);
        }
    }
}
