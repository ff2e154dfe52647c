using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>Testers' actions are queued and applied at the start of the next tick, on the loop's thread.</summary>
public class PlantCommandTests
{
    private readonly VirtualClock _clock = new();
    private readonly SimulatedBoard _board;

    public PlantCommandTests() => _board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, _clock);

    private void Tick()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        _board.BeginTick(_clock.GetTimestamp());
    }

    [Fact]
    public void A_pedal_press_takes_effect_at_the_next_tick()
    {
        Tick();
        _board.Post(PlantCommand.Pedal(true));

        Assert.False(_board.FootSwitch.Read());
        Tick();
        Assert.True(_board.FootSwitch.Read());
        Assert.True(_board.Plant.FootSwitch.Pressed);

        _board.Post(PlantCommand.Pedal(false));
        Tick();
        Assert.False(_board.FootSwitch.Read());
    }

    [Fact]
    public void The_power_switch_takes_effect_at_the_next_tick()
    {
        _board.Post(PlantCommand.PowerSwitch(true));
        Assert.False(_board.PowerSwitch.Read());

        Tick();

        Assert.True(_board.PowerSwitch.Read());
    }

    [Fact]
    public void Faults_are_injected_and_cleared_at_the_next_tick()
    {
        _board.Post(PlantCommand.Inject(new FaultSpec(FaultKind.PedalStuck)));
        Assert.Empty(_board.Plant.ActiveFaults);

        Tick();
        Assert.True(_board.FootSwitch.Read());

        _board.Post(PlantCommand.Clear(FaultKind.PedalStuck));
        Tick();
        Assert.False(_board.FootSwitch.Read());
        Assert.Empty(_board.Plant.ActiveFaults);
    }

    [Fact]
    public void Commands_apply_in_the_order_posted()
    {
        _board.Post(PlantCommand.Pedal(true));
        _board.Post(PlantCommand.Pedal(false));
        _board.Post(PlantCommand.PowerSwitch(true));
        _board.Post(PlantCommand.PowerSwitch(false));

        Tick();

        Assert.False(_board.FootSwitch.Read());
        Assert.False(_board.PowerSwitch.Read());
    }

    [Fact]
    public void A_malformed_fault_is_refused_when_posted_not_later_on_the_loop()
    {
        var ex = Assert.Throws<ArgumentException>(() => _board.Post(PlantCommand.Inject(new FaultSpec(FaultKind.Leak))));

        Assert.Contains("leak needs a target", ex.Message, StringComparison.Ordinal);
        Tick();
        Assert.Empty(_board.Plant.ActiveFaults);
    }

    [Fact]
    public void A_pedal_edge_is_stamped_with_the_tick_time_so_bounce_starts_there()
    {
        _board.Post(PlantCommand.Inject(new FaultSpec(FaultKind.PedalBounce)));
        Tick();
        _board.Post(PlantCommand.Pedal(true));
        Tick();

        // 8 ms bounce window from the edge at 4 ms: by the tick at 14 ms the contact has settled.
        var levels = new List<bool>();
        for (var k = 0; k < 10; k++)
        {
            Tick();
            levels.Add(_board.FootSwitch.Read());
        }

        Assert.All(levels.Skip(4), Assert.True);
    }
}
