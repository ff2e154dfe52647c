namespace HydroOxygen.Controller.Core;

/// <summary>
/// Every valve shut for a moment while the manifold still has pressure: a manifold that keeps
/// falling then has an outlet open that nobody commanded — a spray valve stuck open, or a leak the
/// controller cannot tell from one. Done before the controller vents the bottle through the manifold
/// (shutdown, venting down to a lower ceiling) whenever the outlets have not just been seen to hold,
/// because the bottle's gas would leave through a stuck spray valve as mist with the pedal up.
/// </summary>
/// <remarks>
/// A manifold already empty (Service left idle, a Fault's open vent) has nothing to lose, so a hold
/// there proves nothing: it is first filled from the source to <see cref="SequenceSettings.OutletHoldFromMpa"/>,
/// the vent and the bottle shut. A stuck spray valve mists for that moment (~0.1 s, as a hose blowing
/// down does) instead of the seconds the bottle would take through it. A manifold that cannot be filled
/// (no source selected, a cylinder empty) proves nothing either: <see cref="Result.NotFilled"/>, and the
/// caller keeps the bottle sealed and reports it.
/// </remarks>
public struct OutletHoldTest
{
    /// <summary>The outputs switched at the start (source, inlet, spray, charge, vent) have moved by then, s.</summary>
    private const double ValvesSettleS = 0.05;

    /// <summary>P_out is judged smoothed over a few conversions: one noisy reading is not a leak, s.</summary>
    private const double SmoothingS = 0.01;

    /// <summary>The fill is gentle (a fraction of the inlet): the manifold only needs the hold's pressure, and a stuck valve's hose no more.</summary>
    private const double FillOpening = 0.25;

    /// <summary>A manifold not filled in this long has no gas to be filled from, s.</summary>
    private const double FillWithinS = 1.0;

    /// <summary>
    /// A fill from a line with gas must show on P_out this soon, in inlet lags: the quarter-open spool is
    /// 86 % there after two, and a healthy fill reads 0.01 MPa up ~20 ms after the valves switch. A spool
    /// stuck fully open takes the manifold to 0.3 MPa by then and to the source's 0.735 in ~0.2 s.
    /// </summary>
    private const double FillAnswersWithinLags = 2.0;

    /// <summary>
    /// The rise that answers the fill, MPa: five times the transducer's noise (~2 kPa RMS), so a reading
    /// that only wanders does not pass for one, while a healthy fill has it in ~20 ms.
    /// </summary>
    private const double FillAnswerMpa = 0.01;

    /// <summary>After a fill the inlet's lag still brings gas in; the hold is judged from this long after it shuts, s.</summary>
    private const double AfterFillSettleS = 0.1;

    private double _started;
    private double _settleS;
    private bool _filling;
    private double _fromMpa;
    private double _smoothedMpa;
    private double _last;
    private double _answerWithinS;
    private double _lineReadySince;
    private double _fillFloorMpa;
    private bool _answered;
    private bool _unanswered;

    public enum Result : byte
    {
        Holding,

        /// <summary>The manifold held: the outlets are shut.</summary>
        Held,

        /// <summary>The manifold fell with every valve shut: an outlet is open.</summary>
        OutletOpen,

        /// <summary>The empty manifold could not be filled to hold: nothing is proven, the bottle stays sealed.</summary>
        NotFilled,
    }

    /// <summary>Every valve shut, the vent too.</summary>
    public static ControlOutputs HoldOutputs { get; } = ControlOutputs.Safe with { VentOpen = false };

    /// <summary>The inlet partly open, everything else shut: the caller opens the selected source with it.</summary>
    public static ControlOutputs FillOutputs { get; } = HoldOutputs with { InletOpening = FillOpening };

    /// <summary>The fill ended because P_out did not answer gas driven in: its reading is in doubt, a vent it reads proves little.</summary>
    public readonly bool FillUnanswered => _unanswered;

    /// <summary>Filling the manifold from the source before the hold (the caller opens the source).</summary>
    public readonly bool Filling => _filling;

