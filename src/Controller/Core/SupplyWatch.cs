namespace HydroOxygen.Controller.Core;

/// <summary>
/// The gas supply behind the open source valve (DESIGN §2.5 SupplyLow, SupplyLost): a cylinder low
/// or unable to hold the setpoint; a compressor tank below where a healthy compressor's cycle keeps it.
/// </summary>
public struct SupplyWatch
{
    /// <summary>A running compressor delivering at least this share of its rated flow is healthy.</summary>
    private const double HealthyDeliveryFraction = 0.7;

    private ConditionTimer _low;
    private ConditionTimer _lost;

    public void Update(in TickReadings readings, GasSource source, double setpointMpa, double sourceOpenForS, bool sourceOpen,
        CompressorSupply compressor, SupplySettings supply, ref AlarmTable alarms, EventRing events)
    {
        var (now, pSrc) = (readings.Now, readings.PSrcMpa);
        var judged = sourceOpen && sourceOpenForS >= supply.SourceSettleS;
        var needed = setpointMpa + supply.RegulationMarginMpa;
        bool low;
        bool lost;
        if (source == GasSource.Oxygen)
        {
            low = judged && pSrc < supply.OxygenLowMpa;
            lost = judged && pSrc < needed;
        }
        else
        {
            // A cold tank is judged once it has reached cut-out; a warm one is low below where a healthy
            // compressor's cycle keeps it. A healthy running compressor with the tank falling is a draw
            // outrunning it for a moment; a dead one is CompressorFault.
            var warm = judged && compressor.Warm && !compressor.RunningHealthy(HealthyDeliveryFraction);
            var lowBelow = Math.Max(needed, Math.Min(needed + 0.05, CompressorControl.CutInMpa(needed, supply) - supply.CompressorReserveMpa));
            low = warm && pSrc < lowBelow;
            lost = warm && pSrc < needed;
        }

        alarms.Evaluate(AlarmCode.SupplyLow, _low.Update(low, now, supply.SupplyLowAfterS), 1, pSrc, now, events);
        alarms.Evaluate(AlarmCode.SupplyLost, _lost.Update(lost, now, supply.SupplyLostAfterS), 1, pSrc, now, events);
    }
}
