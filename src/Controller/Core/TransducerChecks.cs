using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The three pressure channels' plausibility (DESIGN §2.5), told by the valves when each pressure
/// must be moving. Passes on the last plausible reading of each.
/// </summary>
public sealed class TransducerChecks(SafetySettings safety)
{
    /// <summary>An inlet delivering this much more or less than is drawn must move P_out, L/min.</summary>
    private const double MustMoveFlowLpm = 10.0;

    /// <summary>An open vent must move a manifold above this, MPa.</summary>
    private const double VentMovesAboveMpa = 0.08;

    /// <summary>An open charge valve must move a bottle this far from the manifold, MPa.</summary>
    private const double ChargeMovesAcrossMpa = 0.05;

    private SensorCheck _pOut;
    private SensorCheck _pBottle;
    private SensorCheck _pSrc;
    private SourceLinePriming _priming = new();

    public double POutMpa => _pOut.LastGoodMpa;
    public double PBottleMpa => _pBottle.LastGoodMpa;
    public double PSrcMpa => _pSrc.LastGoodMpa;

    public bool POutFaulty => _pOut.Faulty;
    public bool PBottleFaulty => _pBottle.Faulty;
    public bool PSrcFaulty => _pSrc.Faulty;

    /// <summary>Which channel the SensorFault alarm names: 0 P_out, 1 P_bottle, 2 P_src.</summary>
    public double FaultChannel =>
        _pOut.Stuck || _pOut.LastProblem != SensorStatus.Ok ? 0 : _pBottle.LastProblem != SensorStatus.Ok || _pBottle.Stuck ? 1 : 2;

    /// <summary>Feeds the tick's samples; returns whether any channel is faulty.</summary>
    /// <param name="regulating">The regulator works the manifold: its flow imbalance must move P_out.</param>
    /// <param name="flowImbalanceLpm">What the inlet delivers beyond what is drawn, either way, L/min.</param>
    public bool Check(in ControlInputs inputs, double now, bool regulating, double flowImbalanceLpm, ValveTiming valves)
    {
        var last = valves.Last;
        var ventDraining = last.VentOpen && !last.SourceOpen && now - valves.VentOpenSince > ValveTiming.SettleS && _pOut.LastGoodMpa > VentMovesAboveMpa;
        var pOutMustMove = (regulating && flowImbalanceLpm > MustMoveFlowLpm) || ventDraining;
        var pBottleMustMove = last.ChargeOpen && valves.ChargeOpenFor(now) > ValveTiming.SettleS
            && Math.Abs(_pOut.LastGoodMpa - _pBottle.LastGoodMpa) > ChargeMovesAcrossMpa;

        var faulty = _pOut.Update(inputs.POut, now, safety, pOutMustMove, safety.SensorMaxSlewMpaPerS);
        faulty |= _pBottle.Update(inputs.PBottle, now, safety, pBottleMustMove, safety.BottleSensorMaxSlewMpaPerS);
        var (rise, fall) = _priming.SlewLimits(now, _pSrc.LastGoodMpa, safety);
        faulty |= _pSrc.Update(inputs.PSrc, now, safety, mustMove: false, rise, fall);
        return faulty;
    }

    /// <summary>Follows the source valves as written this tick (the line primes behind a valve that opened).</summary>
    public void FollowSourceValve(in ControlOutputs outputs, in ControlOutputs previous, bool openedNow, double now) =>
        _priming.Follow(in outputs, in previous, openedNow, _pSrc.LastGoodMpa, now, safety);
}
