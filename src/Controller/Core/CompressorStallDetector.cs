namespace HydroOxygen.Controller.Core;

/// <summary>
/// Sees a compressor that is switched on but delivers nothing (DESIGN §2.5 CompressorFault): over a
/// window, what the motor delivered is the tank's rise plus what the inlet drew from it. A healthy
/// compressor (~20 L/min) outruns the nozzle (~13 L/min), so even under a spray the tank must not
/// fall while it runs; a stalled one lets it fall at the full draw. Judged on the flow balance
/// rather than on the tank's rise alone, so a draw does not hide the stall until the supply is lost.
/// </summary>
public struct CompressorStallDetector
{
    private bool _running;
    private double _onSince;
    private double _windowStart;
    private double _windowTankMpa;
    private double _drawnLitres;

    /// <summary>The delivery over the last completed window of this run, litres/min ANR; NaN before the first.</summary>
    public double DeliveredLpm { get; private set; }

    /// <summary>
    /// The motor runs and delivers its share (or has not been judged yet: a dead one is caught when it
    /// is): a tank falling meanwhile is the draw outrunning a healthy compressor, not a failing supply.
    /// </summary>
    public readonly bool RunningHealthy(double fraction, SupplySettings settings) =>
        _running && (double.IsNaN(DeliveredLpm) || DeliveredLpm >= fraction * settings.CompressorFlowLpm);

    /// <summary>The motor was stopped (source changed, device stopped): its next run is judged afresh.</summary>
    public void Reset() => _running = false;

    /// <param name="motorOn">The compressor is commanded on.</param>
    /// <param name="tankMpa">The tank, read through the open air source valve.</param>
    /// <param name="drawLpm">What the inlet takes from the source line now (the regulator's model), litres/min.</param>
    /// <param name="tankLitresPerMpa">The tank's capacitance: free-air litres per MPa.</param>
    /// <returns>Whether the motor has stalled.</returns>
    public bool Update(bool motorOn, double tankMpa, double drawLpm, double now, double dt, double tankLitresPerMpa, SupplySettings settings)
    {
        if (!motorOn)
        {
            _running = false;
            return false;
        }

        if (!_running)
        {
            _running = true;
            _onSince = now;
            _windowStart = double.NaN;
            DeliveredLpm = double.NaN;
        }

        if (now - _onSince < settings.CompressorSpinUpS)
        {
            return false;
        }

        if (double.IsNaN(_windowStart))
        {
            _windowStart = now;
            _windowTankMpa = tankMpa;
            _drawnLitres = 0.0;
            return false;
        }

        _drawnLitres += Math.Max(0.0, drawLpm) * dt / 60.0;
        var span = now - _windowStart;
        if (span < settings.CompressorStallWindowS)
        {
            return false;
        }

        DeliveredLpm = (((tankMpa - _windowTankMpa) * tankLitresPerMpa) + _drawnLitres) / span * 60.0;
        _windowStart = now;
        _windowTankMpa = tankMpa;
        _drawnLitres = 0.0;
        return DeliveredLpm < settings.CompressorStallFraction * settings.CompressorFlowLpm;
    }
}
