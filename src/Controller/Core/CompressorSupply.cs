namespace HydroOxygen.Controller.Core;

/// <summary>
/// The compressor as a gas source: its own hysteresis loop on the tank, the check that a running
/// motor raises the tank, and the check that it delivers under a draw (DESIGN §2.5 CompressorFault).
/// </summary>
public sealed class CompressorSupply(SupplySettings supply, EventRing events)
{
    /// <summary>A manifold drawing more than this masks the tank's rise: the rise check starts again, L/min.</summary>
    private const double HeavyDrawLpm = 10.0;

    private CompressorControl _control;
    private CompressorStallDetector _stall;

    public bool On => _control.On;

    /// <summary>The tank has reached cut-out since the compressor was selected.</summary>
    public bool Warm => _control.Warm;

    /// <summary>The motor runs and delivers at least <paramref name="fraction"/> of its rated flow (or has not been judged yet).</summary>
    public bool RunningHealthy(double fraction) => _stall.RunningHealthy(fraction, supply);

    public void Stop()
    {
        _control.Stop();
        _stall.Reset();
    }

    /// <summary>Runs the motor's loop and its checks; returns whether the motor runs.</summary>
    /// <param name="neededMpa">What regulation needs from the tank (setpoint and margin), MPa.</param>
    public bool Run(in TickReadings readings, double neededMpa, in RegulatorOutput regulated, RegulatorSettings regulator, ref AlarmTable alarms)
    {
        var failed = _control.Update(readings.PSrcMpa, readings.Now, regulated.DeliveredLpm > HeavyDrawLpm, supply, neededMpa);
        var tank = GasFlow.LitresPerMpa(supply.CompressorTankMl, regulator.PolytropicExponent, regulator.GasTemperatureK);
        var inletDraw = regulated.InletOpening * regulated.InletCapacityLpm;

        // Running but not delivering: the tank falls under a draw a healthy compressor outruns.
        failed |= _stall.Update(_control.On, readings.PSrcMpa, inletDraw, readings.Now, readings.Dt, tank, supply);
        if (failed)
        {
            alarms.Raise(AlarmCode.CompressorFault, readings.PSrcMpa, readings.Now, events);
        }

        return _control.On;
    }
}
