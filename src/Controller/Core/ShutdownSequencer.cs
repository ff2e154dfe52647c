namespace HydroOxygen.Controller.Core;

/// <summary>
/// The shutdown sequence (DESIGN §1.1 last steps): spraying stopped and the source closed at once,
/// then the manifold vented and the bottle vented through it, until both sensors confirm less than
/// <see cref="SequenceSettings.ShutdownVentedBelowMpa"/> for a moment and have stopped falling.
/// Stopped falling, because a reading offset by a few kPa (a drifted transducer still inside the
/// zero tolerance) crosses the limit while the true pressure is above it; a vented volume, though,
/// stops changing only at ambient, whatever the offset. Only then are the outputs
/// put in the safe pattern and the device is Off. If the pressure will not go, the sequence gives
/// up after its time-out and reports it rather than declaring a pressurised device off.
/// </summary>
public struct ShutdownSequencer
{
    private double _started;
    /// <summary>A reading that moves less than this over <see cref="SteadyForS"/> has stopped falling, MPa.</summary>
    private const double SteadyWithinMpa = 0.002;
    private const double SteadyForS = 0.3;

    private ConditionTimer _vented;
    private SteadyReading _outlet;
    private SteadyReading _bottle;

    public enum Result : byte
    {
        Venting,
        Vented,
        TimedOut,
    }

    /// <summary>Outputs while venting: vent open, bottle connected to the manifold, everything else shut.</summary>
    public static ControlOutputs VentingOutputs { get; } = ControlOutputs.Safe with { ChargeOpen = true };

    public void Start(double now)
    {
        _started = now;
        _vented.Reset();
        _outlet.Reset();
        _bottle.Reset();
    }

    public Result Update(double pOutMpa, double pBottleMpa, bool sensorsTrustworthy, double now, SequenceSettings settings)
    {
        var settled = _outlet.Update(pOutMpa, now, SteadyWithinMpa, SteadyForS);
        settled &= _bottle.Update(pBottleMpa, now, SteadyWithinMpa, SteadyForS);
        var below = sensorsTrustworthy && pOutMpa < settings.ShutdownVentedBelowMpa && pBottleMpa < settings.ShutdownVentedBelowMpa;
        if (_vented.Update(below && settled, now, settings.ShutdownConfirmS))
        {
            return Result.Vented;
        }

        // Out of time: below the limit but still falling is vented by the letter of the limit; the
        // wait for the readings to settle is a margin, not a reason to call the vent failed.
        if (now - _started > settings.ShutdownTimeoutS)
        {
            return below ? Result.Vented : Result.TimedOut;
        }

        return Result.Venting;
    }
}
