using System.Globalization;
using System.Text.RegularExpressions;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// Reads a sequence back from the words <see cref="RoutineSequence.ToString"/> prints, so that a
/// failing sequence a run reports can be kept as a regression case exactly as it was printed.
/// Lines starting with <c>#</c> are comments.
/// </summary>
public static partial class RoutineSequenceText
{
    public static RoutineSequence Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inv = CultureInfo.InvariantCulture;
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var header = Header().Match(lines.Count > 0 ? lines[0] : "");
        if (!header.Success)
        {
            throw new FormatException("a sequence starts with 'plant seed N, sensor noise X kPa RMS'");
        }

        var actions = new List<RoutineAction>();
        foreach (var line in lines.Skip(1))
        {
            var step = Step().Match(line);
            if (!step.Success)
            {
                throw new FormatException($"not an action: '{line}'");
            }

            actions.Add(Action(step.Groups["what"].Value, double.Parse(step.Groups["pause"].Value, inv)));
        }

        return new RoutineSequence(int.Parse(header.Groups["seed"].Value, inv), double.Parse(header.Groups["noise"].Value, inv), actions);
    }

    private static RoutineAction Action(string what, double pause)
    {
        var inv = CultureInfo.InvariantCulture;
        Match m;
        if ((m = Cycle().Match(what)).Success)
        {
            return new RoutineAction(RoutineActionKind.PowerCycle, pause, Value: double.Parse(m.Groups[1].Value, inv));
        }

        if ((m = Tap().Match(what)).Success)
        {
            return new RoutineAction(RoutineActionKind.PedalTap, pause, Value: double.Parse(m.Groups[1].Value, inv));
        }

        if ((m = Fraction().Match(what)).Success)
        {
            return new RoutineAction(RoutineActionKind.SetPressure, pause, Value: double.Parse(m.Groups[1].Value, inv));
        }

        if ((m = Nudge().Match(what)).Success)
        {
            return new RoutineAction(RoutineActionKind.NudgePressure, pause, Steps: int.Parse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, inv));
        }

        if (what.StartsWith("select_program ", StringComparison.Ordinal))
        {
            var name = what["select_program ".Length..];
            var index = ProgramDefinition.Defaults.ToList().FindIndex(p => p.Name == name);
            return new RoutineAction(RoutineActionKind.SelectProgram, pause, Program: index >= 0 ? index : throw new FormatException($"unknown program '{name}'"));
        }

        if (what.StartsWith("select_source ", StringComparison.Ordinal))
        {
            return new RoutineAction(RoutineActionKind.SelectSource, pause, Source: Enum.Parse<GasSource>(what["select_source ".Length..], ignoreCase: true));
        }

        return what switch
        {
            "wait" => new RoutineAction(RoutineActionKind.Wait, pause),
            "power_on" => new RoutineAction(RoutineActionKind.PowerOn, pause),
            "power_off" => new RoutineAction(RoutineActionKind.PowerOff, pause),
            "shutdown" => new RoutineAction(RoutineActionKind.Shutdown, pause),
            "pedal_down" => new RoutineAction(RoutineActionKind.PedalDown, pause),
            "pedal_up" => new RoutineAction(RoutineActionKind.PedalUp, pause),
            "ack_alarms" => new RoutineAction(RoutineActionKind.AcknowledgeAlarms, pause),
            _ => throw new FormatException($"not an action: '{what}'"),
        };
    }

    [GeneratedRegex(@"^plant seed (?<seed>\d+), sensor noise (?<noise>[0-9.]+) kPa RMS")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\d+\.\s+(?<what>.+); \+(?<pause>[0-9.]+)s$")]
    private static partial Regex Step();

    [GeneratedRegex(@"^power_off, power_on after ([0-9.]+)s$")]
    private static partial Regex Cycle();

    [GeneratedRegex(@"^pedal tap ([0-9.]+)s$")]
    private static partial Regex Tap();

    [GeneratedRegex(@"^set_pressure at ([0-9.]+) of the program's range$")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"^set_pressure ([+-]\d+) × 5 kPa$")]
    private static partial Regex Nudge();
}
