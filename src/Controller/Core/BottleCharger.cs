namespace HydroOxygen.Controller.Core;

/// <summary>
/// Charging the nutrient bottle (DESIGN §1.1): gas through the charge valve until the bottle is
/// within <see cref="SequenceSettings.ChargedWithinMpa"/> of the setpoint, or the time-out says the
/// bottle cannot hold pressure (cap off, leak) and <see cref="AlarmCode.BottleNotCharging"/> is due.
/// </summary>
public struct BottleCharger
{
    private double _started;

    public enum Result : byte
    {
        Charging,
        Charged,
        TimedOut,
    }

    public void Start(double now) => _started = now;

    public readonly double ElapsedS(double now) => now - _started;

    public static bool NeedsCharge(double bottleMpa, double setpointMpa, SequenceSettings settings) =>
        bottleMpa < setpointMpa - settings.RechargeBelowMpa;

    public readonly Result Update(double bottleMpa, double setpointMpa, double now, SequenceSettings settings)
    {
        if (bottleMpa >= setpointMpa - settings.ChargedWithinMpa)
        {
            return Result.Charged;
        }

        return now - _started > settings.ChargeTimeoutS ? Result.TimedOut : Result.Charging;
    }
}
