using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// What a scenario step does to the simulated device, through the same doors a technician, the API
/// or a tester uses: the power switch and pedal on the plant, commands through the loop's queue,
/// faults into the plant. Nothing reaches into the controller's state directly.
/// </summary>
public abstract record ScenarioAction
{
    public abstract void ApplyTo(SimulationRunner runner);

    /// <summary>The step as the scenario file writes it, for logs and reports.</summary>
    public abstract string Describe();

    /// <summary>Whether the step reaches the controller through its bounded command queue (not the plant's).</summary>
    public virtual bool IsCommand => false;

    /// <summary>Queues a command for the next tick. A full queue would drop it silently, so it is an error instead.</summary>
    protected static void Post(SimulationRunner runner, ControlCommand command)
    {
        if (!runner.Command(command))
        {
            throw new InvalidOperationException(
                $"The command queue is full at {runner.Time:0.000} s: too many steps at the same instant.");
        }
    }
}

/// <summary>The front-panel power switch: on starts the self-test, off the shutdown sequence.</summary>
public sealed record PowerSwitchAction(bool On) : ScenarioAction
{
    public override void ApplyTo(SimulationRunner runner) => runner.PowerSwitch(On);

    public override string Describe() => On ? "power_on" : "power_off";
}

/// <summary>The technician's foot on the foot switch.</summary>
public sealed record PedalAction(bool Down) : ScenarioAction
{
    public override void ApplyTo(SimulationRunner runner) => runner.Pedal(Down);

    public override string Describe() => Down ? "pedal_down" : "pedal_up";
}

public sealed record SelectSourceAction(GasSource Source) : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) => Post(runner, ControlCommand.SelectSource(Source));

    public override string Describe() => "select_source " + PlantParameters.SnakeCase(Source.ToString());
}

/// <summary>Selects a program by name; the parser has already checked that the controller has it.</summary>
public sealed record SelectProgramAction(string Program) : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) =>
        Post(runner, ControlCommand.SelectProgram(runner.Core.ProgramIndex(Program)));

    public override string Describe() => "select_program " + Program;
}

/// <summary>
/// Asks for a setpoint. Any number is a valid step: an out-of-range request is something the
/// controller must refuse, and scenarios exist to check that it does.
/// </summary>
public sealed record SetPressureAction(double Mpa) : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) => Post(runner, ControlCommand.SetSetpoint(Mpa));

    public override string Describe() => "set_pressure " + Mpa.ToString("0.###", CultureInfo.InvariantCulture);
}

public sealed record AcknowledgeAlarmsAction : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) => Post(runner, ControlCommand.AcknowledgeAlarms());

    public override string Describe() => "ack_alarms";
}

/// <summary>The software shutdown (API or SIGTERM), as opposed to the power switch.</summary>
public sealed record ShutdownAction : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) => Post(runner, ControlCommand.Shutdown());

    public override string Describe() => "shutdown";
}

/// <summary>Starts a treatment plan by name (DESIGN §2.7); the parser has already checked that the controller has it.</summary>
public sealed record StartPlanAction(string Plan) : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) => Post(runner, ControlCommand.StartPlan(runner.Core.PlanIndex(Plan)));

    public override string Describe() => "start_plan " + Plan;
}

/// <summary>The plan's next step, previous step, or its end, as the technician's buttons ask for them.</summary>
public sealed record PlanStepAction(CommandKind Kind) : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) => Post(runner, Kind switch
    {
        CommandKind.NextPlanStep => ControlCommand.NextPlanStep(),
        CommandKind.PreviousPlanStep => ControlCommand.PreviousPlanStep(),
        _ => ControlCommand.EndPlan(),
    });

    public override string Describe() => Kind switch
    {
        CommandKind.NextPlanStep => "next_step",
        CommandKind.PreviousPlanStep => "previous_step",
        _ => "end_plan",
    };
}

/// <summary>The start-of-day check, the end-of-day purge, or stopping either (DESIGN §2.8).</summary>
public sealed record DayRoutineAction(CommandKind Kind) : ScenarioAction
{
    public override bool IsCommand => true;

    public override void ApplyTo(SimulationRunner runner) => Post(runner, Kind switch
    {
        CommandKind.StartDayCheck => ControlCommand.StartDayCheck(),
        CommandKind.StartDayPurge => ControlCommand.StartDayPurge(),
        _ => ControlCommand.StopDayRoutine(),
    });

    public override string Describe() => Kind switch
    {
        CommandKind.StartDayCheck => "start_day_check",
        CommandKind.StartDayPurge => "start_day_purge",
        _ => "stop_day_routine",
    };
}

/// <summary>Injects a fault; <c>loop_stall</c> is carried out by the runner as a frozen loop.</summary>
public sealed record InjectFaultAction(FaultSpec Fault) : ScenarioAction
{
    public override void ApplyTo(SimulationRunner runner) => runner.Inject(Fault);

    public override string Describe() => "fault " + FaultText.Describe(Fault.Kind, Fault.Target, Fault.Value);
}

/// <summary>Repairs a fault (the part is fixed or replaced); no target clears the first of that kind.</summary>
public sealed record ClearFaultAction(FaultKind Kind, FaultTarget Target) : ScenarioAction
{
    public override void ApplyTo(SimulationRunner runner) => runner.Clear(Kind, Target);

    public override string Describe() => "clear_fault " + FaultText.Describe(Kind, Target, value: 0);
}
