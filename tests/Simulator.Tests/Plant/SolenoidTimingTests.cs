using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>Solenoid armatures follow their coil after the on-delay (10 ms) and off-delay (15 ms) of DESIGN §1.3.</summary>
public class SolenoidTimingTests
{
    private static bool IsOpen(SprayPlant plant, PlantCoil valve)
    {
        var s = plant.Snapshot();
        return valve switch
        {
            PlantCoil.OxygenSourceValve => s.OxygenSourceOpen,
            PlantCoil.CompressorSourceValve => s.AirSourceOpen,
            PlantCoil.VentValve => s.VentOpen,
            PlantCoil.ChargeValve => s.ChargeOpen,
            _ => s.SprayOpen,
        };
    }

    private static double TimeToChange(SprayPlant plant, PlantCoil valve, bool energize)
    {
        var before = IsOpen(plant, valve);
        plant.SetCoil(valve, energize);
        return plant.RunUntil(p => IsOpen(p, valve) != before, 0.1, $"{valve} moving");
    }

    [Theory]
    [InlineData(PlantCoil.OxygenSourceValve)]
    [InlineData(PlantCoil.CompressorSourceValve)]
    [InlineData(PlantCoil.VentValve)]
    [InlineData(PlantCoil.ChargeValve)]
    [InlineData(PlantCoil.SprayValve)]
    public void Armature_pulls_in_after_the_on_delay_and_drops_out_after_the_off_delay(PlantCoil valve)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.RunFor(0.01);
        var h = plant.StepSeconds;

        var on = TimeToChange(plant, valve, energize: true);
        plant.RunFor(0.05);
        var off = TimeToChange(plant, valve, energize: false);

        Assert.InRange(on, 0.010 - h, 0.010 + h);
        Assert.InRange(off, 0.015 - h, 0.015 + h);
    }

    [Fact]
    public void The_vent_closes_when_energized_and_opens_when_released()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        Assert.True(plant.Snapshot().VentOpen);

        plant.SetCoil(PlantCoil.VentValve, true);
        Assert.True(plant.CoilEnergized(PlantCoil.VentValve));
        Assert.True(plant.Snapshot().VentOpen, "the armature has not moved yet");
        plant.RunFor(0.011);
        Assert.False(plant.Snapshot().VentOpen);

        plant.SetCoil(PlantCoil.VentValve, false);
        plant.RunFor(0.014);
        Assert.False(plant.Snapshot().VentOpen);
        plant.RunFor(0.002);
        Assert.True(plant.Snapshot().VentOpen);
    }

    [Fact]
    public void A_pulse_shorter_than_the_on_delay_cancels_cleanly()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.SetCoil(PlantCoil.SprayValve, true);
        plant.RunFor(0.005);
        plant.SetCoil(PlantCoil.SprayValve, false);

        plant.RunFor(0.05);

        Assert.False(plant.Snapshot().SprayOpen);
    }

    [Fact]
    public void Delays_are_parameters()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { SolenoidOnDelayMs = 4, SolenoidOffDelayMs = 0 });

        var on = TimeToChange(plant, PlantCoil.ChargeValve, energize: true);
        plant.SetCoil(PlantCoil.ChargeValve, false);

        Assert.InRange(on, 0.004 - plant.StepSeconds, 0.004 + plant.StepSeconds);
        Assert.False(plant.Snapshot().ChargeOpen, "a zero off-delay releases at once");
    }
}
