using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>The inlet spool follows the PWM duty through a first-order lag, τ ≈ 30 ms.</summary>
public class InletLagTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.4)]
    public void Opening_reaches_63_percent_of_a_step_at_one_time_constant(double duty)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.SetInletDuty(duty);

        plant.RunFor(0.030);
        var atTau = plant.Snapshot().InletOpening;
        plant.RunFor(0.060);
        var atThreeTau = plant.Snapshot().InletOpening;

        Assert.Equal(duty * (1 - Math.Exp(-1)), atTau, duty * 1e-3);
        Assert.Equal(duty * (1 - Math.Exp(-3)), atThreeTau, duty * 1e-3);
        Assert.Equal(duty, plant.InletDuty);
    }

    [Fact]
    public void Closing_decays_with_the_same_time_constant()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.SetInletDuty(0.8);
        plant.RunFor(0.5);
        var open = plant.Snapshot().InletOpening;

        plant.SetInletDuty(0.0);
        plant.RunFor(0.030);

        Assert.Equal(0.8, open, 1e-5);
        Assert.Equal(0.8 * Math.Exp(-1), plant.Snapshot().InletOpening, 1e-3);
    }

    [Fact]
    public void Opening_does_not_move_before_time_advances()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);

        plant.SetInletDuty(1.0);

        Assert.Equal(0.0, plant.Snapshot().InletOpening);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Duty_outside_zero_to_one_is_refused(double duty)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.SetInletDuty(0.3);

        Assert.Throws<ArgumentOutOfRangeException>(() => plant.SetInletDuty(duty));
        Assert.Equal(0.3, plant.InletDuty);
    }
}
