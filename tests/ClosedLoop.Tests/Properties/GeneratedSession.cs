using System.Globalization;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// A generated treatment session: the plant's seed and sensor noise, then the actions in order.
/// Always ended by the harness with the power-down the operating guide prescribes, so that the
/// shutdown property is checked on every session, whatever state the actions left behind.
/// </summary>
internal sealed record GeneratedSession(int Seed, double SensorNoiseKpa, OperatorAction[] Actions)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"seed {Seed}, sensor noise {SensorNoiseKpa:0.00} kPa RMS, {Actions.Length} actions:")
        + Environment.NewLine
        + string.Join(Environment.NewLine, Actions.Select((a, i) => $"  {i + 1,2}. {a}"));
}
