using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using YamlDotNet.RepresentationModel;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Reads the <c>steps:</c> list. Each step has <c>at</c> and exactly one of <c>action</c>,
/// <c>fault</c> or <c>clear_fault</c>, and only the keys that kind of step uses.
/// </summary>
internal sealed class StepReader(YamlReader reader, IReadOnlyList<ProgramDefinition> programs, IReadOnlyList<PlanDefinition> plans, double durationS)
{
    /// <summary>The actions of DESIGN §3.1, in the order the design lists them.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        ["power_on", "power_off", "select_source", "select_program", "set_pressure", "pedal_down", "pedal_up", "ack_alarms", "shutdown",
         "start_plan", "next_step", "previous_step", "end_plan", "start_day_check", "start_day_purge", "stop_day_routine"];

    private static readonly string[] Kinds = ["action", "fault", "clear_fault"];
    private static readonly string[] AnyStepKeys = ["at", "action", "fault", "clear_fault", "target", "value"];
    private static readonly string[] ActionKeys = ["at", "action", "value"];
    private static readonly string[] FaultKeys = ["at", "fault", "target", "value"];
    private static readonly string[] ClearKeys = ["at", "clear_fault", "target"];
    private static readonly string[] Sources = ["oxygen", "compressor"];

    public IReadOnlyList<ScenarioStep> Read(YamlField field)
    {
        var list = reader.Sequence(field.Value, "steps");
        if (list is null)
        {
            return [];
        }

        var steps = new List<ScenarioStep>();
        foreach (var item in list.Children)
        {
            if (ReadStep(item) is { } step)
            {
                steps.Add(step);
            }
        }

        // Stable: steps at the same instant run in the order written (source before program, say).
        return [.. steps.OrderBy(s => s.AtS)];
    }

    private ScenarioStep? ReadStep(YamlNode node)
    {
        var present = node is YamlMappingNode mapping
            ? Kinds.Where(k => mapping.Children.Keys.OfType<YamlScalarNode>().Any(key => key.Value == k)).ToList()
            : [];
        var allowed = present.Count == 1 ? present[0] switch
        {
            "action" => ActionKeys,
            "fault" => FaultKeys,
            _ => ClearKeys,
        } : AnyStepKeys;

        var fields = reader.Fields(node, present.Count == 1 ? $"{(present[0] == "action" ? "an" : "a")} {present[0]} step" : "a step", allowed);
        if (fields is null)
        {
            return null;
        }

        if (present.Count != 1)
        {
            reader.Report(node, present.Count == 0
                ? "a step needs one of action, fault or clear_fault"
                : $"a step has exactly one of action, fault or clear_fault, this one has {string.Join(" and ", present)}");
            return null;
        }

        double? at = null;
        if (fields["at"] is { } atField)
        {
            at = reader.TimeWithin(atField.Value, "step time 'at'", durationS);
        }
        else
        {
            reader.Report(node, "a step needs 'at', the time it happens (e.g. at: 2s)");
        }

        var kind = fields[present[0]]!;
        var action = present[0] switch
        {
            "action" => ReadAction(kind, fields["value"]),
            "fault" => ReadFault(kind, fields["target"], fields["value"]),
            _ => ReadClear(kind, fields["target"]),
        };

        return at is { } time && action is not null ? new ScenarioStep(time, action, reader.LocationOf(node)) : null;
    }

    private ScenarioAction? ReadAction(YamlField field, YamlField? value)
    {
        var name = reader.Text(field.Value, "action");
        switch (name)
        {
            case null:
                return null;
            case "power_on" or "power_off" or "pedal_down" or "pedal_up" or "ack_alarms" or "shutdown" or "next_step" or "previous_step" or "end_plan"
                or "start_day_check" or "start_day_purge" or "stop_day_routine":
                if (value is not null)
                {
                    reader.Report(value.KeyNode, $"{name} takes no value");
                    return null;
                }

                return name switch
                {
                    "power_on" => new PowerSwitchAction(true),
                    "power_off" => new PowerSwitchAction(false),
                    "pedal_down" => new PedalAction(true),
                    "pedal_up" => new PedalAction(false),
                    "ack_alarms" => new AcknowledgeAlarmsAction(),
                    "next_step" => new PlanStepAction(CommandKind.NextPlanStep),
                    "previous_step" => new PlanStepAction(CommandKind.PreviousPlanStep),
                    "end_plan" => new PlanStepAction(CommandKind.EndPlan),
                    "start_day_check" => new DayRoutineAction(CommandKind.StartDayCheck),
                    "start_day_purge" => new DayRoutineAction(CommandKind.StartDayPurge),
                    "stop_day_routine" => new DayRoutineAction(CommandKind.StopDayRoutine),
                    _ => new ShutdownAction(),
                };
            case "select_source":
                return RequiredValue(value, field, name, "oxygen or compressor") is { } sourceNode ? ReadSource(sourceNode) : null;
            case "select_program":
                return RequiredValue(value, field, name, "a program name") is { } programNode ? ReadProgram(programNode) : null;
            case "start_plan":
                return RequiredValue(value, field, name, "a plan name") is { } planNode ? ReadPlan(planNode) : null;
            case "set_pressure":
                // Only a non-number is a bad file; an out-of-range pressure is for the controller to refuse.
                return RequiredValue(value, field, name, "a pressure in MPa") is { } mpaNode
                    && reader.Number(mpaNode, "set_pressure value (MPa)") is { } mpa
                    ? new SetPressureAction(mpa)
                    : null;
            default:
                reader.Report(field.Value, $"unknown action '{name}' ({Spelling.DidYouMean(name, Actions)}expected {YamlReader.OneOf(Actions)})");
                return null;
        }
    }

    private YamlNode? RequiredValue(YamlField? value, YamlField action, string name, string what)
    {
        if (value is null)
        {
            reader.Report(action.Value, $"{name} needs a value: {what}");
        }

        return value?.Value;
    }

    private SelectSourceAction? ReadSource(YamlNode node)
    {
        var text = reader.Text(node, "select_source value");
        switch (text)
        {
            case null:
                return null;
            case "oxygen":
                return new SelectSourceAction(GasSource.Oxygen);
            case "compressor":
                return new SelectSourceAction(GasSource.Compressor);
            default:
                reader.Report(node, $"unknown gas source '{text}' (expected {YamlReader.OneOf(Sources)})");
                return null;
        }
    }

    private SelectProgramAction? ReadProgram(YamlNode node)
    {
        var text = reader.Text(node, "select_program value");
        if (text is null)
        {
            return null;
        }

        var program = programs.FirstOrDefault(p => string.Equals(p.Name, text, StringComparison.OrdinalIgnoreCase));
        if (program is null)
        {
            var names = programs.Select(p => p.Name).ToList();
            reader.Report(node, $"unknown program '{text}' ({Spelling.DidYouMean(text, names)}expected {YamlReader.OneOf(names)})");
            return null;
        }

        return new SelectProgramAction(program.Name);
    }

    private StartPlanAction? ReadPlan(YamlNode node)
    {
        var text = reader.Text(node, "start_plan value");
        if (text is null)
        {
            return null;
        }

        var plan = plans.FirstOrDefault(p => string.Equals(p.Name, text, StringComparison.OrdinalIgnoreCase));
        if (plan is null)
        {
            var names = plans.Select(p => p.Name).ToList();
            reader.Report(node, $"unknown plan '{text}' ({Spelling.DidYouMean(text, names)}expected {YamlReader.OneOf(names)})");
            return null;
        }

        return new StartPlanAction(plan.Name);
    }

    private InjectFaultAction? ReadFault(YamlField field, YamlField? targetField, YamlField? valueField)
    {
        var kind = ReadFaultKind(field);
        var target = ReadTarget(targetField);
        if (kind is not { } faultKind || target is not { } faultTarget)
        {
            return null;
        }

        var value = 0.0;
        if (valueField is not null)
        {
            if (!FaultText.TakesValue(faultKind))
            {
                reader.Report(valueField.KeyNode, $"{FaultNames.ToName(faultKind)} takes no value");
                return null;
            }

            // A stall is a length of time and follows the duration rule (unit required); the others are sizes.
            var read = faultKind == FaultKind.LoopStall
                ? reader.Duration(valueField.Value, "loop_stall value")
                : reader.Number(valueField.Value, $"{FaultNames.ToName(faultKind)} value");
            if (read is null)
            {
                return null;
            }

            value = read.Value;
        }

        var fault = new FaultSpec(faultKind, faultTarget, value);
        if (fault.Problem() is { } problem)
        {
            reader.Report(field.Value, problem);
            return null;
        }

        return new InjectFaultAction(fault);
    }

    private ClearFaultAction? ReadClear(YamlField field, YamlField? targetField)
    {
        var kind = ReadFaultKind(field);
        var target = ReadTarget(targetField);
        if (kind is not { } faultKind || target is not { } faultTarget)
        {
            return null;
        }

        if (faultKind == FaultKind.LoopStall)
        {
            reader.Report(field.Value, "loop_stall ends by itself after its value; there is nothing to clear");
            return null;
        }

        if (FaultText.TargetProblem(faultKind, faultTarget) is { } problem)
        {
            reader.Report(targetField!.Value, problem);
            return null;
        }

        return new ClearFaultAction(faultKind, faultTarget);
    }

    private FaultKind? ReadFaultKind(YamlField field)
    {
        var name = reader.Text(field.Value, field.Key);
        if (name is null)
        {
            return null;
        }

        if (FaultNames.TryParseKind(name, out var kind))
        {
            return kind;
        }

        reader.Report(field.Value, $"unknown fault '{name}' ({Spelling.DidYouMean(name, FaultNames.AllKinds)}expected {YamlReader.OneOf(FaultNames.AllKinds)})");
        return null;
    }

    private FaultTarget? ReadTarget(YamlField? field)
    {
        if (field is null)
        {
            return FaultTarget.None;
        }

        var name = reader.Text(field.Value, "target");
        if (name is null)
        {
            return null;
        }

        if (FaultNames.TryParseTarget(name, out var target))
        {
            return target;
        }

        reader.Report(field.Value, $"unknown target '{name}' (expected {YamlReader.OneOf(FaultNames.AllTargets)})");
        return null;
    }
}
