namespace HydroOxygen.Benchmarks;

/// <summary>
/// The baseline regulator: what the pressure loop of a simple pneumatic device usually is. Inlet
/// fully open below the setpoint less the hysteresis until the setpoint is reached; vent open
/// above the setpoint plus the hysteresis until it is back down. No model, no integrator.
/// </summary>
internal sealed class BangBangController(double hysteresisMpa)
{
    private bool _filling;
    private bool _venting;

    public double HysteresisMpa => hysteresisMpa;

    /// <summary>Inlet opening (0 or 1) and vent state for a measured pressure.</summary>
    public (double InletOpening, bool VentOpen) Update(double pressureMpa, double setpointMpa)
    {
        if (pressureMpa < setpointMpa - hysteresisMpa)
        {
            _filling = true;
        }
        else if (pressureMpa >= setpointMpa)
        {
            _filling = false;
        }

        if (pressureMpa > setpointMpa + hysteresisMpa)
        {
            _venting = true;
        }
        else if (pressureMpa <= setpointMpa)
        {
            _venting = false;
        }

        return (_filling ? 1.0 : 0.0, _venting);
    }
}
