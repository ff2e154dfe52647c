namespace HydroOxygen.Controller.Core;

/// <summary>
/// Charging the nutrient bottle (DESIGN §1.1): gas through the charge valve until the bottle is
/// within <see cref="SequenceSettings.ChargedWithinMpa"/> of the setpoint, or the time-out says the
/// bottle cannot hold pressure (cap off, leak) and <see cref="AlarmCode.BottleNotCharging"/> is due.
/// </summary>
/// <remarks>
/// A bottle that sags between bursts is topped up only once it is <see cref="SequenceSettings.RechargeBelowMpa"/>
/// below the setpoint, so that the liquid it feeds does not chatter the charge valve. A raised setpoint
/// is different: the bottle was charged for less, and the press that follows would wait for the top-up.
/// So after a raise the bottle is charged as soon as it is outside the charged band, the same band
/// that ends a charge, and the two thresholds agree.
/// </remarks>
public struct BottleCharger
{
    private double _started;
    private bool _raised;
    private double _topOffUntil;

    public enum Result : byte
    {
        Charging,
        Charged,
        TimedOut,
    }

    public void Start(double now)
    {
        _started = now;
        _topOffUntil = double.NegativeInfinity;
    }

    /// <summary>The charge ended in Ready: the valve stays open for the top-off, at most this long.</summary>
    public void TopOffFrom(double now, SequenceSettings settings) => _topOffUntil = now + settings.ChargeTopOffMaxS;

    /// <summary>Ready left or the bottle worked otherwise: no top-off runs.</summary>
    public void EndTopOff() => _topOffUntil = double.NegativeInfinity;

    /// <summary>
    /// Whether the charge valve stays open in Ready this tick: until the bottle is within
    /// <see cref="SequenceSettings.ChargeTopOffWithinMpa"/> of the setpoint, so that it closes on a small
    /// draw (docs/DECISIONS.md, "The charge's end"). Once ended, it stays ended.
    /// </summary>
    public bool TopsOff(double bottleMpa, double setpointMpa, double now, SequenceSettings settings)
    {
        if (now >= _topOffUntil || bottleMpa >= setpointMpa - settings.ChargeTopOffWithinMpa)
        {
            _topOffUntil = double.NegativeInfinity;
            return false;
        }

        return true;
    }

    public readonly double ElapsedS(double now) => now - _started;

    /// <summary>The setpoint went up since the bottle was last charged.</summary>
    public void SetpointRaised() => _raised = true;

    public bool NeedsCharge(double bottleMpa, double setpointMpa, SequenceSettings settings)
    {
        if (_raised && bottleMpa >= setpointMpa - settings.ChargedWithinMpa)
        {
            // Already charged enough for the new setpoint: the usual hysteresis applies again.
            _raised = false;
        }

        return _raised || bottleMpa < setpointMpa - settings.RechargeBelowMpa;
    }

    public Result Update(double bottleMpa, double setpointMpa, double now, SequenceSettings settings)
    {
        if (bottleMpa >= setpointMpa - settings.ChargedWithinMpa)
        {
            _raised = false;
            return Result.Charged;
        }

        return now - _started > settings.ChargeTimeoutS ? Result.TimedOut : Result.Charging;
    }
}
