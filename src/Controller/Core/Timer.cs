namespace HydroOxygen.Controller.Core;

/// <summary>
/// "Has this condition held for at least T seconds?" — the time-qualification every alarm and
/// sequence step needs, as one small value instead of a scatter of since-fields.
/// </summary>
public struct ConditionTimer
{
    private double _since;
    private bool _holding;

    public readonly bool Holding => _holding;

    /// <summary>Feeds the condition; returns whether it has held continuously for <paramref name="duration"/>.</summary>
    public bool Update(bool condition, double now, double duration)
    {
        if (!condition)
        {
            _holding = false;
            return false;
        }

        if (!_holding)
        {
            _holding = true;
            _since = now;
        }

        return now - _since >= duration - 1e-9;
    }

    public readonly double HeldFor(double now) => _holding ? now - _since : 0.0;

    public void Reset() => _holding = false;
}
