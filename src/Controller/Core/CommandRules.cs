namespace HydroOxygen.Controller.Core;

/// <summary>
/// The rules a command must satisfy. One pure function, used twice: by the API to answer at once,
/// and by the control step, which has the final word on the state it is in. A refusal is a
/// <see cref="CommandOutcome"/> code; its words are the edge's (Localization/CommandRefusals).
/// </summary>
public static class CommandRules
{
    public static CommandOutcome Check(
        in ControlCommand command,
        DeviceState state,
        int programIndex,
        GasSource source,
        IReadOnlyList<ProgramDefinition> programs)
        => Check(in command, state, programIndex, source, programs, plans: null, PlanProgress.None);

    /// <summary>The same, with the plans: a plan command is judged resolved (<see cref="ControlCommand.ResolvedFor"/>) against the plan's progress.</summary>
    public static CommandOutcome Check(
        in ControlCommand command,
        DeviceState state,
        int programIndex,
        GasSource source,
        IReadOnlyList<ProgramDefinition> programs,
        PlanTable? plans,
        in PlanProgress plan)
    {
        if (command.IsPlanCommand)
        {
            return CheckPlan(command.ResolvedFor(in plan), state, source, programs, plans, in plan);
        }

        switch (command.Kind)
        {
            case CommandKind.SetSetpoint:
                if (!double.IsFinite(command.Value))
                {
                    return CommandOutcome.SetpointNotANumber;
                }

                if (command.Value < PressureLimits.MinSetpointMpa - 1e-9 || command.Value > PressureLimits.MaxSetpointMpa + 1e-9)
                {
                    return CommandOutcome.SetpointOutOfRange;
                }

                if ((uint)programIndex < (uint)programs.Count && command.Value > programs[programIndex].CeilingMpa + 1e-9)
                {
                    return CommandOutcome.SetpointAboveProgramCeiling;
                }

                return state is DeviceState.ShuttingDown ? CommandOutcome.NotAllowedInState : CommandOutcome.Accepted;

            case CommandKind.SelectProgram:
                if ((uint)command.Index >= (uint)programs.Count)
                {
                    return CommandOutcome.UnknownProgram;
                }

                if (programs[command.Index].RequiresOxygen && source == GasSource.Compressor)
                {
                    return CommandOutcome.ProgramRequiresOxygen;
                }

                return state is DeviceState.Spraying or DeviceState.ShuttingDown or DeviceState.Service
                    ? CommandOutcome.NotAllowedInState
                    : CommandOutcome.Accepted;

            case CommandKind.SelectSource:
                if (command.Source is not (GasSource.Oxygen or GasSource.Compressor))
                {
                    return CommandOutcome.UnknownSource;
                }

                if (command.Source == source)
                {
                    // Choosing what is already chosen changes nothing, whatever the state.
                    return CommandOutcome.Accepted;
                }

                if (command.Source == GasSource.Compressor && (uint)programIndex < (uint)programs.Count && programs[programIndex].RequiresOxygen)
                {
                    return CommandOutcome.ProgramRequiresOxygen;
                }

                // Charging is a passing state: the new gas pressurizes the manifold and the charge
                // resumes after (DESIGN §2.5, a routine choice is never refused for its timing).
                return state is DeviceState.Spraying or DeviceState.ShuttingDown or DeviceState.Service
                    ? CommandOutcome.NotAllowedInState
                    : CommandOutcome.Accepted;

            case CommandKind.AcknowledgeAlarms:
                return CommandOutcome.Accepted;

            case CommandKind.Shutdown:
                return state is DeviceState.Off ? CommandOutcome.NotAllowedInState : CommandOutcome.Accepted;

            case CommandKind.EnterService when !(command.Service.LeaseS is >= 0.0 and <= ServiceRequest.MaxLeaseS):
                return CommandOutcome.InvalidServiceRequest;

            case CommandKind.RenewServiceLease:
                return state is DeviceState.Service ? CommandOutcome.Accepted : CommandOutcome.NotAllowedInState;

            case CommandKind.EnterService:
                // Not while spraying (the technician is working), nor while powering up or down.
                return state is DeviceState.Idle or DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging or DeviceState.Fault
                    ? CommandOutcome.Accepted
                    : CommandOutcome.NotAllowedInState;

            case CommandKind.ExitService:
                return state is DeviceState.Service ? CommandOutcome.Accepted : CommandOutcome.NotAllowedInState;

            case CommandKind.StartServiceProcedure:
                if (command.Service.Problem() is not null)
                {
                    return CommandOutcome.InvalidServiceRequest;
                }

                return state is DeviceState.Service ? CommandOutcome.Accepted : CommandOutcome.NotAllowedInState;

            case CommandKind.AbortServiceProcedure:
                return CommandOutcome.Accepted;

            case CommandKind.ApplyRegulatorSettings:
                // Gains change only while the engineer has the device: never under a
                // technician's session, where a switch would be a bump in the pressure they spray at.
                return state is DeviceState.Service ? CommandOutcome.Accepted : CommandOutcome.NotAllowedInState;

            case CommandKind.StartDayCheck:
                // Not while spraying, powering up or down, in Fault or in Service: the check runs over the normal states.
                if (state is not (DeviceState.Idle or DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging))
                {
                    return CommandOutcome.NotAllowedInState;
                }

                return source is GasSource.Oxygen or GasSource.Compressor ? CommandOutcome.Accepted : CommandOutcome.NoSourceChosen;

            case CommandKind.StartDayPurge:
                return state is DeviceState.Idle or DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging
                    ? CommandOutcome.Accepted
                    : CommandOutcome.NotAllowedInState;

            case CommandKind.StopDayRoutine:
                return CommandOutcome.Accepted;

            default:
                return CommandOutcome.NotAllowedInState;
        }
    }

