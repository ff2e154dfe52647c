namespace HydroOxygen.Controller.Core;

/// <summary>
/// A nozzle that does not draw what it should while spraying (DESIGN §2.5 NozzleBlocked): the gas
/// leaving the manifold by the <see cref="NozzleFlowObserver"/>'s balance, against the nozzle's flow at P_out.
/// </summary>
public struct NozzleBlockageWatch
{
    /// <summary>The spray must have been open this long before its draw is judged, s.</summary>
    private const double SprayDemandCheckDelayS = 0.3;

    private NozzleFlowObserver _flow;
    private ConditionTimer _starved;

    /// <summary>The nozzle's flow by its model at the last P_out, litres/min ANR.</summary>
    public double ModelLpm { get; private set; }

    /// <summary>A new spray starts: an earlier one's starving does not count towards it.</summary>
    public void SprayStarted() => _starved.Reset();

    /// <summary>Feeds the balance every tick; returns whether the nozzle has been starved long enough to raise NozzleBlocked, and the outflow.</summary>
    public (bool Blocked, double OutflowLpm) Update(
        in TickReadings readings, bool spraying, double sprayOpenForS, in ControlOutputs last, in RegulatorOutput regulated,
        RegulatorSettings regulator, SafetySettings safety)
    {
        var pOut = readings.POutMpa;
        var outflow = _flow.Update(
            regulated.InletOpening * regulated.InletCapacityLpm, pOut, readings.PBottleMpa, last.ChargeOpen,
            GasFlow.LitresPerMpa(regulator.ManifoldMl, regulator.PolytropicExponent, regulator.GasTemperatureK) * 60.0,
            GasFlow.LitresPerMpa(regulator.BottleHeadspaceMl, regulator.PolytropicExponent, regulator.GasTemperatureK) * 60.0,
            readings.Dt);

        ModelLpm = GasFlow.Lpm(regulator.NozzleC, regulator.NozzleB, pOut, 0.0, regulator.GasTemperatureK);

        // While the vent is commanded open the balance cannot tell the nozzle's draw from the vent's,
        // and a vent stuck shut would pass for a starved nozzle: no verdict then.
        if (!spraying || sprayOpenForS <= SprayDemandCheckDelayS || last.VentOpen)
        {
            _starved.Reset();
            return (false, outflow);
        }

        if (_starved.Update(outflow < safety.NozzleBlockedFlowFraction * ModelLpm, readings.Now, safety.NozzleBlockedAfterS))
        {
            _starved.Reset();
            return (true, outflow);
        }

        return (false, outflow);
    }
}
