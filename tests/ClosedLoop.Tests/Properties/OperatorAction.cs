using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// One generated action followed by a pause. Printed in the words of a scenario file so that a
/// shrunk counterexample reads like a script a tester could replay.
/// </summary>
/// <param name="Value">Setpoint in MPa, or the fault's size, where the action has one.</param>
/// <param name="Program">Program index (may be outside the table, to exercise the refusal).</param>
/// <param name="PauseS">Virtual seconds the loop runs after the action before the next one.</param>
internal sealed record OperatorAction(
    OperatorActionKind Kind,
    double PauseS,
    double Value = 0.0,
    int Program = 0,
    GasSource Source = GasSource.None,
    FaultKind Fault = FaultKind.InletStuckOpen,
    FaultTarget Target = FaultTarget.None)
{
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var what = Kind switch
        {
            OperatorActionKind.Wait => "wait",
            OperatorActionKind.PowerOn => "power_on",
            OperatorActionKind.PowerOff => "power_off",
            OperatorActionKind.SelectSource => $"select_source {Source}",
            OperatorActionKind.SelectProgram => string.Create(inv, $"select_program #{Program}"),
            OperatorActionKind.SetPressure => string.Create(inv, $"set_pressure {Value:R}"),
            OperatorActionKind.PedalDown => "pedal_down",
            OperatorActionKind.PedalUp => "pedal_up",
            OperatorActionKind.Charge => string.Create(inv, $"charge (pedal tap {Value:0.000}s)"),
            OperatorActionKind.AcknowledgeAlarms => "ack_alarms",
            OperatorActionKind.Shutdown => "shutdown",
            OperatorActionKind.EnterService => "service_enter",
            OperatorActionKind.ExitService => "service_exit",
            OperatorActionKind.InjectFault => string.Create(inv, $"fault {FaultNames.ToName(Fault)}{TargetText}{(Value != 0 ? $" value {Value:R}" : "")}"),
            OperatorActionKind.ClearFault => $"clear_fault {FaultNames.ToName(Fault)}{TargetText}",
            _ => Kind.ToString(),
        };
        return string.Create(inv, $"{what}; +{PauseS:0.###}s");
    }

    private string TargetText => Target == FaultTarget.None ? "" : " target " + FaultNames.ToName(Target);
}
