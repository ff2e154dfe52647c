using System.Globalization;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The rules a command must satisfy. One pure function, used twice: by the API to answer at once
/// with a message, and by the control step, which has the final word on the state it is in.
/// </summary>
public static class CommandRules
{
    public static CommandOutcome Check(
        in ControlCommand command,
        DeviceState state,
        int programIndex,
        GasSource source,
        IReadOnlyList<ProgramDefinition> programs)
    {
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
                // Gains change only while the engineer has the device (issue 5): never under a
                // technician's session, where a switch would be a bump in the pressure they spray at.
                return state is DeviceState.Service ? CommandOutcome.Accepted : CommandOutcome.NotAllowedInState;

            default:
                return CommandOutcome.NotAllowedInState;
        }
    }

    /// <summary>A sentence for the technician; allocates, so never called on the tick.</summary>
    public static string Describe(
        CommandOutcome outcome,
        in ControlCommand command,
        DeviceState state,
        int programIndex,
        IReadOnlyList<ProgramDefinition> programs)
    {
        var inv = CultureInfo.InvariantCulture;
        var program = (uint)programIndex < (uint)programs.Count ? programs[programIndex] : null;
        var requested = (uint)command.Index < (uint)programs.Count ? programs[command.Index] : null;
        return outcome switch
        {
            CommandOutcome.Accepted => "accepted",
            CommandOutcome.SetpointNotANumber => "mpa: the setpoint must be a number of MPa",
            CommandOutcome.SetpointOutOfRange => string.Format(inv,
                "mpa: {0} MPa is outside the allowed range {1:0.00}–{2:0.00} MPa; nothing was changed",
                command.Value, PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa),
            CommandOutcome.SetpointAboveProgramCeiling => string.Format(inv,
                "mpa: {0} MPa is above the ceiling of program '{1}' ({2:0.00} MPa); the allowed range is {3:0.00}–{2:0.00} MPa",
                command.Value, program?.Name, program?.CeilingMpa, PressureLimits.MinSetpointMpa),
            CommandOutcome.UnknownProgram => $"name: unknown program; choose one of {string.Join(", ", programs.Select(p => p.Name))}",
            CommandOutcome.ProgramRequiresOxygen when command.Kind == CommandKind.SelectProgram =>
                $"name: program '{requested?.Name}' requires oxygen (acne bacteria are anaerobic): select the oxygen source first",
            CommandOutcome.ProgramRequiresOxygen =>
                $"source: program '{program?.Name}' requires oxygen (acne bacteria are anaerobic); compressed air is refused",
            CommandOutcome.UnknownSource => "source: must be 'oxygen' or 'compressor'",
            CommandOutcome.NotAllowedInState => $"{KindName(command.Kind)} is not allowed while the device is {state}",
            CommandOutcome.InvalidServiceRequest => command.Service.Problem() ?? "the service request is invalid",
            CommandOutcome.ServiceBusy => "a service procedure is already running: abort it first",
            CommandOutcome.NothingToApply => "no regulator settings have been proposed",
            _ => outcome.ToString(),
        };
    }

    private static string KindName(CommandKind kind) => kind switch
    {
        CommandKind.SetSetpoint => "changing the setpoint",
        CommandKind.SelectProgram => "changing the program",
        CommandKind.SelectSource => "changing the gas source",
        CommandKind.Shutdown => "shutting down",
        CommandKind.EnterService => "entering service mode",
        CommandKind.ExitService => "leaving service mode",
        CommandKind.StartServiceProcedure => "starting a service procedure (enter service mode first)",
        CommandKind.ApplyRegulatorSettings => "changing the regulator settings (enter service mode first)",
        _ => kind.ToString(),
    };
}
