using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>pedal_stuck welds the foot-switch contact; pedal_bounce makes it chatter after each edge.</summary>
public class PedalFaultTests
{
    private const double Window = 0.008;

    /// <summary>The contact level sampled every 0.25 ms from the plant's time over a span.</summary>
    private static List<bool> Contact(SprayPlant plant, double from, double to)
    {
        var levels = new List<bool>();
        for (var t = from; t < to - 1e-12; t += 0.25e-3)
        {
            levels.Add(plant.FootSwitch.ContactClosed(plant.Time + t));
        }

        return levels;
    }

    [Fact]
    public void Stuck_pedal_reads_pressed_with_the_foot_up()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.RunFor(0.1);
        Assert.False(plant.FootSwitch.ContactClosed(plant.Time));

        plant.Inject(new FaultSpec(FaultKind.PedalStuck));

        Assert.False(plant.FootSwitch.Pressed);
        Assert.All(Contact(plant, 0, 0.1), Assert.True);

        Assert.True(plant.Clear(FaultKind.PedalStuck));
        Assert.All(Contact(plant, 0, 0.1), Assert.False);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bouncing_pedal_toggles_within_the_window_after_an_edge_and_then_settles(bool press)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet, seed: 7);
        plant.FootSwitch.Press(!press, plant.Time);
        plant.RunFor(0.1);
        plant.Inject(new FaultSpec(FaultKind.PedalBounce));

        plant.FootSwitch.Press(press, plant.Time);
        var bouncing = Contact(plant, 0, Window);
        var settled = Contact(plant, Window, Window + 0.05);

        Assert.Contains(true, bouncing);
        Assert.Contains(false, bouncing);
        Assert.All(settled, level => Assert.Equal(press, level));
    }

    [Fact]
    public void Without_the_fault_the_contact_follows_the_foot_at_once()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.RunFor(0.1);

        plant.FootSwitch.Press(true, plant.Time);

        Assert.All(Contact(plant, 0, Window + 0.01), Assert.True);
    }

    [Fact]
    public void Clearing_the_bounce_makes_the_next_edge_clean()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.Inject(new FaultSpec(FaultKind.PedalBounce));
        plant.RunFor(0.1);

        Assert.True(plant.Clear(FaultKind.PedalBounce));
        plant.FootSwitch.Press(true, plant.Time);

        Assert.All(Contact(plant, 0, Window), Assert.True);
    }
}
