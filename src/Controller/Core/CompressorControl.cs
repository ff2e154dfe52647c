namespace HydroOxygen.Controller.Core;

/// <summary>
/// The compressor's own loop: on below the cut-in pressure, off above the cut-out (hysteresis on
/// the tank pressure, read through the open air source valve), and a check that a running
/// compressor actually raises that pressure.
/// </summary>
public struct CompressorControl
{
    private bool _on;
    private double _runStart;
    private double _checkStart;
    private double _checkPressure;
    private bool _warm;

    public readonly bool On => _on;

    /// <summary>The tank has reached cut-out at least once since the compressor source was selected.</summary>
    public readonly bool Warm => _warm;

    public void Stop()
    {
        _on = false;
        _warm = false;
    }

    /// <summary>
    /// Where the motor starts: the configured cut-in, raised at the top setpoints so that a tank
    /// waiting at cut-in still holds <see cref="SupplySettings.CompressorReserveMpa"/> above what
    /// regulation needs — a bottle top-up under a spray draws more than the compressor delivers,
    /// and at 0.60 MPa the configured 0.65 MPa cut-in is only 0.01 MPa above the 0.64 MPa needed.
    /// </summary>
    public static double CutInMpa(double neededMpa, SupplySettings settings) =>
        Math.Max(settings.CompressorCutInMpa, Math.Min(settings.CompressorCutOutMpa - 0.03, neededMpa + settings.CompressorReserveMpa));

    /// <param name="heavyDraw">The manifold is drawing enough to mask the compressor's rise; the rise check restarts.</param>
    /// <param name="neededMpa">What regulation needs from the source line (setpoint and margin), MPa; 0 for the configured cut-in.</param>
    /// <returns>Whether the compressor is faulty (failed to raise the pressure, or ran too long).</returns>
    public bool Update(double tankMpa, double now, bool heavyDraw, SupplySettings settings, double neededMpa = 0.0)
    {
        if (_on && tankMpa >= settings.CompressorCutOutMpa)
        {
            _on = false;
            _warm = true;
        }
        else if (!_on && tankMpa <= CutInMpa(neededMpa, settings))
        {
            _on = true;
            _runStart = now;
            _checkStart = now;
            _checkPressure = tankMpa;
        }

        if (!_on)
        {
            return false;
        }

        if (tankMpa < _checkPressure)
        {
            // Judge the rise from the lowest reading: just after the air source is selected the line
            // is still emptying into the tank, and a rise measured from the line's old pressure would
            // call a healthy compressor dead.
            _checkPressure = tankMpa;
        }

        if (heavyDraw)
        {
            // A draw larger than the compressor's delivery can hold the pressure down; judge the
            // rise only over a stretch without one.
            _checkStart = now;
            _checkPressure = tankMpa;
        }
        else if (now - _checkStart >= settings.CompressorStartCheckS)
        {
            if (tankMpa - _checkPressure < settings.CompressorMinRiseMpa)
            {
                return true;
            }

            _checkStart = now;
            _checkPressure = tankMpa;
        }

        return now - _runStart > settings.CompressorMaxRunS;
    }
}
