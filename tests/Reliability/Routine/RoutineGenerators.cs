using CsCheck;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// Generators of routine use: every action a technician takes on a healthy device, in any order and
/// at any moment — many of them within a fraction of a second of the last, so that they land in the
/// passing states (SelfTest, Pressurizing, Charging) as often as in Ready.
/// </summary>
public static class RoutineGenerators
{
    private static readonly int ProgramCount = ProgramDefinition.Defaults.Count;

    /// <summary>Virtual seconds after an action: often a moment (to catch a passing state), sometimes long enough to charge or fill a cold compressor tank.</summary>
    public static readonly Gen<double> Pause = Gen.Frequency(
        (4, Gen.Double[0.0, 0.3]),
        (4, Gen.Double[0.3, 3.0]),
        (2, Gen.Double[3.0, 12.0])).Select(s => Math.Round(s, 3));

    /// <summary>A pedal tap of 5 ms to 10 s, spread evenly over its orders of magnitude.</summary>
    public static readonly Gen<double> Tap = Gen.Double[Math.Log(0.005), Math.Log(10.0)].Select(l => Math.Round(Math.Exp(l), 3));

    /// <summary>How long the switch stays off in a power cycle: from a flick to a pause.</summary>
    public static readonly Gen<double> OffTime = Gen.Double[Math.Log(0.02), Math.Log(8.0)].Select(l => Math.Round(Math.Exp(l), 3));

    public static readonly Gen<GasSource> Source = Gen.OneOf(GasSource.Oxygen, GasSource.Compressor);

    public static readonly Gen<RoutineAction> Action = Gen.Frequency(
        (2, Pause.Select(p => new RoutineAction(RoutineActionKind.Wait, p))),
        (1, Pause.Select(p => new RoutineAction(RoutineActionKind.PowerOn, p))),
        (1, Pause.Select(p => new RoutineAction(RoutineActionKind.PowerOff, p))),
        (1, Gen.Select(Pause, OffTime, (p, off) => new RoutineAction(RoutineActionKind.PowerCycle, p, Value: off))),
        (1, Pause.Select(p => new RoutineAction(RoutineActionKind.Shutdown, p))),
        (3, Gen.Select(Pause, Source, (p, s) => new RoutineAction(RoutineActionKind.SelectSource, p, Source: s))),
        (4, Gen.Select(Pause, Gen.Int[0, ProgramCount - 1], (p, i) => new RoutineAction(RoutineActionKind.SelectProgram, p, Program: i))),
        (3, Gen.Select(Pause, Gen.Double[0.0, 1.0], (p, f) => new RoutineAction(RoutineActionKind.SetPressure, p, Value: Math.Round(f, 3)))),
        (3, Gen.Select(Pause, Gen.Int[-10, 10].Where(s => s != 0), (p, s) => new RoutineAction(RoutineActionKind.NudgePressure, p, Steps: s))),
        (3, Pause.Select(p => new RoutineAction(RoutineActionKind.PedalDown, p))),
        (3, Pause.Select(p => new RoutineAction(RoutineActionKind.PedalUp, p))),
        (5, Gen.Select(Pause, Tap, (p, tap) => new RoutineAction(RoutineActionKind.PedalTap, p, Value: tap))),
        (1, Pause.Select(p => new RoutineAction(RoutineActionKind.AcknowledgeAlarms, p))));

    /// <summary>
    /// A stretch of routine use: usually starting with the switch turned on (shrinking may drop it,
    /// which is a sequence worth checking too), then up to 24 actions.
    /// </summary>
    public static readonly Gen<RoutineSequence> Sequence = Gen.Select(
        Gen.Int[0, 1_000_000],
        Gen.Double[0.5, 2.0],
        Gen.Frequency(
            (9, Pause.Select(p => new[] { new RoutineAction(RoutineActionKind.PowerOn, p) })),
            (1, Gen.Const(Array.Empty<RoutineAction>()))),
        Action.Array[1, 24],
        (seed, noise, start, rest) => new RoutineSequence(seed, Math.Round(noise, 2), [.. start, .. rest]));
}
