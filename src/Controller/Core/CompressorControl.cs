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

    /// <param name="heavyDraw">The manifold is drawing enough to mask the compressor's rise; the rise check restarts.</param>
    /// <returns>Whether the compressor is faulty (failed to raise the pressure, or ran too long).</returns>
    public bool Update(double tankMpa, double now, bool heavyDraw, SupplySettings settings)
    {
        if (_on && tankMpa >= settings.CompressorCutOutMpa)
        {
            _on = false;
            _warm = true;
        }
        else if (!_on && tankMpa <= settings.CompressorCutInMpa)
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
