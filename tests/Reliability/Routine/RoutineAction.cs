using System.Globalization;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// One routine action followed by a pause. Printed in the words of a scenario file, so that a shrunk
/// counterexample reads like a script a tester can replay.
/// </summary>
/// <param name="PauseS">Virtual seconds the loop runs after the action, before the next one.</param>
/// <param name="Value">The pedal tap's length, the power cycle's off time, or the setpoint's fraction of the program's range.</param>
/// <param name="Steps">For <see cref="RoutineActionKind.NudgePressure"/>: 5 kPa steps, up (positive) or down.</param>
/// <param name="Program">Program index, for <see cref="RoutineActionKind.SelectProgram"/>.</param>
public sealed record RoutineAction(
    RoutineActionKind Kind,
    double PauseS,
    double Value = 0.0,
    int Steps = 0,
    int Program = 0,
    GasSource Source = GasSource.None)
{
    /// <summary>The setpoint step of <see cref="RoutineActionKind.NudgePressure"/>, MPa: the finest a technician's knob gives.</summary>
    public const double StepMpa = 0.005;

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var programs = ProgramDefinition.Defaults;
        var what = Kind switch
        {
            RoutineActionKind.Wait => "wait",
            RoutineActionKind.PowerOn => "power_on",
            RoutineActionKind.PowerOff => "power_off",
            RoutineActionKind.PowerCycle => string.Create(inv, $"power_off, power_on after {Value:0.###}s"),
            RoutineActionKind.Shutdown => "shutdown",
            RoutineActionKind.SelectSource => $"select_source {Source.ToString().ToLowerInvariant()}",
            RoutineActionKind.SelectProgram => $"select_program {((uint)Program < (uint)programs.Count ? programs[Program].Name : Program.ToString(inv))}",
            RoutineActionKind.SetPressure => string.Create(inv, $"set_pressure at {Value:0.###} of the program's range"),
            RoutineActionKind.NudgePressure => string.Create(inv, $"set_pressure {Steps:+0;-0} × 5 kPa"),
            RoutineActionKind.PedalDown => "pedal_down",
            RoutineActionKind.PedalUp => "pedal_up",
            RoutineActionKind.PedalTap => string.Create(inv, $"pedal tap {Value:0.###}s"),
            RoutineActionKind.AcknowledgeAlarms => "ack_alarms",
            _ => Kind.ToString(),
        };
        return string.Create(inv, $"{what}; +{PauseS:0.###}s");
    }
}