    public readonly ControlOutputs Outputs => _filling ? FillOutputs : HoldOutputs;

    /// <summary>Whether a hold can tell anything as it is: the manifold has pressure to lose, read by a sensor that is trusted.</summary>
    public static bool Worthwhile(double pOutMpa, bool pOutTrustworthy, SequenceSettings settings) =>
        pOutTrustworthy && pOutMpa >= settings.OutletHoldFromMpa;

    /// <param name="fill">The manifold is below the hold's pressure: it is filled from the source first.</param>
    /// <param name="inletLagS">The inlet spool's lag, s: a fill must show on P_out within <see cref="FillAnswersWithinLags"/> of them.</param>
    public void Start(double now, bool fill = false, double inletLagS = 0.0)
    {
        _started = now;
        _filling = fill;
        _settleS = ValvesSettleS;
        _fromMpa = double.NaN;
        _smoothedMpa = double.NaN;
        _answerWithinS = Math.Max(ValvesSettleS, FillAnswersWithinLags * inletLagS);
        _lineReadySince = now;
        _fillFloorMpa = double.NaN;
        _answered = false;
        _unanswered = false;
    }

    /// <summary>
    /// The source line's reading while filling: P_out must answer the fill only from when the line reads
    /// the hold's pressure (a compressor still building its tank, a cylinder running out, keep the whole
    /// <see cref="FillWithinS"/>). Not called, or a P_src not trusted: the line is taken as having gas
    /// from the start, the stricter reading.
    /// </summary>
    public void FollowSourceLine(double pSrcMpa, bool pSrcTrustworthy, double now, SequenceSettings settings)
    {
        if (_filling && !_answered && pSrcTrustworthy && pSrcMpa < settings.OutletHoldFromMpa)
        {
            _lineReadySince = now;
        }
    }

    public Result Update(double pOutMpa, bool pOutTrustworthy, double now, SequenceSettings settings)
    {
        if (!pOutTrustworthy)
        {
            // Nothing to judge by: treated as held, as before this test existed.
            _filling = false;
            return Result.Held;
        }

        if (_filling)
        {
            if (pOutMpa < settings.OutletHoldFromMpa)
            {
                // A P_out that does not answer gas driven in (stuck, frozen) would keep the source open
                // while the manifold runs to the source line's pressure: nothing is proven, give up.
                _fillFloorMpa = double.IsNaN(_fillFloorMpa) ? pOutMpa : Math.Min(_fillFloorMpa, pOutMpa);
                _answered |= pOutMpa - _fillFloorMpa >= FillAnswerMpa;
                if (!_answered && now - _lineReadySince > _answerWithinS)
                {
                    _filling = false;
                    _unanswered = true;
                    return Result.NotFilled;
                }

                return now - _started > FillWithinS ? Result.NotFilled : Result.Holding;
            }

            // Filled: every valve shut from here, judged once the inlet's lag has passed.
            _filling = false;
            _started = now;
            _settleS = AfterFillSettleS;
        }

        var held = now - _started;
        if (double.IsNaN(_smoothedMpa) || held < _settleS / 2)
        {
            _smoothedMpa = pOutMpa;
            _last = now;
            return Result.Holding;
        }

        var dt = Math.Max(0.0, now - _last);
        _last = now;
        _smoothedMpa += (pOutMpa - _smoothedMpa) * (dt / (dt + SmoothingS));
        if (held < _settleS)
        {
            return Result.Holding;
        }

        if (double.IsNaN(_fromMpa))
        {
            _fromMpa = _smoothedMpa;
        }

        if (_fromMpa - _smoothedMpa > settings.OutletHoldDropMpa)
        {
            return Result.OutletOpen;
        }

        if (_smoothedMpa - _fromMpa > settings.OutletHoldDropMpa)
        {
            // Gas coming in (an inlet that has not shut): no outlet can be told by then, and holding the
            // vent shut would only let the manifold rise towards the source line's pressure.
            return Result.Held;
        }

        return held >= _settleS + settings.OutletHoldS ? Result.Held : Result.Holding;
    }
}
