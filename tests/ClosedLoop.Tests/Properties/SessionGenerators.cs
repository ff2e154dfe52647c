using CsCheck;
using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// Generators of operator sessions. Values are drawn mostly from what a technician would do and
/// partly from what nobody should do (setpoints out of range, NaN, unknown programs and sources),
/// because the second kind is where a controller silently goes wrong.
/// </summary>
internal static class SessionGenerators
{
    private static readonly int ProgramCount = ControllerSettings.Default.EffectivePrograms.Count;

    /// <summary>Virtual seconds after an action: mostly short, sometimes long enough to charge, pressurize on compressor gas or time out.</summary>
    public static readonly Gen<double> Pause = Gen.Frequency(
        (6, Gen.Double[0.0, 1.5]),
        (3, Gen.Double[1.5, 6.0]),
        (1, Gen.Double[6.0, 15.0])).Select(s => Math.Round(s, 3));

    /// <summary>Setpoints in range, out of range, and not numbers at all.</summary>
    public static readonly Gen<double> Setpoint = Gen.Frequency(
        (6, Gen.Double[PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa].Select(v => Math.Round(v, 3))),
        (3, Gen.Double[-1.0, 2.0].Select(v => Math.Round(v, 3))),
        (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.2999, 0.6001, 0.70, 1e308, -0.0)));

    public static readonly Gen<(FaultKind Kind, FaultTarget Target, double Value)> Fault =
        Gen.Enum<FaultKind>().SelectMany(kind => kind switch
        {
            FaultKind.SensorStuck or FaultKind.SensorDisconnected =>
                Gen.OneOf(FaultTarget.POut, FaultTarget.PBottle, FaultTarget.PSrc).Select(t => (kind, t, 0.0)),
            FaultKind.SensorDrift =>
                Gen.Select(Gen.OneOf(FaultTarget.POut, FaultTarget.PBottle, FaultTarget.PSrc), Gen.Double[-0.2, 0.2],
                    (t, v) => (kind, t, Math.Round(v, 3))),
            FaultKind.Leak =>
                Gen.Select(Gen.OneOf(FaultTarget.Manifold, FaultTarget.Bottle), Gen.Double[0.001, 0.1],
                    (t, v) => (kind, t, Math.Round(v, 4))),
            FaultKind.AdcNack =>
                Gen.OneOf(FaultTarget.None, FaultTarget.POut, FaultTarget.PBottle, FaultTarget.PSrc).Select(t => (kind, t, 0.0)),
            FaultKind.LoopStall => Gen.Double[0.005, 0.5].Select(v => (kind, FaultTarget.None, Math.Round(v, 3))),
            _ => Gen.Const((kind, FaultTarget.None, 0.0)),
        });

    /// <summary>
    /// Transducer noise, kPa RMS, around the design's ~1 kPa. Not zero: a real transducer read by a
    /// 16-bit converter (1 LSB ≈ 31 Pa here) always flickers, and the supervisor rightly treats a
    /// bit-identical reading held for 0.5 s as a frozen converter (SensorFault), so a noiseless
    /// plant is a device that faults at self-test, not a harder test.
    /// </summary>
    public static readonly Gen<double> SensorNoise = Gen.Double[0.3, 3.0];

    public static readonly Gen<OperatorAction> Action = Gen.Frequency(
        (3, Pause.Select(p => new OperatorAction(OperatorActionKind.Wait, p))),
        (2, Pause.Select(p => new OperatorAction(OperatorActionKind.PowerOn, p))),
        (1, Pause.Select(p => new OperatorAction(OperatorActionKind.PowerOff, p))),
        (2, Gen.Select(Pause, Gen.OneOf(GasSource.Oxygen, GasSource.Compressor, GasSource.None, (GasSource)77),
            (p, s) => new OperatorAction(OperatorActionKind.SelectSource, p, Source: s))),
        (2, Gen.Select(Pause, Gen.Int[-1, ProgramCount],
            (p, i) => new OperatorAction(OperatorActionKind.SelectProgram, p, Program: i))),
        (4, Gen.Select(Pause, Setpoint, (p, v) => new OperatorAction(OperatorActionKind.SetPressure, p, Value: v))),
        (5, Pause.Select(p => new OperatorAction(OperatorActionKind.PedalDown, p))),
        (5, Pause.Select(p => new OperatorAction(OperatorActionKind.PedalUp, p))),
        (2, Gen.Select(Pause, Gen.Double[0.002, 0.4], (p, tap) => new OperatorAction(OperatorActionKind.Charge, p, Value: Math.Round(tap, 3)))),
        (2, Pause.Select(p => new OperatorAction(OperatorActionKind.AcknowledgeAlarms, p))),
        (1, Pause.Select(p => new OperatorAction(OperatorActionKind.Shutdown, p))),
        (1, Pause.Select(p => new OperatorAction(OperatorActionKind.EnterService, p))),
        (1, Pause.Select(p => new OperatorAction(OperatorActionKind.ExitService, p))),
        (3, Gen.Select(Pause, Fault, (p, f) => new OperatorAction(OperatorActionKind.InjectFault, p, Value: f.Value, Fault: f.Kind, Target: f.Target))),
        (2, Gen.Select(Pause, Fault, (p, f) => new OperatorAction(OperatorActionKind.ClearFault, p, Fault: f.Kind, Target: f.Target))));

    /// <summary>
    /// A session usually starts with the device switched on and given time to self-test; the rest
    /// is free. Shrinking may drop the power-on too, which is a session worth checking as well.
    /// </summary>
    public static readonly Gen<GeneratedSession> Session = Gen.Select(
        Gen.Int[0, 100_000],
        SensorNoise,
        Gen.Frequency(
            (9, Gen.Double[3.0, 12.0].Select(p => new[] { new OperatorAction(OperatorActionKind.PowerOn, Math.Round(p, 3)) })),
            (1, Gen.Const(Array.Empty<OperatorAction>()))),
        Action.Array[1, 16],
        (seed, noise, start, rest) => new GeneratedSession(seed, Math.Round(noise, 2), [.. start, .. rest]));
}
