using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>sensor_stuck, sensor_disconnected and sensor_drift change what the transducers say, not the gas.</summary>
public class SensorFaultTests
{
    private static readonly TransducerSpec Spec = TransducerSpec.Default;

    public static TheoryData<FaultTarget, SensorChannel> Targets => new()
    {
        { FaultTarget.POut, SensorChannel.POut },
        { FaultTarget.PBottle, SensorChannel.PBottle },
        { FaultTarget.PSrc, SensorChannel.PSrc },
    };

    /// <summary>A plant whose three pressures all rise: oxygen into source line, manifold and bottle.</summary>
    private static SprayPlant Filling()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.FeedManifoldFromOxygen();
        plant.SetCoil(PlantCoil.ChargeValve, true);
        plant.RunFor(0.02);
        return plant;
    }

    private static double TrueMpa(SprayPlant plant, SensorChannel channel) => channel switch
    {
        SensorChannel.POut => plant.POutMpa,
        SensorChannel.PBottle => plant.PBottleMpa,
        _ => plant.PSrcMpa,
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Stuck_sensor_freezes_its_output_while_the_pressure_moves(FaultTarget target, SensorChannel channel)
    {
        var plant = Filling();
        plant.Inject(new FaultSpec(FaultKind.SensorStuck, target));
        var frozen = plant.SensorVolts(channel);
        var trueBefore = TrueMpa(plant, channel);

        plant.RunFor(0.3);

        Assert.True(TrueMpa(plant, channel) - trueBefore > 0.05, "the pressure should have moved");
        Assert.Equal(frozen, plant.SensorVolts(channel));
        Assert.Equal(frozen, plant.SampleSensorVolts(channel));

        Assert.True(plant.Clear(FaultKind.SensorStuck, target));
        plant.RunFor(0.01);

        // Tracking again, within the 1 ms response lag of a pressure that is still rising.
        Assert.Equal(TrueMpa(plant, channel), Spec.ToPressure(plant.SensorVolts(channel)).Megapascals, 1e-3);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Disconnected_sensor_reads_zero_volts_until_reconnected(FaultTarget target, SensorChannel channel)
    {
        // With the default noise on: a broken wire sits at the pull-down, it does not hiss.
        var plant = new SprayPlant(PlantParameters.Default with { InitialBottleMpa = 0.4 });
        plant.RunFor(0.01);

        plant.Inject(new FaultSpec(FaultKind.SensorDisconnected, target));

        Assert.Equal(0.0, plant.SensorVolts(channel));
        Assert.Equal(0.0, plant.SampleSensorVolts(channel));
        Assert.True(plant.Clear(FaultKind.SensorDisconnected, target));
        Assert.Equal(TrueMpa(plant, channel), Spec.ToPressure(plant.SensorVolts(channel)).Megapascals, 1e-4);
    }

    [Theory]
    [InlineData(FaultTarget.PBottle, SensorChannel.PBottle, 0.05)]
    [InlineData(FaultTarget.POut, SensorChannel.POut, -0.03)]
    [InlineData(FaultTarget.PSrc, SensorChannel.PSrc, 0.2)]
    public void Drift_shifts_the_reading_by_its_value_in_megapascals(FaultTarget target, SensorChannel channel, double drift)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.4 });
        plant.RunFor(0.01);
        var healthy = Spec.ToPressure(plant.SensorVolts(channel)).Megapascals;

        plant.Inject(new FaultSpec(FaultKind.SensorDrift, target, drift));

        Assert.Equal(healthy + drift, Spec.ToPressure(plant.SensorVolts(channel)).Megapascals, 1e-9);
        Assert.Equal(TrueMpa(plant, channel), healthy, 1e-6);
        Assert.True(plant.Clear(FaultKind.SensorDrift, target));
        Assert.Equal(healthy, Spec.ToPressure(plant.SensorVolts(channel)).Megapascals, 1e-9);
    }

    [Fact]
    public void A_sensor_fault_touches_only_its_target()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.4 });
        plant.RunFor(0.01);
        var bottle = plant.SensorVolts(SensorChannel.PBottle);
        var source = plant.SensorVolts(SensorChannel.PSrc);

        plant.Inject(new FaultSpec(FaultKind.SensorDisconnected, FaultTarget.POut));

        Assert.Equal(bottle, plant.SensorVolts(SensorChannel.PBottle));
        Assert.Equal(source, plant.SensorVolts(SensorChannel.PSrc));
        Assert.Equal([new FaultSpec(FaultKind.SensorDisconnected, FaultTarget.POut)], plant.ActiveFaults);
    }
}
