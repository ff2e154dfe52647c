namespace HydroOxygen.Controller.Core;

/// <summary>
/// Tells when a noisy reading has stopped moving: it is smoothed (a transducer's noise alone would
/// keep breaking any tight window), and is steady once the smoothed value has stayed within a band
/// around where it last settled for a given time. Judges movement only, never the value itself —
/// the service bench uses it precisely where the value cannot yet be trusted, and the self-test to
/// know that venting is over before it judges the zeros.
/// </summary>
public struct SteadyReading
{
    private const double SmoothingS = 0.25;

    private double _smoothed;
    private double _reference;
    private double _since;
    private double _last;

    /// <summary>The smoothed reading, MPa (NaN before the first).</summary>
    public readonly double Smoothed => _smoothed;

    public void Reset()
    {
        _smoothed = double.NaN;
        _reference = double.NaN;
        _since = double.NaN;
        _last = double.NaN;
    }

    /// <summary>Feeds one reading; true once it has stayed within <paramref name="bandMpa"/> for <paramref name="forS"/>.</summary>
    public bool Update(double mpa, double now, double bandMpa, double forS)
    {
        if (double.IsNaN(_smoothed))
        {
            _smoothed = mpa;
        }
        else
        {
            var dt = Math.Max(0.0, now - _last);
            _smoothed += (mpa - _smoothed) * (dt / (dt + SmoothingS));
        }

        _last = now;
        if (!(Math.Abs(_smoothed - _reference) <= bandMpa))
        {
            _reference = _smoothed;
            _since = now;
        }

        return now - _since >= forS;
    }
}
