using HydroOxygen.Controller.Core;
using Microsoft.Extensions.Logging;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Hosting;

/// <summary>Writes the loop's events to the log, in words a technician or engineer can read.</summary>
public sealed class EventLogSink(ControllerRuntime runtime, ILogger<EventLogSink> logger) : IControlEventSink
{
    public void Handle(in ControlEvent controlEvent, in ControllerStatus status)
    {
        var programs = runtime.Core.Programs;
        switch (controlEvent.Kind)
        {
            case ControlEventKind.StateChanged:
                logger.LogInformation(
                    "State {From} → {To} at {Time:F3} s (P_out {POut:F3} MPa, setpoint {Setpoint:F2} MPa)",
                    controlEvent.From,
                    controlEvent.To,
                    controlEvent.Time,
                    status.POutMpa,
                    status.SetpointMpa);
                break;
            case ControlEventKind.AlarmRaised:
                var priority = AlarmCatalog.PriorityOf(controlEvent.Alarm);
                logger.Log(
                    priority == AlarmPriority.High ? LogLevel.Error : LogLevel.Warning,
                    "Alarm {Alarm} ({Priority}) raised at {Time:F3} s, value {Value:F4}",
                    controlEvent.Alarm,
                    priority,
                    controlEvent.Time,
                    controlEvent.Value);
                break;
            case ControlEventKind.AlarmCleared:
                logger.LogInformation("Alarm {Alarm} cleared at {Time:F3} s", controlEvent.Alarm, controlEvent.Time);
                break;
            case ControlEventKind.AlarmsAcknowledged:
                logger.LogInformation("Alarms acknowledged at {Time:F3} s", controlEvent.Time);
                break;
            case ControlEventKind.CommandAccepted:
                logger.LogInformation("Command {Command} accepted at {Time:F3} s", Describe(controlEvent.Command, programs, runtime.Core.Plans), controlEvent.Time);
                break;
            case ControlEventKind.CommandRejected:
                var command = controlEvent.Command;
                logger.LogWarning(
                    "Command {Command} refused: {Reason}",
                    Describe(command, programs, runtime.Core.Plans),
                    CommandRefusals.Describe(ResourceText.English, controlEvent.Outcome, in command, controlEvent.From, status.ProgramIndex, programs, runtime.Core.Plans).ToString());
                break;
            case ControlEventKind.SessionStarted:
                logger.LogInformation("Session started at {Time:F3} s", controlEvent.Time);
                break;
            case ControlEventKind.SessionEnded:
                logger.LogInformation("Session ended at {Time:F3} s after {Spray:F1} s of spraying", controlEvent.Time, controlEvent.Value);
                break;
            case ControlEventKind.BottleUnderPressure:
                logger.LogWarning(
                    "In {State} at {Time:F3} s: {Warning}",
                    controlEvent.To,
                    controlEvent.Time,
                    BottleWarning.Text(controlEvent.Value, controlEvent.Alarm == AlarmCode.SensorFault));
                break;
        }
    }

    private static string Describe(in ControlCommand command, IReadOnlyList<ProgramDefinition> programs, PlanTable plans) => command.Kind switch
    {
        CommandKind.StartPlan => $"start plan {plans.PlanName(command.Index)}",
        CommandKind.NextPlanStep or CommandKind.PreviousPlanStep =>
            $"{command.Kind} (plan {plans.PlanName(command.Index)}, to step {command.PlanStepIndex + 1})",
        CommandKind.SetSetpoint => $"setpoint {command.Value:0.000} MPa",
        CommandKind.SelectProgram => $"program {((uint)command.Index < (uint)programs.Count ? programs[command.Index].Name : command.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
        CommandKind.SelectSource => $"source {command.Source}",
        _ => command.Kind.ToString(),
    };
}
