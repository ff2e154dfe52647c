using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// The controller's events during a run, drained from its ring every tick, together with the
/// scenario's own steps, as one time-ordered log a tester can read next to the trace. Refused
/// commands are also kept for the run's report: a refusal is often the point of a scenario.
/// </summary>
public sealed class ScenarioEventLog(TextWriter? writer, IReadOnlyList<ProgramDefinition> programs, PlanTable? plans = null)
{
    private readonly List<string> _refusals = [];

    public long EventCount { get; private set; }

    public long AlarmsRaised { get; private set; }

    /// <summary>Commands the controller refused, each with its time and the controller's reason.</summary>
    public IReadOnlyList<string> Refusals => _refusals;

    public void RecordStep(ScenarioStep step, double timeS) =>
        writer?.WriteLine(Line(timeS, $"step  {step.Action.Describe()}  ({step.Location.FileAndLine})"));

    public void Record(in ControlEvent controlEvent, int programIndex)
    {
        EventCount++;
        var text = Describe(in controlEvent, programIndex);
        if (controlEvent.Kind == ControlEventKind.AlarmRaised)
        {
            AlarmsRaised++;
        }
        else if (controlEvent.Kind == ControlEventKind.CommandRejected)
        {
            _refusals.Add(Line(controlEvent.Time, text));
        }

        writer?.WriteLine(Line(controlEvent.Time, text));
    }

    private string Describe(in ControlEvent e, int programIndex) => e.Kind switch
    {
        ControlEventKind.StateChanged => $"state {e.From} -> {e.To}",
        ControlEventKind.AlarmRaised => string.Create(
            CultureInfo.InvariantCulture, $"alarm {e.Alarm} raised ({AlarmCatalog.PriorityOf(e.Alarm)} priority, value {e.Value:0.####})"),
        ControlEventKind.AlarmCleared => $"alarm {e.Alarm} cleared",
        ControlEventKind.AlarmsAcknowledged => "alarms acknowledged",
        ControlEventKind.CommandAccepted => $"command {Command(e.Command)} accepted",
        ControlEventKind.CommandRejected => $"command {Command(e.Command)} refused: "
            + CommandRefusals.Describe(ResourceText.English, e.Outcome, e.Command, e.From, programIndex, programs, plans).ToString(),
        ControlEventKind.SessionStarted => string.Create(CultureInfo.InvariantCulture, $"session started at setpoint {e.Value:0.000} MPa"),
        ControlEventKind.SessionEnded => string.Create(CultureInfo.InvariantCulture, $"session ended after {e.Value:0.0} s of spraying"),
        ControlEventKind.BottleUnderPressure => BottleWarning.Text(e.Value, e.Alarm == AlarmCode.SensorFault),
        _ => e.Kind.ToString(),
    };

    private string Command(in ControlCommand command) => command.Kind switch
    {
        CommandKind.SetSetpoint => string.Create(CultureInfo.InvariantCulture, $"set_pressure {command.Value:0.###}"),
        CommandKind.SelectProgram => "select_program " + ((uint)command.Index < (uint)programs.Count ? programs[command.Index].Name : "?"),
        CommandKind.SelectSource => "select_source " + Simulator.Plant.PlantParameters.SnakeCase(command.Source.ToString()),
        CommandKind.AcknowledgeAlarms => "ack_alarms",
        CommandKind.Shutdown => "shutdown",
        CommandKind.StartPlan => "start_plan " + PlanName(command.Index),
        CommandKind.NextPlanStep => string.Create(CultureInfo.InvariantCulture, $"next_step (to step {command.PlanStepIndex + 1} of {PlanName(command.Index)})"),
        CommandKind.PreviousPlanStep => string.Create(CultureInfo.InvariantCulture, $"previous_step (to step {command.PlanStepIndex + 1} of {PlanName(command.Index)})"),
        CommandKind.EndPlan => "end_plan",
        _ => command.Kind.ToString(),
    };

    private string PlanName(int plan) => plans?.PlanName(plan) is { Length: > 0 } name ? name : "?";

    private static string Line(double timeS, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{timeS,10:0.000} s  {text}");
}
