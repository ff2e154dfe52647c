namespace HydroOxygen.Controller.Core;

/// <summary>
/// Every valve shut for a moment while the manifold still has pressure: a manifold that keeps
/// falling then has an outlet open that nobody commanded — a spray valve stuck open, or a leak the
/// controller cannot tell from one. Done before the controller vents the bottle through the manifold
/// (shutdown, venting down to a lower ceiling) whenever the outlets have not just been seen to hold,
/// because the bottle's gas would leave through a stuck spray valve as mist with the pedal up.
/// </summary>
public struct OutletHoldTest
{
    /// <summary>The outputs switched at the start (source, inlet, spray, charge, vent) have moved by then, s.</summary>
    private const double ValvesSettleS = 0.05;

    /// <summary>P_out is judged smoothed over a few conversions: one noisy reading is not a leak, s.</summary>
    private const double SmoothingS = 0.01;

    private double _started;
    private double _fromMpa;
    private double _smoothedMpa;
    private double _last;

    public enum Result : byte
    {
        Holding,

        /// <summary>The manifold held: the outlets are shut.</summary>
        Held,

        /// <summary>The manifold fell with every valve shut: an outlet is open.</summary>
        OutletOpen,
    }

    /// <summary>Every valve shut, the vent too.</summary>
    public static ControlOutputs Outputs { get; } = ControlOutputs.Safe with { VentOpen = false };

    /// <summary>Whether a hold can tell anything: the manifold has pressure to lose, read by a sensor that is trusted.</summary>
    public static bool Worthwhile(double pOutMpa, bool pOutTrustworthy, SequenceSettings settings) =>
        pOutTrustworthy && pOutMpa >= settings.OutletHoldFromMpa;

    public void Start(double now)
    {
        _started = now;
        _fromMpa = double.NaN;
        _smoothedMpa = double.NaN;
    }

    public Result Update(double pOutMpa, bool pOutTrustworthy, double now, SequenceSettings settings)
    {
        if (!pOutTrustworthy)
        {
            // Nothing to judge by: treated as held, as before this test existed.
            return Result.Held;
        }

        var held = now - _started;
        if (double.IsNaN(_smoothedMpa) || held < ValvesSettleS / 2)
        {
            _smoothedMpa = pOutMpa;
            _last = now;
            return Result.Holding;
        }

        var dt = Math.Max(0.0, now - _last);
        _last = now;
        _smoothedMpa += (pOutMpa - _smoothedMpa) * (dt / (dt + SmoothingS));
        if (held < ValvesSettleS)
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

        return held >= ValvesSettleS + settings.OutletHoldS ? Result.Held : Result.Holding;
    }
}
