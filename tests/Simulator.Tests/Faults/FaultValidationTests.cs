using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>The plant refuses faults it cannot apply, with a message that says why.</summary>
public class FaultValidationTests
{
    [Fact]
    public void Loop_stall_is_refused_by_the_plant_because_the_loop_runner_applies_it()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);

        var ex = Assert.Throws<ArgumentException>(() => plant.Inject(new FaultSpec(FaultKind.LoopStall, Value: 2.0)));

        Assert.Contains("loop_stall", ex.Message, StringComparison.Ordinal);
        Assert.Equal("fault", ex.ParamName);
        Assert.Empty(plant.ActiveFaults);
    }

    public static TheoryData<FaultSpec, string> Malformed => new()
    {
        { new FaultSpec(FaultKind.Leak, FaultTarget.None, 0.05), "leak needs a target of manifold or bottle" },
        { new FaultSpec(FaultKind.Leak, FaultTarget.POut, 0.05), "leak needs a target" },
        { new FaultSpec(FaultKind.Leak, FaultTarget.Bottle, 0.0), "leak needs a value" },
        { new FaultSpec(FaultKind.Leak, FaultTarget.Manifold, 1.5), "leak needs a value" },
        { new FaultSpec(FaultKind.Leak, FaultTarget.Manifold, double.NaN), "leak needs a value" },
        { new FaultSpec(FaultKind.SensorStuck), "sensor_stuck needs a target of p_out, p_bottle or p_src" },
        { new FaultSpec(FaultKind.SensorDisconnected, FaultTarget.Bottle), "sensor_disconnected needs a target" },
        { new FaultSpec(FaultKind.SensorDrift, FaultTarget.POut, 0.8), "sensor_drift needs a value" },
        { new FaultSpec(FaultKind.SensorDrift, FaultTarget.POut, double.NaN), "sensor_drift needs a value" },
        { new FaultSpec(FaultKind.SupplyEmpty, FaultTarget.POut), "supply_empty takes no target" },
        { new FaultSpec(FaultKind.NozzleClogged, FaultTarget.Manifold), "nozzle_clogged takes no target" },
        { new FaultSpec(FaultKind.AdcNack, FaultTarget.Manifold), "adc_nack takes no target" },
        { new FaultSpec(FaultKind.LoopStall, Value: 0), "loop_stall needs a value" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_fault_is_refused_with_a_message_naming_the_problem(FaultSpec fault, string problem)
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);

        var ex = Assert.Throws<ArgumentException>(() => plant.Inject(fault));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(fault.Problem(), ex.Message.Split(" (Parameter")[0]);
        Assert.Empty(plant.ActiveFaults);
    }

    [Theory]
    [InlineData(FaultKind.InletStuckOpen)]
    [InlineData(FaultKind.SupplyEmpty)]
    [InlineData(FaultKind.PedalBounce)]
    public void Well_formed_faults_have_no_problem(FaultKind kind)
    {
        Assert.Null(new FaultSpec(kind).Problem());
    }

    [Fact]
    public void Clearing_a_fault_that_is_not_active_says_so()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);

        Assert.False(plant.Clear(FaultKind.NozzleClogged));
    }

    [Fact]
    public void Injecting_the_same_fault_twice_lists_it_once_with_the_latest_value()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);

        plant.Inject(new FaultSpec(FaultKind.SensorDrift, FaultTarget.POut, 0.01));
        plant.Inject(new FaultSpec(FaultKind.SensorDrift, FaultTarget.POut, 0.02));

        Assert.Equal([new FaultSpec(FaultKind.SensorDrift, FaultTarget.POut, 0.02)], plant.ActiveFaults);
    }

    [Fact]
    public void Every_fault_name_of_design_3_1_is_known()
    {
        string[] contract =
        [
            "inlet_stuck_open", "inlet_stuck_closed", "vent_stuck_closed", "spray_stuck_open", "sensor_stuck",
            "sensor_disconnected", "sensor_drift", "leak", "supply_empty", "compressor_failed", "nozzle_clogged",
            "liquid_empty", "pedal_stuck", "pedal_bounce", "loop_stall", "adc_nack",
        ];

        Assert.Equal(contract.Order(StringComparer.Ordinal), FaultNames.AllKinds);
        foreach (var name in contract)
        {
            Assert.True(FaultNames.TryParseKind(name, out var kind));
            Assert.Equal(name, FaultNames.ToName(kind));
        }

        Assert.Equal(["bottle", "manifold", "p_bottle", "p_out", "p_src"], FaultNames.AllTargets);
    }
}
