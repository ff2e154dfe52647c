namespace HydroOxygen.Controller.Core;

/// <summary>
/// Estimates the gas leaving the manifold by a mass balance over the volumes the controller
/// measures: what the inlet lets in, less what the manifold and (while the charge valve joins it)
/// the bottle gained. While the vent is shut, that is the nozzle's draw.
/// </summary>
/// <remarks>
/// The inlet's own flow alone cannot tell a blocked nozzle: with the setpoint lowered, the inlet
/// shuts while the manifold and the charged bottle empty through a healthy nozzle. The balance
/// sees that gas leave. The vent is left out on purpose: a vent that is commanded open may be
/// stuck shut, so its flow is judged by the caller (no verdict while it is commanded), never
/// assumed. Pressures and the inlet flow pass through the same first-order filter, whose output
/// slope is the filtered rate of change — smooth enough to difference sensor noise, quick enough
/// to follow a spray burst.
/// </remarks>
public struct NozzleFlowObserver
{
    private const double FilterS = 0.1;

    private double _manifoldMpa;
    private double _bottleMpa;
    private double _inletLpm;
    private bool _started;

    /// <summary>The last estimate, litres/min ANR.</summary>
    public double OutflowLpm { get; private set; }

    /// <param name="inletLpm">The inlet's flow as commanded: opening × its capacity at the measured pressures.</param>
    /// <param name="manifoldLpmPerMpaS">Litres/min that raise the manifold by 1 MPa/s.</param>
    /// <param name="bottleLpmPerMpaS">The same for the bottle's headspace; counted only while <paramref name="bottleJoined"/>.</param>
    public double Update(
        double inletLpm, double pOutMpa, double pBottleMpa, bool bottleJoined,
        double manifoldLpmPerMpaS, double bottleLpmPerMpaS, double dt)
    {
        if (!_started)
        {
            _started = true;
            _manifoldMpa = pOutMpa;
            _bottleMpa = pBottleMpa;
            _inletLpm = inletLpm;
        }

        var blend = dt / (FilterS + dt);
        _manifoldMpa += (pOutMpa - _manifoldMpa) * blend;
        _bottleMpa += (pBottleMpa - _bottleMpa) * blend;
        _inletLpm += (inletLpm - _inletLpm) * blend;

        var manifoldGain = manifoldLpmPerMpaS * (pOutMpa - _manifoldMpa) / FilterS;
        var bottleGain = bottleJoined ? bottleLpmPerMpaS * (pBottleMpa - _bottleMpa) / FilterS : 0.0;
        OutflowLpm = _inletLpm - manifoldGain - bottleGain;
        return OutflowLpm;
    }
}
