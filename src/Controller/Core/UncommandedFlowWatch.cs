namespace HydroOxygen.Controller.Core;

/// <summary>
/// Gas leaving with the spray valve shut (DESIGN §2.5 UncommandedFlow: a spray valve stuck open, a
/// burst hose): what the inlet delivers beyond what the controller asks for — the fill along the
/// reference and the charge into the bottle — judged against the nozzle's own flow, wherever the
/// manifold is held at its reference with the spray valve commanded shut.
/// </summary>
/// <remarks>
/// Only with the manifold held: a held pressure is the evidence that the commanded inflow really
/// enters (an inlet stuck shut also has the regulator asking for more, but the pressure sags). Once
/// it has fired, the spray valve stays suspect until the manifold has held in Ready again.
/// </remarks>
public struct UncommandedFlowWatch
{
    /// <summary>A fill has shown that gas enters once the manifold has risen this much, MPa: well clear of noise.</summary>
    private const double FillEvidenceMpa = 0.02;

    private ConditionTimer _leaking;
    private ConditionTimer _outletsHeld;
    private double _fillFromMpa;
    private bool _fillRose;

    /// <summary>Gas has left by a way nobody opened: the bottle is never vented through the manifold while this holds.</summary>
    public bool SprayValveSuspect { get; private set; }

    /// <summary>The leak check has passed in Ready for as long as it needs to see a leak: the outlets are shut.</summary>
    public readonly bool OutletsProven(double now, SafetySettings safety) => _outletsHeld.HeldFor(now) >= safety.UncommandedFlowAfterS;

    /// <summary>A fill starts from <paramref name="pOutMpa"/>: it must show that gas enters before an unanswered demand is a leak.</summary>
    public void FillStarted(double pOutMpa)
    {
        _fillFromMpa = pOutMpa;
        _fillRose = false;
    }

    /// <summary>Something else (a shutdown's hold, a vent-down) found an outlet open.</summary>
    public void SuspectSprayValve() => SprayValveSuspect = true;

    /// <param name="fillTimedOut">The fill ran past the pressurize time-out with too little pressure for a hold (<see cref="StalledFillHold"/>) to tell: with some pressure held, it must not feed a leak for good.</param>
    /// <returns>Whether gas has been leaving for the alarm's qualification time, and how much (L/min).</returns>
    public (bool Leaking, double UnexplainedLpm) Update(
        in TickReadings readings, DeviceState state, bool ventingDown, bool fillTimedOut, double setpointMpa, double referenceMpa,
        in ControlOutputs last, in RegulatorOutput regulated, RegulatorSettings regulator, ControllerSettings settings)
    {
        var safety = settings.Safety;
        var (now, pOut) = (readings.Now, readings.POutMpa);
        var pressurizing = state == DeviceState.Pressurizing;
        _fillRose |= pressurizing && pOut >= _fillFromMpa + FillEvidenceMpa;
        var fillShowsInflow = !pressurizing || _fillRose || pOut >= referenceMpa - settings.Sequence.ReadyWithinMpa;
        var stalledFill = pressurizing && fillTimedOut && pOut >= safety.UnderPressureMarginMpa && _fillRose;
        var held = state == DeviceState.Ready || stalledFill
            || (pOut >= referenceMpa - safety.UnderPressureMarginMpa && fillShowsInflow);
        var fillFlow = Math.Max(0.0, regulated.FeedForwardLpm - regulated.DrawLpm);
        var unexplained = regulated.DeliveredLpm - regulated.DrawLpm - fillFlow;

        // A stalled fill is judged against the nozzle's flow at the pressure it holds: the leak draws at that pressure.
        var judgedAt = stalledFill ? Math.Min(pOut, setpointMpa) : setpointMpa;
        var nozzleDraw = GasFlow.Lpm(regulator.NozzleC, regulator.NozzleB, judgedAt, 0.0, regulator.GasTemperatureK);
        var leaking = state is DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging
            && !last.SprayOpen
            && held
            && unexplained > safety.UncommandedFlowFraction * nozzleDraw;
        var qualified = _leaking.Update(leaking, now, safety.UncommandedFlowAfterS);
        _outletsHeld.Update(state == DeviceState.Ready && !ventingDown && !leaking && !last.SprayOpen, now, 0.0);
        return (qualified, unexplained);
    }

    /// <summary>After the alarm's evaluation: latched keeps the spray valve suspect; a manifold held long enough clears it.</summary>
    public void Judge(bool alarmLatched, double now, SafetySettings safety)
    {
        if (alarmLatched)
        {
            SprayValveSuspect = true;
        }
        else if (_outletsHeld.HeldFor(now) >= safety.SprayValveProvenS)
        {
            SprayValveSuspect = false;
        }
    }
}
