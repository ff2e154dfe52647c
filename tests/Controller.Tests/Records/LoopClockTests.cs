using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using HydroOxygen.Simulator;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Tests.Records;

/// <summary>Loop-clock seconds to wall-clock time, from the snapshots alone.</summary>
public sealed class LoopClockTests
{
    [Fact]
    public void A_loop_time_maps_to_the_wall_clock_of_its_tick()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero));
        using var runtime = new ControllerRuntime(SimulatedBoard.Create(PlantParameters.Default, 1, clock), ControllerSettings.Default, clock, CalibrationSet.Factory);
        var loopClock = new LoopClock(runtime);

        // The loop started 3 s after the epoch; a snapshot of its tick at 2 s is read 5 ms late.
        clock.Advance(TimeSpan.FromSeconds(5.005));
        loopClock.Observe(new ControllerStatus { Time = 2.0, Ticks = 1000 });

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 4, 505, TimeSpan.Zero), loopClock.ToWall(1.5));

        // A fresher snapshot (read 1 ms late) refines the estimate; a staler one does not spoil it.
        clock.Advance(TimeSpan.FromSeconds(1));
        loopClock.Observe(new ControllerStatus { Time = 3.004, Ticks = 1500 });
        loopClock.Observe(new ControllerStatus { Time = 2.5, Ticks = 1250 });
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 4, 501, TimeSpan.Zero), loopClock.ToWall(1.5));
    }

    [Fact]
    public void Before_the_first_tick_everything_is_now()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero));
        using var runtime = new ControllerRuntime(SimulatedBoard.Create(PlantParameters.Default, 1, clock), ControllerSettings.Default, clock, CalibrationSet.Factory);
        var loopClock = new LoopClock(runtime);
        loopClock.Observe(new ControllerStatus());

        Assert.Equal(clock.GetUtcNow(), loopClock.ToWall(0));
    }
}
