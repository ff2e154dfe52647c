namespace HydroOxygen.Controller.Core;

/// <summary>
/// Bringing the bottle down under a lower ceiling (DESIGN §2.5, routine use never alarms): after a
/// program with a lower ceiling is chosen (acne → eye), the bottle still holds the old charge. Joined
/// to the manifold for the next spray it would push the hose above the new ceiling, so before any
/// spray it is vented through the manifold — inlet shut, vent open, charge valve open — until it is
/// under the ceiling. A sub-phase of Ready: the pedal waits for it, and the program's limits are
/// judged on the bottle once it is done.
/// </summary>
/// <remarks>
/// Unless the outlets have just been seen to hold, an <see cref="OutletHoldTest"/> comes first: the
/// bottle's gas must not leave through a spray valve stuck open (DESIGN §2.5, the dead-man rule).
/// The vent is seen to work before the bottle is joined: then the manifold alone is vented and must
/// fall. Joining a bottle to a manifold whose vent is stuck shut would only push the bottle's gas
/// into the manifold, past the new program's trip. Then the bottle must keep coming down; one that
/// stops is a vent that does not work either, and both end in <see cref="Result.TimedOut"/>.
/// A manifold below the hold's pressure proves nothing in a hold: the vent-down waits (as <see cref="Result.Idle"/>)
/// while Ready's regulator fills it, and spraying waits with it for the bottle to be within the ceiling.
/// </remarks>
public struct BottleVentDown
{
    /// <summary>The vent is first checked only with this much in the manifold to lose, MPa.</summary>
    private const double CheckFromMpa = 0.1;

    /// <summary>An open vent takes this out of the manifold within <see cref="CheckWithinS"/> (it takes ~30 ms), MPa.</summary>
    private const double CheckDropMpa = 0.02;

    private const double CheckWithinS = 0.3;

    /// <summary>The venting bottle must fall by this within <see cref="ProgressWithinS"/> (an empty bottle falls ~0.1 MPa/s), MPa.</summary>
    private const double ProgressMpa = 0.005;

    private const double ProgressWithinS = 1.0;

    private Phase _phase;
    private OutletHoldTest _hold;
    private double _since;
    private double _checkFromMpa;
    private double _progressMpa;
    private double _progressAt;

    private enum Phase : byte
    {
        Idle,
        Holding,
        CheckingVent,
        Venting,
    }

    public enum Result : byte
    {
        /// <summary>The bottle is under the ceiling: nothing to do.</summary>
        Idle,
        Venting,

        /// <summary>Reached the ceiling on this tick: the regulator takes the manifold again.</summary>
        Done,

        /// <summary>The manifold or the bottle will not come down: the vent cannot be confirmed.</summary>
        TimedOut,

        /// <summary>The hold found an outlet open: the bottle must stay sealed.</summary>
        OutletOpen,
    }

    public readonly bool Active => _phase != Phase.Idle;

    /// <summary>Every valve shut for the hold; then inlet shut, vent open, no spray, the bottle joined once the vent is seen to work.</summary>
    public readonly ControlOutputs Outputs => _phase == Phase.Holding ? OutletHoldTest.HoldOutputs : ControlOutputs.Safe with { ChargeOpen = _phase == Phase.Venting };

    /// <summary>A bottle above this is too high for the program: it is vented down before the next spray, MPa.</summary>
    public static double TooHighAboveMpa(double ceilingMpa, SequenceSettings settings) => ceilingMpa + settings.VentDownMarginMpa;

    /// <summary>Venting down ends with the bottle at or below this, MPa.</summary>
    public static double TargetMpa(double ceilingMpa, SequenceSettings settings) => ceilingMpa - settings.VentDownMarginMpa;

    /// <param name="outletsProven">The outlets have just been seen to hold (Ready, the leak check passing): no hold needed.</param>
    public Result Update(double pOutMpa, bool pOutTrustworthy, double pBottleMpa, double ceilingMpa, bool outletsProven, double now, SequenceSettings settings)
    {
        if (_phase == Phase.Idle)
        {
            if (pBottleMpa <= TooHighAboveMpa(ceilingMpa, settings))
            {
                return Result.Idle;
            }

            if (!outletsProven && pOutTrustworthy && !OutletHoldTest.Worthwhile(pOutMpa, pOutTrustworthy, settings))
            {
                return Result.Idle;
            }

            _phase = !outletsProven && pOutTrustworthy ? Phase.Holding : Phase.CheckingVent;
            _hold.Start(now);
            _since = now;
            _checkFromMpa = double.NaN;
        }

        if (_phase == Phase.Holding)
        {
            switch (_hold.Update(pOutMpa, pOutTrustworthy, now, settings))
            {
                case OutletHoldTest.Result.Holding:
                    return Result.Venting;
                case OutletHoldTest.Result.OutletOpen:
                    _phase = Phase.Idle;
                    return Result.OutletOpen;
            }

            _phase = Phase.CheckingVent;
            _since = now;
        }

        if (_phase == Phase.CheckingVent && double.IsNaN(_checkFromMpa))
        {
            _checkFromMpa = pOutMpa;
            _progressMpa = pBottleMpa;
            _progressAt = now;
            if (pOutMpa <= CheckFromMpa)
            {
                // Too little in the manifold to see the vent by: the bottle's own fall will show it.
                _phase = Phase.Venting;
            }
        }

        if (_phase == Phase.CheckingVent)
        {
            if (_checkFromMpa - pOutMpa >= CheckDropMpa)
            {
                _phase = Phase.Venting;
                _progressMpa = pBottleMpa;
                _progressAt = now;
            }
            else if (now - _since > CheckWithinS)
            {
                Cancel();
                return Result.TimedOut;
            }

            return Result.Venting;
        }

        if (pBottleMpa <= TargetMpa(ceilingMpa, settings))
        {
            Cancel();
            return Result.Done;
        }

        if (pBottleMpa < _progressMpa - ProgressMpa)
        {
            _progressMpa = pBottleMpa;
            _progressAt = now;
        }

        if (now - _progressAt > ProgressWithinS || now - _since > settings.VentDownTimeoutS)
        {
            Cancel();
            return Result.TimedOut;
        }

        return Result.Venting;
    }

    public void Cancel()
    {
        _phase = Phase.Idle;
        _checkFromMpa = double.NaN;
    }
}
