using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The three pressure channels' plausibility (DESIGN §2.5), told by the valves when each pressure
/// must be moving. Keeps the last plausible reading of each: what the step works from.
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

    /// <summary>The last plausible reading of each channel, MPa.</summary>
    public double POutMpa { get; private set; }

    public double PBottleMpa { get; private set; }

    public double PSrcMpa { get; private set; }

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
        var ventDraining = last.VentOpen && !last.SourceOpen && now - valves.VentOpenSince > ValveTiming.SettleS && POutMpa > VentMovesAboveMpa;
        var pOutMustMove = (regulating && flowImbalanceLpm > MustMoveFlowLpm) || ventDraining;
        var pBottleMustMove = last.ChargeOpen && valves.ChargeOpenFor(now) > ValveTiming.SettleS
            && Math.Abs(POutMpa - PBottleMpa) > ChargeMovesAcrossMpa;

        var pOutFaulty = _pOut.Update(inputs.POut, POutMpa, now, safety, pOutMustMove, safety.SensorMaxSlewMpaPerS, safety.SensorMaxSlewMpaPerS);
        POutMpa = Plausible(in _pOut, inputs.POut, POutMpa);
        var pBottleFaulty = _pBottle.Update(
            inputs.PBottle, PBottleMpa, now, safety, pBottleMustMove, safety.BottleSensorMaxSlewMpaPerS, safety.BottleSensorMaxSlewMpaPerS);
        PBottleMpa = Plausible(in _pBottle, inputs.PBottle, PBottleMpa);
        var (rise, fall) = _priming.SlewLimits(now, PSrcMpa, safety);
        var pSrcFaulty = _pSrc.Update(inputs.PSrc, PSrcMpa, now, safety, mustMove: false, rise, fall);
        PSrcMpa = Plausible(in _pSrc, inputs.PSrc, PSrcMpa);
        return pOutFaulty | pBottleFaulty | pSrcFaulty;
    }

    private static double Plausible(in SensorCheck check, in PressureSample sample, double lastGoodMpa) =>
        check.Accepted ? sample.Mpa : lastGoodMpa;

    /// <summary>Follows the source valves as written this tick (the line primes behind a valve that opened).</summary>
    public void FollowSourceValve(in ControlOutputs outputs, in ControlOutputs previous, bool openedNow, double now) =>
        _priming.Follow(in outputs, in previous, openedNow, PSrcMpa, now, safety);
}