    /// <summary>
    /// A plan's step is a program and a setpoint: moving to one is judged as choosing that program
    /// would be (acne needs oxygen; not while spraying, shutting down or in service).
    /// </summary>
    private static CommandOutcome CheckPlan(
        in ControlCommand resolved, DeviceState state, GasSource source, IReadOnlyList<ProgramDefinition> programs, PlanTable? plans, in PlanProgress plan)
    {
        if (plans is null)
        {
            return resolved.Kind == CommandKind.StartPlan ? CommandOutcome.UnknownPlan : CommandOutcome.NoPlanRunning;
        }

        switch (resolved.Kind)
        {
            case CommandKind.StartPlan when (uint)resolved.Index >= (uint)plans.Count:
                return CommandOutcome.UnknownPlan;
            case CommandKind.NextPlanStep or CommandKind.PreviousPlanStep or CommandKind.EndPlan when !plan.Running:
                return CommandOutcome.NoPlanRunning;
            case CommandKind.EndPlan:
                return CommandOutcome.Accepted;
            case CommandKind.NextPlanStep when !plans.HasStep(resolved.Index, resolved.PlanStepIndex):
                return CommandOutcome.PlanAtLastStep;
            case CommandKind.PreviousPlanStep when !plans.HasStep(resolved.Index, resolved.PlanStepIndex):
                return CommandOutcome.PlanAtFirstStep;
        }

        var step = plans.Step(resolved.Index, resolved.PlanStepIndex);
        if ((uint)step.ProgramIndex >= (uint)programs.Count)
        {
            return CommandOutcome.UnknownProgram;
        }

        if (programs[step.ProgramIndex].RequiresOxygen && source == GasSource.Compressor)
        {
            return CommandOutcome.ProgramRequiresOxygen;
        }

        // Not while Off either: a power-on starts from the configured program, without a plan.
        return state is DeviceState.Off or DeviceState.Spraying or DeviceState.ShuttingDown or DeviceState.Service
            ? CommandOutcome.NotAllowedInState
            : CommandOutcome.Accepted;
    }
}
