using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>Single vent pulses on the normally-open vent (drop-out 15 ms, pull-in 10 ms).</summary>
public class VentModulatorTests
{
    private const double Tick = 0.001;
    private const double DropOut = 0.015;
    private const double PullIn = 0.010;

    [Fact]
    public void A_pulse_is_commanded_at_once_for_its_open_time_plus_the_difference_of_the_delays()
    {
        var (from, until) = Commanded(vent => vent.Pulse(0.012, 0.0, DropOut, PullIn));

        Assert.Equal(0.0, from, 3);
        Assert.Equal(0.012 + (DropOut - PullIn), until, 3);
    }

    [Fact]
    public void A_deferred_pulse_is_commanded_only_from_its_start()
    {
        var (from, until) = Commanded(vent => vent.Pulse(0.012, 0.0, DropOut, PullIn, startIn: 0.024));

        Assert.Equal(0.024, from, 3);
        Assert.Equal(0.024 + 0.012 + (DropOut - PullIn), until, 3);
    }

    [Fact]
    public void A_pulse_too_short_for_the_valve_is_not_commanded_and_does_not_cancel_a_pending_one()
    {
        var (from, until) = Commanded(vent =>
        {
            vent.Pulse(0.012, 0.0, DropOut, PullIn, startIn: 0.030);
            vent.Pulse(0.001, 0.0, DropOut, PullIn);
        });

        Assert.Equal(0.030, from, 3);
        Assert.Equal(0.030 + 0.017, until, 3);
    }

    [Fact]
    public void A_cancelled_pending_pulse_is_never_commanded()
    {
        var box = new VentModulatorBox();
        box.Vent.Reset(0.0);
        box.Pulse(0.012, 0.0, DropOut, PullIn, startIn: 0.030);
        box.Vent.CancelPulse(0.010);

        for (var i = 0; i * Tick <= 0.2; i++)
        {
            Assert.False(box.Vent.Update(0.0, i * Tick, 0.05, DropOut, PullIn), $"commanded open at {i * Tick:F3} s");
        }
    }

    [Fact]
    public void A_running_pulse_cancelled_ends_at_once_and_a_later_one_still_fires()
    {
        var box = new VentModulatorBox();
        box.Vent.Reset(0.0);
        box.Pulse(0.012, 0.0, DropOut, PullIn);
        Assert.True(box.Vent.Update(0.0, 0.005, 0.05, DropOut, PullIn));

        box.Vent.CancelPulse(0.006);
        Assert.False(box.Vent.Update(0.0, 0.006, 0.05, DropOut, PullIn));

        box.Pulse(0.012, 0.1, DropOut, PullIn);
        Assert.True(box.Vent.Update(0.0, 0.1, 0.05, DropOut, PullIn));
    }

    /// <returns>The first and the end of the commanded-open ticks over 0.2 s with no duty; (−1, −1) if none.</returns>
    private static (double From, double Until) Commanded(Action<VentModulatorBox> pulse)
    {
        var box = new VentModulatorBox();
        box.Vent.Reset(0.0);
        pulse(box);
        double from = -1, until = -1;
        for (var i = 0; i * Tick <= 0.2; i++)
        {
            var now = i * Tick;
            if (box.Vent.Update(0.0, now, 0.05, DropOut, PullIn))
            {
                from = from < 0 ? now : from;
                until = now + Tick;
            }
        }

        return (from, until);
    }

    /// <summary>Holds the mutable struct so that a lambda can act on it.</summary>
    private sealed class VentModulatorBox
    {
        public VentModulator Vent;

        public void Pulse(double open, double now, double openDelay, double closeDelay, double startIn = 0.0) =>
            Vent.Pulse(open, now, openDelay, closeDelay, startIn);
    }
}
