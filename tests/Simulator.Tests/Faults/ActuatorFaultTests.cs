using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>inlet_stuck_open/closed, vent_stuck_closed and spray_stuck_open pin an actuator whatever it is told.</summary>
public class ActuatorFaultTests
{
    private static SprayPlant WithOxygenOnTheSourceLine()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.SetCoil(PlantCoil.OxygenSourceValve, true);
        plant.SetCoil(PlantCoil.VentValve, true);
        plant.RunFor(0.1);
        return plant;
    }

    [Fact]
    public void Inlet_stuck_open_fills_the_manifold_with_the_duty_at_zero()
    {
        var plant = WithOxygenOnTheSourceLine();
        plant.Inject(new FaultSpec(FaultKind.InletStuckOpen));

        plant.RunFor(0.3);

        Assert.Equal(0.0, plant.InletDuty);
        Assert.Equal(1.0, plant.Snapshot().InletOpening);
        Assert.True(plant.POutMpa > 0.6);

        Assert.True(plant.Clear(FaultKind.InletStuckOpen));
        Assert.True(plant.Snapshot().InletOpening < 1e-6);
    }

    [Fact]
    public void Inlet_stuck_closed_keeps_the_manifold_empty_with_the_duty_at_one()
    {
        var plant = WithOxygenOnTheSourceLine();
        plant.Inject(new FaultSpec(FaultKind.InletStuckClosed));
        plant.SetInletDuty(1.0);

        plant.RunFor(0.3);

        Assert.Equal(0.0, plant.Snapshot().InletOpening);
        Assert.Equal(0.0, plant.POutMpa, 1e-9);

        Assert.True(plant.Clear(FaultKind.InletStuckClosed));
        plant.RunFor(0.3);
        Assert.True(plant.Snapshot().InletOpening > 0.99);
        Assert.True(plant.POutMpa > 0.6);
    }

    [Fact]
    public void Clearing_one_inlet_fault_leaves_the_other_in_force()
    {
        var plant = WithOxygenOnTheSourceLine();
        plant.Inject(new FaultSpec(FaultKind.InletStuckClosed));
        plant.Inject(new FaultSpec(FaultKind.InletStuckOpen));

        plant.Clear(FaultKind.InletStuckClosed);

        Assert.Equal([new FaultSpec(FaultKind.InletStuckOpen)], plant.ActiveFaults);
        Assert.Equal(1.0, plant.Snapshot().InletOpening);
    }

    [Fact]
    public void Vent_stuck_closed_holds_the_manifold_with_the_vent_coil_released()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.FeedManifoldFromOxygen();
        plant.RunFor(0.3);
        plant.Inject(new FaultSpec(FaultKind.VentStuckClosed));

        plant.SetCoil(PlantCoil.VentValve, false);
        plant.SetCoil(PlantCoil.OxygenSourceValve, false);
        plant.SetInletDuty(0);
        plant.RunFor(0.5);

        Assert.False(plant.CoilEnergized(PlantCoil.VentValve));
        Assert.False(plant.Snapshot().VentOpen);
        Assert.True(plant.POutMpa > 0.69);

        Assert.True(plant.Clear(FaultKind.VentStuckClosed));
        Assert.True(plant.Snapshot().VentOpen);
        plant.RunFor(2.0);
        Assert.True(plant.POutMpa < 0.02);
    }

    [Fact]
    public void Spray_stuck_open_sprays_with_the_spray_coil_off()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.FeedManifoldFromOxygen();
        plant.Inject(new FaultSpec(FaultKind.SprayStuckOpen));

        plant.RunFor(0.3);

        Assert.False(plant.CoilEnergized(PlantCoil.SprayValve));
        Assert.True(plant.Snapshot().SprayOpen);
        Assert.True(plant.Snapshot().NozzleFlowLpm > 5.0);

        Assert.True(plant.Clear(FaultKind.SprayStuckOpen));
        Assert.False(plant.Snapshot().SprayOpen);
        plant.RunFor(2.0);

        // The hose has blown down through the nozzle and nothing refills it.
        Assert.True(plant.PHoseMpa < 1e-3, $"hose still at {plant.PHoseMpa} MPa");
        Assert.True(plant.POutMpa > 0.69);
    }
}
