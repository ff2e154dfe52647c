namespace HydroOxygen.Controller.Core;

/// <summary>
/// The reference a procedure's fill gives the regulator: ramped up from where the fill started,
/// slower than the open inlet can fill the bottle (so the regulator never saturates while the bottle
/// takes gas, nor overshoots when it stops), crept over the last stretch, or straight down to a lower target.
/// </summary>
public struct FillRamp
{
    private const double RampMpaPerSecond = 0.15;
    private const double ApproachMpaPerSecond = 0.03;
    private const double ApproachMpa = 0.06;

    private double _reference;
    private double _at;

    /// <summary>The next fill starts from the manifold as it is then.</summary>
    public void Reset() => _reference = double.NaN;

    public double Reference(double targetMpa, double pOutMpa, double now)
    {
        if (double.IsNaN(_reference) || _reference > targetMpa)
        {
            // Starting, or the target is below: go straight there (the regulator vents down).
            _reference = Math.Min(targetMpa, pOutMpa);
        }
        else
        {
            var rate = targetMpa - _reference > ApproachMpa ? RampMpaPerSecond : ApproachMpaPerSecond;
            _reference = Math.Min(targetMpa, _reference + (rate * (now - _at)));
        }

        _at = now;
        return _reference;
    }
}
