namespace HydroOxygen.Controller.Core;

/// <summary>
/// The outputs last written, and since when each valve has been commanded open: what the checks
/// need to know whether the gas has had time to move.
/// </summary>
public sealed class ValveTiming
{
    /// <summary>From a command, a solenoid has moved and the flows have set in after this long, s.</summary>
    public const double SettleS = 0.05;

    private double _sourceOpenSince = double.NaN;
    private double _chargeOpenSince = double.NaN;
    private double _sprayOpenSince = double.NaN;

    /// <summary>The outputs written at the end of the last tick.</summary>
    public ControlOutputs Last { get; private set; } = ControlOutputs.Safe;

    /// <summary>When the vent was last commanded open (0 before it ever was).</summary>
    public double VentOpenSince { get; private set; }

    public double SourceOpenFor(double now) => OpenFor(_sourceOpenSince, now);

    public double ChargeOpenFor(double now) => OpenFor(_chargeOpenSince, now);

    public double SprayOpenFor(double now) => OpenFor(_sprayOpenSince, now);

    /// <summary>A source valve opened at this tick: from shut, or one source straight after the other.</summary>
    public bool SourceOpenedAt(double now) => _sourceOpenSince == now;

    /// <summary>Takes the outputs of this tick as the ones written.</summary>
    public void Track(in ControlOutputs outputs, double now)
    {
        var last = Last;
        var sameSource = outputs.OxygenSourceOpen == last.OxygenSourceOpen && outputs.CompressorSourceOpen == last.CompressorSourceOpen;
        _sourceOpenSince = Since(outputs.SourceOpen, sameSource, _sourceOpenSince, now);
        _chargeOpenSince = Since(outputs.ChargeOpen, last.ChargeOpen, _chargeOpenSince, now);
        _sprayOpenSince = Since(outputs.SprayOpen, last.SprayOpen, _sprayOpenSince, now);
        if (outputs.VentOpen && !last.VentOpen)
        {
            VentOpenSince = now;
        }

        Last = outputs;
    }

    private static double OpenFor(double since, double now) => double.IsNaN(since) ? 0.0 : now - since;

    private static double Since(bool open, bool wasOpen, double since, double now) =>
        !open ? double.NaN : wasOpen && !double.IsNaN(since) ? since : now;
}
