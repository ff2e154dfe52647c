using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests;

public class AllocationTests
{
    [Fact]
    public void The_control_step_allocates_nothing_after_warm_up()
    {
        // Record a session's worth of real inputs, then replay them into a fresh core while
        // counting this thread's allocations: only the step itself is measured.
        var recorder = new SimulationRunner(Device.Starting("acne"), PlantParameters.Default, seed: 3);
        var inputs = new List<ControlInputs>();
        recorder.PowerSwitch(true);
        for (var i = 0; i < 6000; i++)
        {
            if (i == 3000)
            {
                recorder.Pedal(true);
            }

            if (i == 4500)
            {
                recorder.Pedal(false);
            }

            recorder.Tick();
            inputs.Add(recorder.Cycle.LastInputs);
        }

        var core = new SprayController(Device.Starting("acne"), new EventRing(1 << 16));
        var commands = new[] { ControlCommand.SetSetpoint(0.5) };
        for (var i = 0; i < 1000; i++)
        {
            core.Step(inputs[i], i == 10 ? commands : []);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < inputs.Count; i++)
        {
            core.Step(inputs[i], i == 5000 ? commands : []);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(DeviceState.Off, core.State);
    }

    [Fact]
    public void A_whole_simulated_tick_allocates_nothing_after_warm_up()
    {
        var runner = new SimulationRunner(Device.Starting("acne"), PlantParameters.Default, seed: 3);
        runner.PowerSwitch(true);
        runner.RunUntil(5.0);
        runner.Pedal(true);
        runner.RunUntil(5.5);
        while (runner.Events.TryRead(out _))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            runner.Tick();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
