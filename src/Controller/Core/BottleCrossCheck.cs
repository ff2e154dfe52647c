namespace HydroOxygen.Controller.Core;

/// <summary>
/// The bottle transducer against the manifold's, wherever the charge valve joins the two volumes
/// (charging, and spraying): gas only flows down a pressure difference, so a bottle reading above
/// P_out must be falling — its gas can only leave into the manifold. A bottle reading that stays
/// clearly above and is not coming down, or that sits far above for a long time, says one of the two
/// transducers is wrong (a P_out reading low lets the regulator drive the real manifold, and the hose
/// with it, above the program's ceiling; a P_bottle reading high hides a bottle that is not there).
/// </summary>
public struct BottleCrossCheck
{
    /// <summary>Smoothing of the bottle reading for its trend, s: a few conversions, so that noise is not a trend.</summary>
    private const double SmoothingS = 0.02;

    /// <summary>The trend is the smoothed reading's change over this window, s, taken wholly while the bottle is above.</summary>
    private const double TrendWindowS = 0.05;

    /// <summary>
    /// Falling means more than this over a window, MPa. The slowest a joined bottle above the manifold
    /// by the margin can fall — an empty 250 mL bottle through the charge valve, ~0.06 MPa/s — is
    /// about 3 kPa per window; the smoothed noise is a fraction of one.
    /// </summary>
    private const double FallingByMpa = 0.001;

    /// <summary>A bottle above and not falling must stay so this long before it is called, s.</summary>
    private const double RisingQualifyS = 0.04;

    /// <summary>The old check's qualification: a lasting difference for this long, s.</summary>
    private const double LastingQualifyS = 0.2;

    private ConditionTimer _lasting;
    private ConditionTimer _notFalling;
    private double _smoothed;
    private double _last;
    private double _windowStart;
    private double _windowFrom;
    private bool _trendKnown;
    private bool _falling;
    private bool _started;

    /// <param name="joinedForS">How long the charge valve has been commanded open (0 when shut).</param>
    /// <param name="valveSettleS">From the command, the valve has opened and the flows have set in after this long, s.</param>
    /// <param name="manifoldHeld">The manifold is held at the setpoint feeding the bottle (charging): then a bottle
    /// lastingly above it is wrong too. Not while spraying: a burst hose lets the manifold fall below a bottle that drains into it.</param>
    /// <returns>Whether the two readings cannot both be right.</returns>
    public bool Update(double joinedForS, double valveSettleS, bool manifoldHeld, double pOutMpa, double pBottleMpa, double now, SafetySettings settings)
    {
        if (joinedForS < valveSettleS)
        {
            _started = false;
            _trendKnown = false;
            _lasting.Reset();
            _notFalling.Reset();
            return false;
        }

        if (!_started)
        {
            _started = true;
            _smoothed = pBottleMpa;
            _windowStart = now;
            _windowFrom = pBottleMpa;
        }
        else
        {
            var dt = Math.Max(0.0, now - _last);
            _smoothed += (pBottleMpa - _smoothed) * (dt / (dt + SmoothingS));
        }

        _last = now;
        var above = pBottleMpa - pOutMpa;
        var risenAbove = above > settings.SensorCrossCheckRisingMpa;
        if (!risenAbove)
        {
            // The trend counts only over a window wholly spent above: a bottle flat at the manifold's
            // pressure the moment before (a steady spray) says nothing about one that a burst hose or a
            // spray-start dip has just left above it.
            _trendKnown = false;
            _windowStart = now;
            _windowFrom = _smoothed;
        }
        else if (now - _windowStart >= TrendWindowS)
        {
            _falling = _windowFrom - _smoothed > FallingByMpa;
            _trendKnown = true;
            _windowStart = now;
            _windowFrom = _smoothed;
        }

        var lasting = _lasting.Update(manifoldHeld && joinedForS > settings.SensorCrossCheckAfterS && above > settings.SensorCrossCheckMpa, now, LastingQualifyS);
        var notFalling = _notFalling.Update(_trendKnown && !_falling && risenAbove, now, RisingQualifyS);
        return lasting || notFalling;
    }
}
