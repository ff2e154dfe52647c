namespace HydroOxygen.Controller.Core;

/// <summary>What the regulator needs to know each tick.</summary>
public readonly record struct RegulatorInputs(
    double SetpointMpa,
    double POutMpa,
    double PSrcMpa,
    double PBottleMpa,
    double SourceOpenForS,
    double ChargeOpenForS,
    double SprayOpenForS);

/// <summary>What the regulator commands, and why (for traces and tuning).</summary>
public readonly record struct RegulatorOutput(
    double InletOpening,
    bool VentOpen,
    double DemandLpm,
    double FeedForwardLpm,
    double DrawLpm,
    double InletCapacityLpm,
    double DeliveredLpm);

/// <summary>
/// Output-pressure regulator (DESIGN §2.3): a two-degree-of-freedom, model-following design.
/// </summary>
/// <remarks>
/// <para>
/// The manifold is an integrator: flow in raises its pressure at a rate set by its volume. So the
/// regulator works in flow (litres/min ANR) and only at the end converts a flow demand into an
/// inlet opening or a vent duty through the ISO 6358 model of each valve at the measured
/// pressures — which keeps the loop gain the same whether the source is a 0.75 MPa cylinder or a
/// compressor tank sagging towards the setpoint.
/// </para>
/// <para>
/// The setpoint is followed by a reference that rises at most at <see cref="RegulatorSettings.RampUpMpaPerS"/>
/// (the fast fill, limited to what the inlet can deliver) and brakes at a constant deceleration so
/// that it arrives at the setpoint with zero rate. Feed-forward delivers the flow that moves the
/// manifold along that reference, plus the known draws: the charge valve into the bottle and the
/// spray valve into the hose (a small hose model predicts the burst that fills it at spray start,
/// with a lead that cancels the inlet valve's lag). A reference model — the reference seen
/// through the inlet valve's lag — predicts the pressure the feed-forward alone would give, and
/// the PI acts only on the difference between that prediction and the measurement. Feed-forward
/// and PI therefore never fight: the fill is open-loop and fast, the hand-over to closed loop is
/// bumpless by construction, and re-engaging from any pressure starts from the measurement.
/// </para>
/// <para>
/// The integrator only integrates once the reference has arrived, and only errors between a small
/// dead band and a window — a moving reference or a large error is a transient the feed-forward
/// already knows about, not an offset to learn — and never further into a saturated output
/// (conditional integration); while neither valve acts it bleeds away, so a bias left by the
/// last transient does not greet the next spray. The struct is plain data and allocates nothing.
/// </para>
/// </remarks>
public struct PressureRegulator
{
    private double _reference;
    private double _model;
    private double _integral;
    private double _previousError;
    private DrawModel _draws;
    private VentModulator _vent;

    public readonly double ReferenceMpa => _reference;
    public readonly double ModelMpa => _model;
    public readonly double IntegralLpm => _integral;
    public readonly DrawModel Draws => _draws;

    /// <summary>Starts regulating from the measured pressures, with no memory of earlier runs.</summary>
    public void Engage(double measuredMpa, double bottleMpa, double now)
    {
        _reference = measuredMpa;
        _model = measuredMpa;
        _integral = 0.0;
        _previousError = 0.0;
        _draws.Reset(bottleMpa);
        _vent.Reset(now);
    }

