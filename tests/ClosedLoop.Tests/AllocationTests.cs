using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests;

[Collection(nameof(MeasurementCollection))]
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

        // Warm-up is a whole replay on cores of its own, commands included, so that every path the
        // measured replay takes has run (static initialisers, first calls) before it is measured.
        // A treatment plan is followed through it: started early, moved on and back while measured.
        var commands = new[] { ControlCommand.SetSetpoint(0.5) };
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            Replay(inputs, commands);
        }

        // The replays are identical, so an allocation by the step shows in every one of them; the
        // runtime's own one-off work on this thread (on a loaded machine, a method tiered up
        // mid-replay: a CI run saw 3.5 KiB once) does not repeat. So: three replays, the least zero.
        var measured = Enumerable.Range(0, 3).Select(_ => Replay(inputs, commands)).ToList();
        Assert.True(measured.Min() == 0, $"bytes allocated by 5000 control steps, in three replays: {string.Join(", ", measured)}");
    }

    /// <summary>Replays recorded inputs into a fresh core; returns this thread's bytes allocated by the last 5000 steps.</summary>
    private static readonly ControlCommand[] StartPlan = [ControlCommand.StartPlan(0)];
    private static readonly ControlCommand[] NextStep = [ControlCommand.NextPlanStep()];
    private static readonly ControlCommand[] PreviousStep = [ControlCommand.PreviousPlanStep()];

    private static ReadOnlySpan<ControlCommand> PlanCommandsAt(int i) => i switch
    {
        20 => StartPlan,
        1500 => NextStep,
        2500 => NextStep,
        4700 => PreviousStep,
        _ => [],
    };

    private static long Replay(List<ControlInputs> inputs, ControlCommand[] commands)
    {
        var core = new SprayController(Device.Starting("acne"), new EventRing(1 << 16));
        for (var i = 0; i < 1000; i++)
        {
            core.Step(inputs[i], i == 10 ? commands : PlanCommandsAt(i));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < inputs.Count; i++)
        {
            core.Step(inputs[i], i == 5000 ? commands : PlanCommandsAt(i));
        }

        Assert.True(core.Status.Plan.Running && core.Status.Plan.Step == 1 && core.Status.Plan.SpraySeconds > 0, "the plan was not followed through the replay");

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEqual(DeviceState.Off, core.State);
        return allocated;
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

        // Three windows of 1000 ticks of the same spraying: an allocation of the tick's own shows in
        // each of them, the runtime's one-off work on this thread (a method tiered up on a loaded
        // machine) in one at most.
        var windows = new long[3];
        for (var w = 0; w < windows.Length; w++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                runner.Tick();
            }

            windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(windows.Count(b => b != 0) <= 1, $"bytes allocated by 1000 simulated ticks, in three windows: {string.Join(", ", windows)}");
        Assert.Equal(DeviceState.Spraying, runner.Core.State);
    }
}
