using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The technician's and the engineer's commands, applied at the start of a tick: each is checked
/// against the state (<see cref="CommandRules"/>), then carried out or refused, and logged either way.
/// </summary>
public sealed class CommandHandler(
    EventRing events, TreatmentSelection selection, StateSequencer sequencer, SafetySupervisor supervisor,
    GasDelivery delivery, PressureRegulator regulator, ValveTiming valves, TransducerChecks transducers, ServiceSequencer service, RegulatorSettingsHandOff tuning,
    PlanFollower plan, TreatmentSession session, UsageMeter usage, DayRoutines daily)
{
    /// <summary>Checks a command against the state as of the last tick.</summary>
    public CommandOutcome Check(in ControlCommand command)
    {
        var outcome = CommandRules.Check(in command, sequencer.State, selection.Program, selection.Source, selection.Programs, plan.Plans, in plan.Progress);
        return outcome == CommandOutcome.Accepted && daily.Running && command.Kind is CommandKind.StartDayCheck or CommandKind.StartDayPurge
            ? CommandOutcome.DayRoutineRunning
            : outcome;
    }

    public void Apply(in ControlCommand received, double now)
    {
        var state = sequencer.State;

        // A plan command is carried out and logged with its target (plan and step) filled in.
        var command = received.ResolvedFor(in plan.Progress);
        var outcome = Check(in command);
        if (outcome == CommandOutcome.Accepted && command.Kind == CommandKind.StartServiceProcedure && service.Running)
        {
            outcome = CommandOutcome.ServiceBusy;
        }

        if (outcome == CommandOutcome.Accepted && state == DeviceState.Service)
        {
            outcome = ServiceSession(in command);
        }

        if (outcome == CommandOutcome.Accepted && command.Kind == CommandKind.RenewServiceLease)
        {
            // A sign of life, every few seconds: not worth an event each.
            service.Renew(now);
            return;
        }

        if (outcome == CommandOutcome.Accepted && command.Kind == CommandKind.ApplyRegulatorSettings && !tuning.HasProposal)
        {
            outcome = CommandOutcome.NothingToApply;
        }

        if (outcome != CommandOutcome.Accepted)
        {
            events.Write(new ControlEvent(now, ControlEventKind.CommandRejected, state, state, Command: command, Outcome: outcome));
            return;
        }

        switch (command.Kind)
        {
            case CommandKind.SetSetpoint:
                if (selection.ChangeSetpoint(command.Value))
                {
                    sequencer.SetpointRaised();
                }

                break;
            case CommandKind.SelectProgram:
                if (selection.SelectProgram(command.Index))
                {
                    sequencer.SetpointRaised();
                }

                break;
            case CommandKind.SelectSource:
                if (selection.SelectSource(command.Source))
                {
                    delivery.SourceSwitched(valves.Last.InletOpening, now);

                    // The new gas must bring the manifold up itself before the device is ready again;
                    // a charge under way resumes after.
                    if (sequencer.State is DeviceState.Ready or DeviceState.Charging)
                    {
                        sequencer.Enter(DeviceState.Pressurizing, now);
                    }
                }

                break;
            case CommandKind.AcknowledgeAlarms:
                supervisor.Alarms.Acknowledge(now, events);
                events.Write(new ControlEvent(now, ControlEventKind.AlarmsAcknowledged, sequencer.State, sequencer.State));
                break;
            case CommandKind.Shutdown:
                sequencer.Enter(DeviceState.ShuttingDown, now);
                break;
            case CommandKind.EnterService:
                if (sequencer.State == DeviceState.Fault)
                {
                    // The engineer takes the faulted device over: what was latched and has cleared must
                    // not throw it straight back into Fault.
                    supervisor.Alarms.Acknowledge(now, events);
                }

                sequencer.Enter(DeviceState.Service, now);
                service.Claim(command.Service.Owner, command.Service.LeaseS, now);
                break;
            case CommandKind.ExitService:
                service.Leave(ServiceEnd.Exited, now);
                break;
            case CommandKind.StartServiceProcedure:
                service.Start(command.Service, now);
                regulator.Engage(transducers.POutMpa, transducers.PBottleMpa, now);
                break;
            case CommandKind.AbortServiceProcedure:
                service.Stop(ServiceFailure.Aborted, now);
                break;
            case CommandKind.ApplyRegulatorSettings:
                tuning.Apply(command.KeepsRegulatorSettings);
                break;
            case CommandKind.StartPlan:
                plan.Start(command.Index, now, in session.Tally, in usage.Counters);
                GoToStep(in command, now);
                break;
            case CommandKind.NextPlanStep or CommandKind.PreviousPlanStep:
                plan.MoveTo(command.PlanStepIndex);
                GoToStep(in command, now);
                break;
            case CommandKind.EndPlan:
                plan.End(now);
                break;
            case CommandKind.StartDayCheck:
                daily.StartCheck(now, selection.Source);
                break;
            case CommandKind.StartDayPurge:
                // The guide's "close the cylinder": no gas comes in; Idle leaves the lines to the purge.
                selection.SelectSource(GasSource.None);
                sequencer.Enter(DeviceState.Idle, now);
                daily.StartPurge(now);
                break;
            case CommandKind.StopDayRoutine:
                daily.Stop(now);
                break;
        }

        events.Write(new ControlEvent(now, ControlEventKind.CommandAccepted, sequencer.State, sequencer.State, Command: command));
    }

    /// <summary>The session's commands come from the engineer who holds it, and none start while it is ending.</summary>
    private CommandOutcome ServiceSession(in ControlCommand command)
    {
        var sessionCommand = command.Kind is CommandKind.ExitService or CommandKind.RenewServiceLease
            or CommandKind.StartServiceProcedure or CommandKind.AbortServiceProcedure;
        if (!sessionCommand)
        {
            return CommandOutcome.Accepted;
        }

        if (service.HeldByOther(command.Service.Owner))
        {
            return CommandOutcome.ServiceHeldByOther;
        }

        return service.Leaving && command.Kind is CommandKind.StartServiceProcedure or CommandKind.RenewServiceLease
            ? CommandOutcome.ServiceLeaving
            : CommandOutcome.Accepted;
    }

    /// <summary>
    /// The step's program and setpoint, as the technician's own commands (checked, carried out and
    /// logged like them): a lower ceiling is then met by venting down first, as for any program change.
    /// </summary>
    private void GoToStep(in ControlCommand command, double now)
    {
        var step = plan.Plans.Step(command.Index, command.PlanStepIndex);
        if (step.ProgramIndex != selection.Program)
        {
            Apply(ControlCommand.SelectProgram(step.ProgramIndex), now);
        }

        if (Math.Abs(step.SetpointMpa - selection.SetpointMpa) > 1e-9)
        {
            Apply(ControlCommand.SetSetpoint(step.SetpointMpa), now);
        }
    }
}
