namespace HydroOxygen.Controller.Core;

/// <summary>
/// Leaving Service: whatever a procedure left behind (a calibration hold at 0.60 MPa, a leak test's
/// isolated bottle) is vented first — manifold, bottle and source line joined and open to the
/// atmosphere — so that the normal states start from an empty manifold and nothing trips (DESIGN §2.5).
/// </summary>
public struct ServiceExit
{
    /// <summary>Vented once both readings are below this, MPa, or have stopped falling below <see cref="SteadyBelowMpa"/>.</summary>
    private const double VentedBelowMpa = 0.03;

    /// <summary>A reading that stopped falling counts as vented only below this (a transducer's worst accepted offset and more), MPa.</summary>
    private const double SteadyBelowMpa = 0.1;
    private const double SteadyWithinMpa = 0.002;
    private const double SteadyForS = 0.5;
    private const double MinimumS = 0.3;

    /// <summary>A vent that has not emptied the volumes by now has failed (VentFailure, as at shutdown), s.</summary>
    public const double TimeoutS = 15.0;

    private SteadyReading _outlet;
    private SteadyReading _bottle;
    private double _since;

    public enum Result : byte
    {
        Venting = 0,
        Vented,
        TimedOut,
    }

    /// <summary>Joined and vented, source shut: the held pressure goes out through the vent.</summary>
    public static ControlOutputs Outputs { get; } = ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 };

    public void Start(double now)
    {
        _since = now;
        _outlet.Reset();
        _bottle.Reset();
    }

    public Result Update(double pOut, double pBottle, double now)
    {
        // Readings not yet trusted (that is often why the engineer came) are judged by their movement too.
        var outletSteady = _outlet.Update(pOut, now, SteadyWithinMpa, SteadyForS);
        var bottleSteady = _bottle.Update(pBottle, now, SteadyWithinMpa, SteadyForS);
        if (now - _since < MinimumS)
        {
            return Result.Venting;
        }

        if (Vented(pOut, outletSteady) && Vented(pBottle, bottleSteady))
        {
            return Result.Vented;
        }

        return now - _since > TimeoutS ? Result.TimedOut : Result.Venting;
    }

    private static bool Vented(double mpa, bool steady) => mpa < VentedBelowMpa || (steady && mpa < SteadyBelowMpa);
}
