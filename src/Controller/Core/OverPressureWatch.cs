namespace HydroOxygen.Controller.Core;

/// <summary>
/// When P_out or P_bottle is too high (DESIGN §2.5 OverPressure): above the trip — the general one,
/// lowered to a capped program's ceiling as the manifold comes down to it — or running away past
/// the reference with nobody asking for it (an inlet stuck open), or held above the reference and
/// not coming down (a vent that will not open).
/// </summary>
public struct OverPressureWatch
{
    /// <summary>Filter of the manifold's rise rate, s.</summary>
    private const double RiseFilterS = 0.01;

    /// <summary>A tick this many periods after the last one has missed a deadline.</summary>
    private const double LateTickPeriods = 2.0;

    private double _allowanceMpa;
    private double _riseRate;
    private double _previousPOut;
    private double _heldInletUntil;
    private double _inletSpool;
    private double _releasedInflowLpm;
    private bool _previousSprayOpen;
    private bool _previousChargeOpen;
    private ConditionTimer _aboveReference;

    public OverPressureWatch()
    {
        _allowanceMpa = double.PositiveInfinity;
        _heldInletUntil = double.NegativeInfinity;
    }

    /// <summary>The last judgement was a runaway: it trips on its first sample.</summary>
    public bool Runaway { get; private set; }

    /// <param name="capMpa">A regulating program's ceiling, or NaN where the general trip alone applies.</param>
    /// <param name="referenceMpa">The regulator's reference.</param>
    /// <returns>Whether the pressure is over what is allowed now.</returns>
    public bool Update(
        in TickReadings readings, DeviceState state, double capMpa, double referenceMpa, in ControlOutputs last,
        in RegulatorOutput regulated, RegulatorSettings regulator, ControllerSettings settings)
    {
        var safety = settings.Safety;
        var (now, dt, pOut) = (readings.Now, readings.Dt, readings.POutMpa);
        var regulating = state.IsRegulating();

        // The allowance follows the manifold down, never faster than the vent can take it, and rises
        // only with the reference; a manifold that stops coming down is judged by heldAbove.
        var trip = safety.OverPressureTripMpa;
        if (!double.IsNaN(capMpa))
        {
            _allowanceMpa = Math.Max(Math.Max(capMpa, referenceMpa), Math.Min(_allowanceMpa, pOut));
            trip = Math.Min(trip, _allowanceMpa + safety.ProgramTripMarginMpa);
        }
        else
        {
            _allowanceMpa = double.PositiveInfinity;
        }

        // The bottle feeds the hose only while joined to a spraying manifold; elsewhere a bottle above
        // a lowered program's trip is vented down before the next spray (BottleVentDown).
        var bottleTrip = state == DeviceState.Spraying && last.ChargeOpen ? trip : safety.OverPressureTripMpa;

        _riseRate += ((dt > 0 ? (pOut - _previousPOut) / dt : 0.0) - _riseRate) * (dt / (dt + RiseFilterS));
        _previousPOut = pOut;

        // After a late tick with the inlet held open, the manifold rises on that held command until the
        // inlet's lag has acted: the loop's doing (LoopOverrun judges it), not a stuck inlet.
        if (dt >= LateTickPeriods * settings.TickSeconds && last.InletOpening > 0.0)
        {
            _heldInletUntil = now + (GasDelivery.InletActsAfterLags * regulator.InletLagS);
        }

        // An outlet that just shut leaves the inflow its closing spool still passes: that rise is the
        // outlet's closing, not a stuck inlet.
        var lag = regulator.InletLagS;
        var lagBlend = lag > 0 ? 1.0 - Math.Exp(-dt / lag) : 1.0;
        _inletSpool += (last.InletOpening - _inletSpool) * lagBlend;
        _releasedInflowLpm *= 1.0 - lagBlend;
        if ((_previousSprayOpen && !last.SprayOpen) || (_previousChargeOpen && !last.ChargeOpen))
        {
            _releasedInflowLpm = Math.Max(_releasedInflowLpm, _inletSpool * regulated.InletCapacityLpm);
        }

        _previousSprayOpen = last.SprayOpen;
        _previousChargeOpen = last.ChargeOpen;
        var capacitance = GasFlow.LitresPerMpa(regulator.ManifoldMl, regulator.PolytropicExponent, regulator.GasTemperatureK) * 60.0;
        var explainedRise = _releasedInflowLpm / capacitance;
        Runaway = regulating
            && now >= _heldInletUntil
            && pOut - referenceMpa > safety.RunawayMarginMpa
            && _riseRate > safety.RunawayRiseMpaPerS + explainedRise;

        // Held above what was asked for and not coming down: the technician chose the lower pressure for a reason.
        var heldAbove = _aboveReference.Update(regulating && pOut > referenceMpa + safety.AboveReferenceMpa, now, safety.AboveReferenceAfterS);
        return pOut > trip || readings.PBottleMpa > bottleTrip || Runaway || heldAbove;
    }
}
