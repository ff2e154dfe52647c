using System.Globalization;
using HydroOxygen.Controller.Core;
using Microsoft.Extensions.Localization;

namespace HydroOxygen.Controller.Localization;

/// <summary>A command's refusal in words: the request field it concerns (if any) and the sentence.</summary>
public readonly record struct Refusal(string? Field, string Sentence)
{
    /// <summary><c>field: sentence</c>, the form the API's <c>detail</c> and the logs use.</summary>
    public override string ToString() => Field is null ? Sentence : $"{Field}: {Sentence}";
}

/// <summary>
/// Why the control core refused a command: the core
/// gives the outcome code and its arguments (the command, the state, the program), this edge puts
/// them into words, in the language of the text given. Allocates; never called on the tick.
/// </summary>
public static class CommandRefusals
{
    public static Refusal Describe(
        IStringLocalizer text,
        CommandOutcome outcome,
        in ControlCommand command,
        DeviceState state,
        int programIndex,
        IReadOnlyList<ProgramDefinition> programs,
        PlanTable? plans = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(programs);
        if (command.IsPlanCommand && PlanRefusal(text, outcome, in command, state, programs, plans) is { } planRefusal)
        {
            return planRefusal;
        }

        var program = (uint)programIndex < (uint)programs.Count ? programs[programIndex] : null;
        var requested = (uint)command.Index < (uint)programs.Count ? programs[command.Index] : null;
        var value = command.Value.ToString(CultureInfo.InvariantCulture);
        var min = PressureLimits.MinSetpointMpa.ToString("0.00", CultureInfo.InvariantCulture);
        var max = PressureLimits.MaxSetpointMpa.ToString("0.00", CultureInfo.InvariantCulture);
        return outcome switch
        {
            CommandOutcome.SetpointNotANumber => new("mpa", text["Outcome.SetpointNotANumber"]),
            CommandOutcome.SetpointOutOfRange => new("mpa", text["Outcome.SetpointOutOfRange", value, min, max]),
            CommandOutcome.SetpointAboveProgramCeiling => new("mpa", text[
                "Outcome.SetpointAboveProgramCeiling",
                value,
                program is null ? "" : text.Program(program.Name),
                (program?.CeilingMpa ?? PressureLimits.MaxSetpointMpa).ToString("0.00", CultureInfo.InvariantCulture),
                min]),
            CommandOutcome.UnknownProgram => new("name", text["Outcome.UnknownProgram", string.Join(", ", programs.Select(p => p.Name))]),
            CommandOutcome.ProgramRequiresOxygen when command.Kind == CommandKind.SelectProgram =>
                new("name", text["Outcome.ProgramRequiresOxygen.Program", requested is null ? "" : text.Program(requested.Name)]),
            CommandOutcome.ProgramRequiresOxygen => new("source", text["Outcome.ProgramRequiresOxygen", program is null ? "" : text.Program(program.Name)]),
            CommandOutcome.UnknownSource => new("source", text["Outcome.UnknownSource"]),
            CommandOutcome.NotAllowedInState => new(null, text["Outcome.NotAllowedInState", text["Command." + command.Kind].Value, text.State(state)]),
            CommandOutcome.InvalidServiceRequest => new(null, command.Service.Problem() is { } problem
                ? text["Outcome.InvalidServiceRequest", problem]
                : text["Outcome.InvalidServiceRequest", "?"]),
            _ => new(null, text["Outcome." + outcome]),
        };
    }

    /// <summary>A plan command's refusal: the step it was going to, and its program, named.</summary>
    private static Refusal? PlanRefusal(
        IStringLocalizer text, CommandOutcome outcome, in ControlCommand command, DeviceState state, IReadOnlyList<ProgramDefinition> programs, PlanTable? plans)
    {
        var plan = plans?.PlanName(command.Index) ?? "";
        var hasStep = plans is not null && plans.HasStep(command.Index, command.PlanStepIndex);
        var step = hasStep ? plans!.Step(command.Index, command.PlanStepIndex) : default;
        var region = hasStep ? text.Region(plans!.RegionName(step.RegionIndex)) : "";
        var number = (command.PlanStepIndex + 1).ToString(CultureInfo.InvariantCulture);
        var program = hasStep && (uint)step.ProgramIndex < (uint)programs.Count ? text.Program(programs[step.ProgramIndex].Name) : "";
        return outcome switch
        {
            CommandOutcome.UnknownPlan => new("plan", text["Outcome.UnknownPlan", plans is null ? "" : string.Join(", ", plans.Plans.Select(p => p.Name))]),
            CommandOutcome.ProgramRequiresOxygen => new(null, text["Outcome.ProgramRequiresOxygen.PlanStep", number, region, program]),
            CommandOutcome.NotAllowedInState when hasStep =>
                new(null, text["Outcome.NotAllowedInState.PlanStep", number, region, text.State(state)]),
            CommandOutcome.NoPlanRunning or CommandOutcome.PlanAtLastStep or CommandOutcome.PlanAtFirstStep =>
                new(null, text["Outcome." + outcome, plan.Length > 0 ? text.Plan(plan) : ""]),
            _ => null,
        };
    }
}