    public RegulatorOutput Update(in RegulatorInputs input, RegulatorSettings settings, double dt, double now)
    {
        var capacitance = GasFlow.LitresPerMpa(settings.ManifoldMl, settings.PolytropicExponent, settings.GasTemperatureK) * 60.0;
        var temperature = settings.GasTemperatureK;
        var inletCapacity = GasFlow.Lpm(settings.InletC, settings.InletB, input.PSrcMpa, input.POutMpa, temperature);
        var ventCapacity = GasFlow.Lpm(settings.VentC, settings.VentB, input.POutMpa, 0.0, temperature);

        if (input.SourceOpenForS < settings.SourcePrimeS)
        {
            // The source line is still filling behind a valve that just opened: hold everything
            // and start the fill from wherever the pressure is when it is primed.
            _reference = input.POutMpa;
            _model = input.POutMpa;
            _integral = 0.0;
            _previousError = 0.0;
            _vent.Reset(now);
            return new RegulatorOutput(0.0, false, 0.0, 0.0, 0.0, inletCapacity, 0.0);
        }

        // The draws are predicted at the model pressure, not the measured one: a draw computed from
        // the measurement would add inflow whenever the pressure rose — positive feedback through
        // the feed-forward, which set the loop oscillating with the bottle coupled in. The lead only
        // ever removes what the draw itself asked for: a falling lead would ask the vent for a pulse
        // far shorter than it can make.
        var draw = _draws.Update(in input, _model, settings, dt, out var lead);
        var drawFeed = draw >= 0 ? Math.Max(0.0, draw + lead) : draw + lead;

        var rate = NextReferenceRate(in input, settings, inletCapacity, ventCapacity, draw, capacitance, dt);
        _reference += rate * dt;
        var lagBlend = settings.InletLagS > 0 ? 1.0 - Math.Exp(-dt / settings.InletLagS) : 1.0;
        _model += (_reference - _model) * lagBlend;

        var feedForward = (capacitance * rate) + drawFeed;
        var error = _model - input.POutMpa;
        var derivative = dt > 0 ? (error - _previousError) / dt : 0.0;
        _previousError = error;
        var demand = feedForward + (settings.ProportionalGain * error) + _integral + (settings.DerivativeGain * derivative);

        var inletOpening = 0.0;
        var ventDuty = 0.0;
        var saturatedHigh = false;
        var saturatedLow = false;
        if (demand > settings.OutputDeadbandLpm)
        {
            if (input.PSrcMpa - input.POutMpa >= settings.SourceHeadMinMpa)
            {
                inletOpening = Math.Min(1.0, demand / inletCapacity);
                saturatedHigh = demand >= inletCapacity;
            }
            else
            {
                // No usable head across the inlet (source line still filling, or supply sagging):
                // opening it would meter nothing, or let the manifold flow back into the source.
                saturatedHigh = true;
            }
        }
        else if (demand < -settings.OutputDeadbandLpm)
        {
            // The vent is a coarse on/off valve: its shortest pulse moves the manifold by more than
            // the steady-state band. Use it to follow a falling reference or to shed a real excess,
            // and otherwise hold — a few kPa above the setpoint leave with the next spray.
            if (rate < 0.0 || input.POutMpa - Math.Max(_model, _reference) > settings.VentAboveMpa)
            {
                ventDuty = ventCapacity > 0 ? Math.Min(1.0, -demand / ventCapacity) : 1.0;
                saturatedLow = -demand >= ventCapacity;
            }
            else
            {
                saturatedLow = true;
            }
        }

        var idle = inletOpening == 0.0 && ventDuty == 0.0;
        if (idle && settings.IntegratorBleedS > 0)
        {
            _integral *= Math.Exp(-dt / settings.IntegratorBleedS);
        }
        else if (rate == 0.0 && Math.Abs(error) > settings.IntegratorDeadbandMpa && Math.Abs(error) < settings.IntegratorWindowMpa
            && !(saturatedHigh && error > 0) && !(saturatedLow && error < 0))
        {
            var limit = Math.Max(inletCapacity, ventCapacity) + Math.Abs(draw);
            _integral = Math.Clamp(_integral + (settings.IntegralGain * error * dt), -limit, limit);
        }

        var ventOpen = _vent.Update(ventDuty, now, settings.VentPwmPeriodS, settings.VentMinPulseS, settings.SolenoidOffDelayS, settings.SolenoidOnDelayS);
        var delivered = (inletOpening * inletCapacity) - (ventOpen ? ventCapacity : 0.0);
        return new RegulatorOutput(inletOpening, ventOpen, demand, feedForward, draw, inletCapacity, delivered);
    }

    /// <summary>
    /// The reference's next rate: at most the configured ramp and what the valves can actually move
    /// (so the feed-forward stays out of saturation and the reference model stays truthful), and no
    /// more than lets it brake to zero rate at the setpoint with the configured deceleration.
    /// Held at zero while the source line is still priming behind a valve that just opened.
    /// </summary>
    private readonly double NextReferenceRate(
        in RegulatorInputs input,
        RegulatorSettings settings,
        double inletCapacity,
        double ventCapacity,
        double draw,
        double capacitance,
        double dt)
    {
        var distance = input.SetpointMpa - _reference;
        var braking = Math.Sqrt(2.0 * settings.RampDecelerationMpaPerS2 * Math.Abs(distance));
        var rate = distance >= 0
            ? Math.Min(braking, Math.Max(0.0, Math.Min(settings.RampUpMpaPerS, 0.8 * (inletCapacity - draw) / capacitance)))
            : -Math.Min(braking, Math.Max(0.0, Math.Min(settings.RampDownMpaPerS, 0.8 * (ventCapacity + draw) / capacitance)));
        return Math.Abs(rate * dt) >= Math.Abs(distance) && dt > 0 ? distance / dt : rate;
    }
}
