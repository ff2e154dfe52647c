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
/// <remarks>
/// The bottle's gas leaves through the manifold, and so through a spray valve stuck open, as mist
/// with nobody on the pedal (DESIGN §2.5, the dead-man rule). So the bottle is joined to the
/// manifold only when the outlets are known shut: not when the controller already suspects the
/// spray valve, and not when an <see cref="OutletHoldTest"/> at the start shows gas leaving anyway
/// (a leak it cannot tell from a stuck spray valve included). Then only the manifold is
/// vented and the bottle stays sealed, to be reported as under pressure. Throttling the charge
/// valve against the open vent is no way out (docs/DECISIONS.md, "A sealed bottle at shutdown").
/// A shutdown that starts with the manifold empty and the bottle charged (from Service, from Fault)
/// fills the manifold from the source for the hold; with no gas to fill it from, the bottle stays sealed.
/// </remarks>
public struct ShutdownSequencer
{
    /// <summary>A reading that moves less than this over <see cref="SteadyForS"/> has stopped falling, MPa.</summary>
    private const double SteadyWithinMpa = 0.002;
    private const double SteadyForS = 0.3;

    private double _started;
    private double _confirmFrom;
    private double _frozenAfterS;
    private bool _holding;
    private bool _sealed;
    private OutletHoldTest _hold;
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

    /// <summary>The bottle is kept sealed: the spray valve was suspect from the start, or the hold found an outlet open.</summary>
    public readonly bool KeepsBottleSealed => _sealed;

    /// <summary>The hold saw the manifold lose gas with every valve shut.</summary>
    public bool OutletFoundOpen { get; private set; }

    public readonly ControlOutputs Outputs => _holding ? _hold.Outputs : _sealed ? ControlOutputs.Safe : VentingOutputs;

    /// <summary>The manifold is being filled for the hold: the caller opens the selected source.</summary>
    public readonly bool FillingForHold => _holding && _hold.Filling;

    /// <param name="outletMpa">The manifold now: below the hold's pressure it is filled first.</param>
    /// <param name="sprayValveSuspect">The controller already suspects the spray valve: the bottle stays sealed.</param>
    /// <param name="canFill">A source is selected to fill an empty manifold from; without one an empty manifold leaves the bottle sealed.</param>
    /// <param name="inletLagS">The inlet spool's lag, s: how soon a fill must show on P_out.</param>
    /// <param name="frozenAfterS">How long the very same reading takes to be called frozen (SensorFault), s.</param>
    /// <remarks>
    /// The hold is made at every shutdown that starts with pressure in the manifold, even straight
    /// from a Ready whose leak check was passing: a technician who sees the pen go on spraying after
    /// the pedal is let go switches off at once, before any leak check could have judged it.
    /// </remarks>
    public static ShutdownSequencer Start(double now, double outletMpa, bool outletTrustworthy, bool sprayValveSuspect, bool canFill, double inletLagS, double frozenAfterS, SequenceSettings settings)
    {
        var fill = outletTrustworthy && !OutletHoldTest.Worthwhile(outletMpa, outletTrustworthy, settings);
        var sequencer = new ShutdownSequencer
        {
            _started = now,
            _confirmFrom = now,
            _frozenAfterS = frozenAfterS,
            _sealed = sprayValveSuspect || (fill && !canFill),
            _holding = !sprayValveSuspect && outletTrustworthy && (canFill || !fill),
        };
        sequencer._hold.Start(now, fill, inletLagS);
        sequencer._outlet.Reset();
        sequencer._bottle.Reset();
        return sequencer;
    }

    /// <param name="pSrcMpa">The source line, for a fill: P_out must answer it once it reads the hold's pressure.</param>
    public Result Update(
        double pOutMpa, double pBottleMpa, double pSrcMpa, bool pOutTrustworthy, bool pBottleTrustworthy, bool pSrcTrustworthy, double now, SequenceSettings settings)
    {
        if (_holding)
        {
            _hold.FollowSourceLine(pSrcMpa, pSrcTrustworthy, now, settings);
            switch (_hold.Update(pOutMpa, pOutTrustworthy, now, settings))
            {
                case OutletHoldTest.Result.Holding:
                    return Result.Venting;
                case OutletHoldTest.Result.OutletOpen:
                    OutletFoundOpen = true;
                    _sealed = true;
                    break;
                case OutletHoldTest.Result.NotFilled:
                    _sealed = true;

                    // A P_out that did not answer the fill (stuck at zero with the manifold filling) would read
                    // the vent as done at once: it confirms nothing before it could have been called frozen.
                    if (_hold.FillUnanswered)
                    {
                        _confirmFrom = now + _frozenAfterS;
                    }

                    break;
            }

            _holding = false;
        }

        var settled = _outlet.Update(pOutMpa, now, SteadyWithinMpa, SteadyForS);
        settled &= _bottle.Update(pBottleMpa, now, SteadyWithinMpa, SteadyForS) || _sealed;
        var below = pOutTrustworthy && pOutMpa < settings.ShutdownVentedBelowMpa
            && (_sealed || (pBottleTrustworthy && pBottleMpa < settings.ShutdownVentedBelowMpa));
        if (_vented.Update(below && settled && now >= _confirmFrom, now, settings.ShutdownConfirmS))
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
