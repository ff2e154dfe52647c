namespace HydroOxygen.Controller.Core;

/// <summary>
/// Counts use and wear on the tick (DESIGN §2.8): spray and compressor time, valve openings, the
/// liquid fed and the gas the inlet let through, as plain sums that never go down.
/// </summary>
/// <remarks>
/// The inlet's flow is the regulator's own model of it: the commanded opening through the valve's lag,
/// times the ISO 6358 capacity at the measured P_src and P_out. The opening written at the end of a
/// tick acts during the next one, so each tick counts the flow of the opening written before it.
/// </remarks>
/// <param name="oxygenVolumeFactor">Litres of oxygen per litre of the inlet's (air) model: the one place it is applied.</param>
public sealed class UsageMeter(LiquidFeedSettings feed, double oxygenVolumeFactor = 1.0)
{
    private UsageCounters _counters;
    private double _spool;
    private bool _started;

    public ref readonly UsageCounters Counters => ref _counters;

    /// <param name="previous">The outputs written at the end of the last tick (they acted during this one).</param>
    /// <param name="outputs">The outputs of this tick.</param>
    public void Track(in ControlOutputs previous, in ControlOutputs outputs, in TickReadings readings, bool spraying, RegulatorSettings regulator)
    {
        var dt = readings.Dt;
        if (_started && dt > 0)
        {
            var blend = regulator.InletLagS > 0 ? 1.0 - Math.Exp(-dt / regulator.InletLagS) : 1.0;
            var target = previous.SourceOpen ? previous.InletOpening : 0.0;
            _spool += (target - _spool) * blend;
            if (_spool > 1e-6)
            {
                var litres = _spool * GasFlow.Lpm(regulator.InletC, regulator.InletB, readings.PSrcMpa, readings.POutMpa, regulator.GasTemperatureK) * dt / 60.0;
                if (previous.OxygenSourceOpen)
                {
                    _counters.OxygenLitres += litres * oxygenVolumeFactor;
                }
                else if (previous.CompressorSourceOpen)
                {
                    _counters.AirLitres += litres;
                }
            }

            if (spraying)
            {
                _counters.SprayS += dt;
                _counters.LiquidFedMl += feed.MlPerMin(readings.PBottleMpa) * dt / 60.0;
            }

            if (previous.CompressorOn)
            {
                _counters.CompressorS += dt;
            }
        }

        _started = true;
        if (outputs.SprayOpen && !previous.SprayOpen)
        {
            _counters.SprayValveCycles++;
        }

        if (outputs.ChargeOpen && !previous.ChargeOpen)
        {
            _counters.ChargeValveCycles++;
        }

        if ((outputs.OxygenSourceOpen && !previous.OxygenSourceOpen) || (outputs.CompressorSourceOpen && !previous.CompressorSourceOpen))
        {
            _counters.SourceValveCycles++;
        }

        if (outputs.VentOpen && !previous.VentOpen)
        {
            _counters.VentValveCycles++;
        }
    }
}
