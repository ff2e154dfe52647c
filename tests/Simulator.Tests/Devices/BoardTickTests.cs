using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>BeginTick is what moves the simulated world: the plant catches up with the loop's clock, never beyond.</summary>
public class BoardTickTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);

    [Fact]
    public void Each_tick_advances_the_plant_to_the_clock()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);

        for (var k = 1; k <= 500; k++)
        {
            clock.Advance(Tick);
            board.BeginTick(clock.GetTimestamp());
            Assert.Equal(k * 0.002, board.Plant.Time, 1e-12);
        }

        Assert.Equal(clock.Elapsed.TotalSeconds, board.Plant.Time, 1e-12);
    }

    [Fact]
    public void Without_a_tick_the_plant_does_not_move()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0.0, board.Plant.Time);
    }

    [Fact]
    public void A_clock_that_did_not_start_at_zero_is_measured_from_when_the_board_was_built()
    {
        var clock = new VirtualClock();
        clock.Advance(TimeSpan.FromSeconds(5));
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);

        clock.Advance(Tick);
        board.BeginTick(clock.GetTimestamp());

        Assert.Equal(0.002, board.Plant.Time, 1e-12);
    }

    [Fact]
    public void A_tick_between_plant_sub_steps_never_runs_ahead_of_the_clock()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);

        clock.Advance(TimeSpan.FromMicroseconds(1_900));
        board.BeginTick(clock.GetTimestamp());

        Assert.Equal(0.00175, board.Plant.Time, 1e-12);
    }

    [Fact]
    public void A_filled_manifold_reads_the_same_through_the_board_as_in_the_plant()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);
        board.OxygenSourceValve.SetOpen(true);
        board.VentValve.SetOpen(false);
        board.InletValve.SetOpening(1.0);

        for (var k = 0; k < 250; k++)
        {
            clock.Advance(Tick);
            board.BeginTick(clock.GetTimestamp());
        }

        Assert.InRange(board.Plant.POutMpa, 0.69, 0.72);
        Assert.Equal(board.Plant.POutMpa, board.OutletPressure.Read().Pressure.Megapascals, 1e-3);
        Assert.Equal(board.Plant.PSrcMpa, board.SourcePressure.Read().Pressure.Megapascals, 1e-3);
    }

    [Fact]
    public void Virtual_clock_refuses_to_run_backwards()
    {
        var clock = new VirtualClock();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void Board_identifies_itself_as_the_simulator()
    {
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, new VirtualClock());

        Assert.Equal("simulator", board.BackendName);
    }
}
