namespace HydroOxygen.Controller.Core;

/// <summary>
/// Keeps the charge valve open a moment after the bottle is charged, while the regulator already
/// drops the bottle's draw: the inlet's spool closes on its lag, and the bottle, not the manifold,
/// takes the gas it still passes (docs/DECISIONS.md, "The charge valve's close").
/// </summary>
/// <remarks>
/// Only for a charge that ends on its own with the spray valve shut; a spray's end has its own
/// answer (the release excess), and a state that sets the valves itself never passes through here.
/// </remarks>
public struct ChargeCloseHold
{
    private double _until;
    private bool _asked;

    /// <summary>The valves are not regulated this tick: nothing to hold.</summary>
    public void Reset()
    {
        _until = double.NegativeInfinity;
        _asked = false;
    }

    /// <summary>Whether the charge valve is held open this tick though its draw is no longer fed forward.</summary>
    public readonly bool Holding(double now) => now < _until;

    /// <param name="chargeJoined">The regulator feeds the charge valve's draw forward (a valve it does not know of is not held).</param>
    /// <returns>Whether the charge valve is commanded open this tick.</returns>
    public bool Update(bool chargeAsked, bool chargeJoined, bool sprayAsked, bool sprayWasOpen, double now, double holdS)
    {
        if (chargeAsked || sprayAsked || sprayWasOpen)
        {
            _until = double.NegativeInfinity;
            _asked = chargeAsked && chargeJoined;
            return chargeAsked;
        }

        if (_asked)
        {
            _until = now + holdS;
            _asked = false;
        }

        return Holding(now);
    }
}
