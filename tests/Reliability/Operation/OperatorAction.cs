using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Operation;

/// <summary>
/// One thing done to the device, <see cref="DelayS"/> after the previous one. Commands carry raw
/// values on purpose — a setpoint of NaN, program #7, source #9 — because what a technician or a
/// script sends is not necessarily valid, and the controller must refuse it without harm.
/// </summary>
public readonly record struct OperatorAction(
    double DelayS,
    ActionKind Kind,
    double Value = 0.0,
    int Index = 0,
    GasSource Source = GasSource.None,
    FaultSpec Fault = default)
{
    public static OperatorAction Pedal(double delayS, bool down) => new(delayS, down ? ActionKind.PedalDown : ActionKind.PedalUp);

    public static OperatorAction Setpoint(double delayS, double mpa) => new(delayS, ActionKind.SetSetpoint, Value: mpa);

    public static OperatorAction Program(double delayS, int index) => new(delayS, ActionKind.SelectProgram, Index: index);

    public static OperatorAction SourceOf(double delayS, GasSource source) => new(delayS, ActionKind.SelectSource, Source: source);

    public static OperatorAction Do(double delayS, ActionKind kind) => new(delayS, kind);

    public static OperatorAction Inject(double delayS, FaultSpec fault) => new(delayS, ActionKind.InjectFault, Fault: fault);

    public static OperatorAction Clear(double delayS, FaultSpec fault) => new(delayS, ActionKind.ClearFault, Fault: fault);

    /// <summary>Does it, through the same paths a live session uses (plant commands and the command queue).</summary>
    public void ApplyTo(SimulationRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        switch (Kind)
        {
            case ActionKind.PedalDown: runner.Pedal(true); break;
            case ActionKind.PedalUp: runner.Pedal(false); break;
            case ActionKind.SetSetpoint: runner.Command(ControlCommand.SetSetpoint(Value)); break;
            case ActionKind.SelectProgram: runner.Command(ControlCommand.SelectProgram(Index)); break;
            case ActionKind.SelectSource: runner.Command(ControlCommand.SelectSource(Source)); break;
            case ActionKind.AcknowledgeAlarms: runner.Command(ControlCommand.AcknowledgeAlarms()); break;
            case ActionKind.Shutdown: runner.Command(ControlCommand.Shutdown()); break;
            case ActionKind.PowerOn: runner.PowerSwitch(true); break;
            case ActionKind.PowerOff: runner.PowerSwitch(false); break;
            case ActionKind.InjectFault: runner.Inject(Fault); break;
            case ActionKind.ClearFault: runner.Clear(Fault.Kind, Fault.Target); break;
            default: throw new InvalidOperationException($"unknown action {Kind}");
        }
    }

    /// <summary>The action as a scenario step (DESIGN §3.1), at <paramref name="atS"/>: a counterexample can be pasted into a scenario file.</summary>
    public string ToScenarioStep(double atS)
    {
        var inv = CultureInfo.InvariantCulture;
        var at = string.Create(inv, $"{atS:0.###}s");
        return Kind switch
        {
            ActionKind.PedalDown => $"{{ at: {at}, action: pedal_down }}",
            ActionKind.PedalUp => $"{{ at: {at}, action: pedal_up }}",
            ActionKind.SetSetpoint => string.Create(inv, $"{{ at: {at}, action: set_pressure, value: {Value:R} }}"),
            ActionKind.SelectProgram => $"{{ at: {at}, action: select_program, value: {ProgramName(Index)} }}",
            ActionKind.SelectSource => $"{{ at: {at}, action: select_source, value: {SourceName(Source)} }}",
            ActionKind.AcknowledgeAlarms => $"{{ at: {at}, action: ack_alarms }}",
            ActionKind.Shutdown => $"{{ at: {at}, action: shutdown }}",
            ActionKind.PowerOn => $"{{ at: {at}, action: power_on }}",
            ActionKind.PowerOff => $"{{ at: {at}, action: power_off }}",
            ActionKind.InjectFault => $"{{ at: {at}, fault: {FaultLabel.Of(Fault, withValue: true)} }}",
            ActionKind.ClearFault => $"{{ at: {at}, clear_fault: {FaultLabel.Of(Fault, withValue: false)} }}",
            _ => $"{{ at: {at}, action: {Kind} }}",
        };
    }

    private static string ProgramName(int index) =>
        (uint)index < (uint)ProgramDefinition.Defaults.Count ? ProgramDefinition.Defaults[index].Name : $"'#{index} (no such program)'";

    private static string SourceName(GasSource source) => source switch
    {
        GasSource.Oxygen => "oxygen",
        GasSource.Compressor => "compressor",
        _ => $"'#{(int)source} (not a source)'",
    };
}
