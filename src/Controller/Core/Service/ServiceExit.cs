namespace HydroOxygen.Controller.Core;

/// <summary>
/// Leaving Service: whatever a procedure left behind (a calibration hold at 0.60 MPa, a leak test's
/// isolated bottle) is vented first — manifold, bottle and source line joined and open to the
/// atmosphere — so that the normal states start from an empty manifold and nothing trips (DESIGN §2.5).
/// </summary>
/// <remarks>
/// As in <see cref="BottleVentDown"/> and the shutdown, the bottle is joined to the manifold only once an
/// <see cref="OutletHoldTest"/> has seen the manifold hold with every valve shut: the bottle's gas must
/// not leave through a spray valve stuck open as mist with nobody on the pedal (the dead-man rule).
/// A spray valve already suspect, or an outlet the hold finds open, keeps the bottle sealed: only the
/// manifold is vented, and the caller puts the device in Fault (UncommandedFlow) rather than fill it again.
/// A manifold left empty (no procedure running) is filled from the source for the hold; with no source
/// selected to fill it from, the bottle stays sealed too. Once vented, the inlet is shut again and its
/// spool left to close before the normal states may open a source (as at the end of the self-test).
/// </remarks>
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

    /// <summary>
    /// The inlet's spool, shut from fully open, is taken as closed after this many of its lags (under 1 % open):
    /// left open, the refill's first gas passed it unmodelled and overshot a 0.30 MPa setpoint by ~30 kPa.
    /// </summary>
    private const double SpoolClosedAfterLags = 5.0;

    /// <summary>Joined and vented, source shut: the held pressure goes out through the vent.</summary>
    private static readonly ControlOutputs JoinedVenting = ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 };

    /// <summary>Vented, the inlet shut again while its spool closes: the bottle stays joined to the open vent.</summary>
    private static readonly ControlOutputs JoinedInletShut = JoinedVenting with { InletOpening = 0.0 };

    private SteadyReading _outlet;
    private SteadyReading _bottle;
    private OutletHoldTest _hold;
    private Phase _phase;
    private double _since;
    private double _ventSince;
    private double _closingSince;

    public enum Result : byte
    {
        Venting = 0,
        Vented,
        TimedOut,
    }

    private enum Phase : byte
    {
        /// <summary>Started; the first readings decide whether a hold comes first.</summary>
        Deciding = 0,
        Holding,
        Venting,

        /// <summary>The manifold alone is vented: the bottle stays sealed.</summary>
        VentingSealed,

        /// <summary>Vented through the open inlet: the inlet is shut again and its spool closes.</summary>
        InletClosing,
    }

    /// <summary>Every valve shut during the hold; then joined and vented, or the manifold alone with the bottle sealed.</summary>
    public readonly ControlOutputs Outputs => _phase switch
    {
        Phase.Deciding or Phase.Holding => _hold.Outputs,
        Phase.VentingSealed => ControlOutputs.Safe,
        Phase.InletClosing => JoinedInletShut,
        _ => JoinedVenting,
    };

    /// <summary>The hold saw the manifold lose gas with every valve shut: the spray valve is suspect.</summary>
    public bool OutletFoundOpen { readonly get; private set; }

    /// <summary>The bottle is left sealed (the spray valve suspect, an outlet found open, or no gas to fill the manifold for the hold).</summary>
    public readonly bool KeepsBottleSealed => _phase == Phase.VentingSealed;

    /// <summary>The manifold is being filled for the hold: the caller opens the selected source.</summary>
    public readonly bool FillingForHold => _phase == Phase.Holding && _hold.Filling;

    public void Start(double now)
    {
        this = default;
        _since = now;
        _ventSince = now;
    }

    /// <param name="pOutTrustworthy">P_out is believed: without it the hold cannot tell anything and is skipped.</param>
    /// <param name="sprayValveSuspect">The controller already suspects the spray valve: the bottle stays sealed.</param>
    /// <param name="canFill">A source is selected to fill an empty manifold from for the hold.</param>
    /// <param name="inletLagS">The inlet spool's lag, s: how long it takes to close once shut again, and how soon a fill must show on P_out.</param>
    /// <param name="pSrc">The source line, for a fill: P_out must answer it once it reads the hold's pressure.</param>
    public Result Update(
        double pOut, bool pOutTrustworthy, double pBottle, double pSrc, bool pSrcTrustworthy, bool sprayValveSuspect, bool canFill, double inletLagS, double now,
        SequenceSettings settings)
    {
        if (_phase == Phase.InletClosing)
        {
            return now - _closingSince >= SpoolClosedAfterLags * inletLagS ? Result.Vented : Result.Venting;
        }

        if (_phase == Phase.Deciding)
        {
            var fill = pOutTrustworthy && !OutletHoldTest.Worthwhile(pOut, pOutTrustworthy, settings);
            _phase = sprayValveSuspect || (fill && !canFill) ? Phase.VentingSealed
                : pOutTrustworthy ? Phase.Holding : Phase.Venting;
            _hold.Start(now, fill, inletLagS);
        }

        if (_phase == Phase.Holding)
        {
            _hold.FollowSourceLine(pSrc, pSrcTrustworthy, now, settings);
            switch (_hold.Update(pOut, pOutTrustworthy, now, settings))
            {
                case OutletHoldTest.Result.Holding:
                    return Elapsed(now) > TimeoutS ? Result.TimedOut : Result.Venting;
                case OutletHoldTest.Result.OutletOpen:
                    OutletFoundOpen = true;
                    _phase = Phase.VentingSealed;
                    break;
                case OutletHoldTest.Result.NotFilled:
                    _phase = Phase.VentingSealed;
                    break;
                default:
                    _phase = Phase.Venting;
                    break;
            }

            _ventSince = now;
            _outlet.Reset();
            _bottle.Reset();
        }

        // Readings not yet trusted (that is often why the engineer came) are judged by their movement too.
        var outletSteady = _outlet.Update(pOut, now, SteadyWithinMpa, SteadyForS);
        var bottleSteady = _bottle.Update(pBottle, now, SteadyWithinMpa, SteadyForS);
        if (now - _ventSince < MinimumS)
        {
            return Result.Venting;
        }

        if (Vented(pOut, outletSteady) && (KeepsBottleSealed || Vented(pBottle, bottleSteady)))
        {
            if (_phase != Phase.Venting)
            {
                return Result.Vented;
            }

            _phase = Phase.InletClosing;
            _closingSince = now;
            return Result.Venting;
        }

        return Elapsed(now) > TimeoutS ? Result.TimedOut : Result.Venting;
    }

    private readonly double Elapsed(double now) => now - _since;

    private static bool Vented(double mpa, bool steady) => mpa < VentedBelowMpa || (steady && mpa < SteadyBelowMpa);
}
