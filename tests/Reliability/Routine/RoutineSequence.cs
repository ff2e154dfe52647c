using System.Globalization;

namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// A generated stretch of routine use: the plant's seed and transducer noise, then the actions in
/// order. The player always ends it the way the operating guide does (pedal up, switch off), so
/// the "ends Off, vented" property is judged on every sequence.
/// </summary>
public sealed record RoutineSequence(int Seed, double SensorNoiseKpa, IReadOnlyList<RoutineAction> Actions)
{
    public double DurationS => Actions.Sum(a => a.PauseS + (a.Kind == RoutineActionKind.PedalTap ? a.Value : 0.0));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"plant seed {Seed}, sensor noise {SensorNoiseKpa:0.00} kPa RMS, {Actions.Count} actions:")
        + Environment.NewLine
        + string.Join(Environment.NewLine, Actions.Select((a, i) => $"  {i + 1,2}. {a}"));
}
