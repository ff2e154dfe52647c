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
/// spray valve into the hose (a small hose model predicts the burst that fills it at spray start);
/// the draws' share of the inlet command inverts the valve's lag, so they are cancelled as fast as
/// the spool can move. A reference model — the reference seen
/// through the inlet valve's lag — predicts the pressure the feed-forward alone would give, and
/// the PI acts only on the difference between that prediction and the measurement. Feed-forward
/// and PI therefore never fight: the fill is open-loop and fast, the hand-over to closed loop is
/// bumpless by construction, and re-engaging from any pressure starts from the measurement.
/// </para>
/// <para>
/// The integrator only integrates once the reference has arrived, errors beyond a small dead band,
/// each clipped to a limit — so that a short large error (a spray-start dip the feed-forward
/// already answers) teaches it little, while a lasting one (a leak) is still learned — and never
/// further into a saturated output (conditional integration); while neither valve acts it bleeds away, so a bias left by the
/// last transient does not greet the next spray. Nothing in it allocates after construction.
/// </para>
/// <para>
/// A setpoint raised in one jump is not followed by the ramp: <see cref="SetpointRise"/> opens the inlet
/// fully and shuts it where the spool's closing tail carries the manifold to the setpoint, and the
/// regulator takes over from the pressure it arrives at. The power-on fill keeps the ramp. A setpoint
/// lowered in one jump is answered likewise by <see cref="SetpointFall"/>: the vent fully open, shut where
/// its blow-down over the solenoid's pull-in lands the manifold on the setpoint; the reference keeps its ramp.
/// </para>
/// </remarks>
public sealed class PressureRegulator
{
    /// <summary>Smoothing of the measured pressure for the excess decision, s (the decision must not chase noise).</summary>
    private const double SmoothingS = 0.01;

    /// <summary>Time between excess corrections, s: long enough for a pulse and its refill to settle.</summary>
    private const double CorrectionSpacingS = 0.5;

    /// <summary>
    /// An excess must last this long before it is vented, s: the vent's shortest pulse takes out
    /// several times the threshold, so a pulse fired by transducer noise on a manifold that is in
    /// fact within the band would make a real dip out of an apparent excess.
    /// </summary>
    private const double ExcessPersistS = 0.2;

    /// <summary>A fill's excess over its model is taken as a share of the rise once the model has risen this far, MPa.</summary>
    private const double FillGainAfterMpa = 0.02;

    /// <summary>The rise a priming inlet's spool still brings is taken as up to this many times its model (the plant gave 1.4×).</summary>
    private const double PrimeRiseMargin = 1.5;

    /// <summary>A fill this many times <see cref="RegulatorSettings.FillExcessMaxMpa"/> ahead of its model is running away.</summary>
    private const double RunningAwayExcesses = 1.5;

    /// <summary>A release excess measured when its pulse is commanded is vented up to this many times its release-time prediction.</summary>
    private const double ReleaseExcessMargin = 1.5;

    private double _reference;
    private double _model;
    private double _integral;
    private double _previousError;
    private DrawModel _draws;
    private double _drawSpool;
    private double _previousDraw;

    /// <summary>When the release excess's vent pulse is to be sized and commanded (NaN: none pending).</summary>
    private double _releaseVentAt = double.NaN;

    /// <summary>The pending release excess as predicted at the release, litres.</summary>
    private double _releaseLitres;
    private double _smoothedMpa;
    private double _lastCorrection;
    private double _excessSince;
    private VentModulator _vent;
    private RegulatorOutput _regulated;
    private bool _sprayAsked;
    private bool _chargeHeld;
    private SetpointRise _rise;
    private bool _raiseAtFullOpening;
    private SetpointFall _fall;

    /// <summary>A lowered setpoint may be answered by <see cref="SetpointFall"/> this tick (nothing else has the vent's manifold).</summary>
    private bool _fallEligible;

    /// <summary>The inlet's spool as opened while the source line primes (the lag model of that command).</summary>
    private double _primeSpool;

    /// <summary>Where the model stood when the reference last set off upwards (NaN while it is not rising).</summary>
    private double _fillFrom;

    public double ReferenceMpa => _reference;
    public double IntegralLpm => _integral;

    /// <summary>What the regulator commanded at its last update (zero while it does not regulate).</summary>
    public ref readonly RegulatorOutput Regulated => ref _regulated;

    /// <summary>Starts regulating from the measured pressures, with no memory of earlier runs.</summary>
    public void Engage(double measuredMpa, double bottleMpa, double now)
    {
        _regulated = default;
        _sprayAsked = false;
        _reference = measuredMpa;
        _model = measuredMpa;
        _integral = 0.0;
        _previousError = 0.0;
        _draws.Reset(bottleMpa);
        _drawSpool = 0.0;
        _previousDraw = 0.0;
        _releaseVentAt = double.NaN;
        _smoothedMpa = measuredMpa;
        _lastCorrection = now;
        _excessSince = double.NaN;
        _vent.Reset(now);
        _rise.Reset();
        _fall.Reset();
        _primeSpool = 0.0;
        _fillFrom = double.NaN;
    }

    /// <summary>The regulator is not working the valves this tick.</summary>
    public void Idle()
    {
        _regulated = default;
        _sprayAsked = false;
        _rise.InletShut();
        _fall.Reset();
    }

    /// <summary>
    /// Regulates P_out, as the transducer checks passed it, to <paramref name="setpointMpa"/>; the
    /// outlet valves' draws are fed forward from how long each has been open.
    /// </summary>
    /// <param name="chargeJoined">The charge valve joins the bottle to the manifold (its draw is fed forward).</param>
    /// <param name="chargeHeld">The charge valve is held open after its draw was dropped: the bottle takes the inlet's tail.</param>
    /// <param name="raiseAtFullOpening">
    /// A raised setpoint may be answered by <see cref="SetpointRise"/>, a lowered one by <see cref="SetpointFall"/>;
    /// off where the setpoint's steps are someone's experiment (a service procedure identifies the valves from the ramp's response).
    /// </param>
    public ref readonly RegulatorOutput Regulate(
        in TickReadings readings, double setpointMpa, bool chargeJoined, bool spray, ValveTiming valves, RegulatorSettings settings,
        bool chargeHeld = false, bool raiseAtFullOpening = true)
    {
        _chargeHeld = chargeHeld;
        _raiseAtFullOpening = raiseAtFullOpening;
        var now = readings.Now;
        var last = valves.Last;
        _fallEligible = raiseAtFullOpening && !spray && !last.SprayOpen && !last.ChargeOpen && !chargeHeld;
        var input = new RegulatorInputs(
            setpointMpa,
            readings.POutMpa,
            readings.PSrcMpa,
            readings.PBottleMpa,
            valves.SourceOpenFor(now),
            chargeJoined && last.ChargeOpen ? valves.ChargeOpenFor(now) : 0.0,
            OpenFor(spray, last.SprayOpen, _sprayAsked, valves.SprayOpenFor(now), settings.SprayLeadS));
        if (spray && !_sprayAsked)
        {
            // An excess being vented leaves with the spray that starts now; venting it too deepens the dip.
            _vent.CancelPulse(now);
            _releaseVentAt = double.NaN;
        }

        _sprayAsked = spray;
        _regulated = Update(in input, settings, readings.Dt, now);
        return ref _regulated;
    }

    /// <summary>
    /// How long the spray valve has been open as its draw is fed forward: from the tick that asks for
    /// it, ahead by the lead; an ask that was not written (another rule kept the valve shut) feeds nothing.
    /// </summary>
    private static double OpenFor(bool asked, bool written, bool askedBefore, double openFor, double lead) =>
        !asked ? 0.0 : written ? openFor + lead : askedBefore ? 0.0 : lead;

    private RegulatorOutput Update(in RegulatorInputs input, RegulatorSettings settings, double dt, double now)
    {
        var capacitance = GasFlow.LitresPerMpa(settings.ManifoldMl, settings.PolytropicExponent, settings.GasTemperatureK) * 60.0;
        var temperature = settings.GasTemperatureK;
        var inletCapacity = GasFlow.Lpm(settings.InletC, settings.InletB, input.PSrcMpa, input.POutMpa, temperature);
        var ventCapacity = GasFlow.Lpm(settings.VentC, settings.VentB, input.POutMpa, 0.0, temperature);

        var lagBlend = settings.InletLagS > 0 ? 1.0 - Math.Exp(-dt / settings.InletLagS) : 1.0;
        if (input.SourceOpenForS < settings.SourcePrimeS)
        {
            return Prime(in input, settings, capacitance, inletCapacity, lagBlend, now);
        }

        // The draws are predicted at the model pressure, not the measured one: a draw computed from
        // the measurement would add inflow whenever the pressure rose — positive feedback through
        // the feed-forward, which set the loop oscillating with the bottle coupled in.
        var draw = _draws.Update(in input, _model, settings, dt);
        var headAvailable = input.PSrcMpa - input.POutMpa >= settings.SourceHeadMinMpa;
        var rising = _rise.Active;
        var rise = inletCapacity > 0.0
            ? _rise.Command(
                input.SetpointMpa, input.POutMpa, _raiseAtFullOpening && headAvailable && input.SprayOpenForS <= 0.0, inletCapacity / capacitance,
                Math.Clamp(draw / inletCapacity, 0.0, 1.0), settings.InletLagS, dt, now)
            : double.NaN;
        var falling = _fall.Active;
        var fall = _fall.Command(
            input.SetpointMpa, input.POutMpa, _fallEligible && double.IsNaN(rise) && !rising, ventCapacity,
            (_rise.SpoolOpening * inletCapacity) - Math.Max(0.0, draw), capacitance, settings.SolenoidOnDelayS, dt, now);
        if (!double.IsNaN(rise))
        {
            return Rise(rise, in input, settings, inletCapacity, ventCapacity, draw, lagBlend, dt, now);
        }

        if (!double.IsNaN(fall))
        {
            return Fall(fall, in input, settings, capacitance, inletCapacity, ventCapacity, draw, lagBlend, dt, now);
        }

        if (falling && _fall.Landed)
        {
            // Landed: the regulator holds the setpoint from the pressure the fall left.
            _reference = input.SetpointMpa;
            _model = input.POutMpa;
            _previousError = 0.0;
        }

        if (rising)
        {
            // The regulator takes over from the pressure the rise left: on the setpoint at most, unless
            // a lower one left the manifold above it (then it ramps down from here).
            _reference = _rise.EndedOnTarget ? Math.Min(input.SetpointMpa, input.POutMpa) : input.POutMpa;
            _model = input.POutMpa;
            _previousError = 0.0;
        }

        var rate = NextReferenceRate(in input, settings, inletCapacity, ventCapacity, draw, capacitance, dt);
        _reference += rate * dt;
        _model += (_reference - _model) * lagBlend;

        var error = _model - input.POutMpa;
        Smooth(input.POutMpa, dt);
        if (_smoothedMpa - Math.Max(_model, _reference) <= settings.VentAboveMpa)
        {
            _excessSince = double.NaN;
        }
        else if (double.IsNaN(_excessSince))
        {
            _excessSince = now;
        }
        var derivative = dt > 0 ? (error - _previousError) / dt : 0.0;
        _previousError = error;

        // Two parts of the inlet command. The fill and the PI pass through the valve's lag, which
        // the reference model accounts for. The draw is a disturbance to cancel as fast as the spool
        // can move: its part of the command inverts the lag on a model of the spool (dead-beat,
        // saturating at fully open, carrying the shortfall over to the next ticks).
        // The spray start's refill is a disturbance answer too: it shares the draw's lag inversion, so
        // the spool stays open through the dip instead of closing on its lag as the refill is asked for.
        var regulating = (capacitance * rate) + (settings.ProportionalGain * error) + _integral + (settings.DerivativeGain * derivative);
        var refill = DipRefill(in input, error, capacitance, settings);
        var demand = regulating + draw + refill;
        var feedForward = (capacitance * rate) + draw;

        var inletOpening = 0.0;
        var ventDuty = 0.0;
        var saturatedHigh = false;
        var saturatedLow = false;
        if (demand > settings.OutputDeadbandLpm)
        {
            if (headAvailable)
            {
                var drawTarget = (Math.Max(0.0, draw) + refill) / inletCapacity;
                var drawCommand = lagBlend > 0 ? _drawSpool + ((drawTarget - _drawSpool) / lagBlend) : drawTarget;
                var command = (regulating / inletCapacity) + Math.Max(0.0, drawCommand);
                inletOpening = Math.Clamp(command, 0.0, 1.0);
                saturatedHigh = command >= 1.0;
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
            if (rate < 0.0)
            {
                ventDuty = ventCapacity > 0 ? Math.Min(1.0, -demand / ventCapacity) : 1.0;
                saturatedLow = -demand >= ventCapacity;
            }
            else
            {
                saturatedLow = true;
                CorrectExcess(capacitance, ventCapacity, settings, now);
            }
        }

        // The spool model follows what the draw's share of the command actually was.
        var drawShare = inletCapacity > 0 ? Math.Clamp(inletOpening - (regulating / inletCapacity), 0.0, 1.0) : 0.0;
        _drawSpool += (drawShare - _drawSpool) * lagBlend;
        _rise.Written(inletOpening, lagBlend);
        ShedReleaseExcess(draw, capacitance, inletCapacity, ventCapacity, settings, now);

        var holding = inletOpening == 0.0 && ventDuty == 0.0;
        if (holding)
        {
            // Neither valve acts: let the integral go, and never keep a negative one — "vent more"
            // means nothing while the vent is being held shut.
            _integral = Math.Max(0.0, _integral) * (settings.IntegratorBleedS > 0 ? Math.Exp(-dt / settings.IntegratorBleedS) : 1.0);
        }
        else if (rate == 0.0 && now - _lastCorrection >= CorrectionSpacingS
            && Math.Abs(error) > settings.IntegratorDeadbandMpa
            && !(saturatedHigh && error > 0) && !(saturatedLow && error < 0))
        {
            var limit = Math.Max(inletCapacity, ventCapacity) + Math.Abs(draw);
            var clipped = Math.Clamp(error, -settings.IntegratorErrorLimitMpa, settings.IntegratorErrorLimitMpa);
            _integral = Math.Clamp(_integral + (settings.IntegralGain * clipped * dt), -limit, limit);
        }

        var ventOpen = DriveVent(ventDuty, now, settings);
        var delivered = (inletOpening * inletCapacity) - (ventOpen ? ventCapacity : 0.0);
        return new RegulatorOutput(inletOpening, ventOpen, demand, feedForward, draw, inletCapacity, delivered);
    }

    /// <summary>
    /// A tick of a raised setpoint's rise (<see cref="SetpointRise"/>): the inlet as it decided, the vent
    /// shut, the PI out of it. The reference shows the setpoint being reached for (what the runaway check
    /// measures from), and the model sits on the measurement so that the hand-over starts with no error.
    /// </summary>
    private RegulatorOutput Rise(
        double opening, in RegulatorInputs input, RegulatorSettings settings, double inletCapacity, double ventCapacity, double draw,
        double lagBlend, double dt, double now)
    {
        _reference = _rise.ReferenceMpa(input.SetpointMpa);
        _model = input.POutMpa;
        FeedbackAtRest(opening, input.POutMpa, lagBlend, dt);

        // The spool serves the draw first: the hand-over must not think the draw's share still has to open.
        _drawSpool = Math.Min(_rise.SpoolOpening, Math.Max(0.0, draw) / inletCapacity);
        ShedReleaseExcess(draw, 0.0, inletCapacity, ventCapacity, settings, now, measured: false);
        var ventOpen = DriveVent(0.0, now, settings);
        var flow = opening * inletCapacity;
        return new RegulatorOutput(opening, ventOpen, flow, flow, draw, inletCapacity, flow - (ventOpen ? ventCapacity : 0.0));
    }

    /// <summary>
    /// A tick of a lowered setpoint's fall (<see cref="SetpointFall"/>): the vent as it decided, the inlet
    /// shut, the PI out of it. The reference keeps its ramp down, so that the over-pressure checks judge
    /// the fall as they judge the ramp's (a vent stuck shut is held above it, a stuck inlet runs away from it).
    /// </summary>
    private RegulatorOutput Fall(
        double vent, in RegulatorInputs input, RegulatorSettings settings, double capacitance, double inletCapacity, double ventCapacity,
        double draw, double lagBlend, double dt, double now)
    {
        var rate = NextReferenceRate(in input, settings, inletCapacity, ventCapacity, draw, capacitance, dt);
        _reference += rate * dt;
        _model += (_reference - _model) * lagBlend;
        FeedbackAtRest(0.0, input.POutMpa, lagBlend, dt);
        _drawSpool += (0.0 - _drawSpool) * lagBlend;

        // The fall takes out whatever a pending release pulse was for: one left running would vent past the cut.
        _previousDraw = Math.Max(0.0, draw);
        _releaseVentAt = double.NaN;
        _vent.CancelPulse(now);
        var ventOpen = DriveVent(vent, now, settings);
        var flow = -vent * ventCapacity;
        return new RegulatorOutput(0.0, ventOpen, flow, capacitance * rate, draw, inletCapacity, ventOpen ? -ventCapacity : 0.0);
    }

    /// <summary>
    /// A rise or a fall drives the valves itself: the feedback rests (no derivative kick, no excess
    /// timing) while the smoothed pressure and the spool's model follow what was written.
    /// </summary>
    private void FeedbackAtRest(double inletOpening, double pOutMpa, double lagBlend, double dt)
    {
        _previousError = 0.0;
        Smooth(pOutMpa, dt);
        _excessSince = double.NaN;
        _rise.Written(inletOpening, lagBlend);
    }

    private void Smooth(double pOutMpa, double dt) => _smoothedMpa += (pOutMpa - _smoothedMpa) * (dt / (dt + SmoothingS));

    private bool DriveVent(double duty, double now, RegulatorSettings settings) =>
        _vent.Update(duty, now, settings.VentPwmPeriodS, settings.SolenoidOffDelayS, settings.SolenoidOnDelayS);

    /// <summary>
    /// The source line is still filling behind a valve that just opened. Into an empty manifold the
    /// inlet is opened at once (<see cref="RegulatorSettings.PrimeOpening"/>), so that its slow spool
    /// moves while the line fills and gas flows as soon as there is any — there is nothing in the
    /// manifold to lose back into the line — but only while the pressure its spool still adds once
    /// closed (opening × capacity × lag ÷ volume) leaves the reference room to brake short of the
    /// setpoint. The reference leads the measurement by that rise, so the ramp takes over with the
    /// spool's flow in its model (the model lags the reference by the same rise). Otherwise hold
    /// everything and start the fill from wherever the pressure is when the line is primed — but
    /// never follow the pressure up past what was asked for: a manifold rising behind a shut inlet
    /// while the new source primes is running away, and the runaway check measures from here.
    /// </summary>
    private RegulatorOutput Prime(in RegulatorInputs input, RegulatorSettings settings, double capacitance, double inletCapacity, double lagBlend, double now)
    {
        // Whether to go on opening is judged on the most the spool may still let in: at the capacity
        // the primed line will give (or gives already), with the margin the plant showed over that model.
        // Once the line has some head, the reference leads by the spool's gas at that capacity too: the
        // line is still coming up when the ramp takes over, and a lead at the half-primed line's capacity
        // left the manifold so far ahead of the model that it was taken for an inlet stuck open.
        var emptyManifold = input.POutMpa < settings.SourceHeadMinMpa || _primeSpool > 0.0;
        var perOpening = capacitance > 0 ? settings.InletLagS / capacitance : 0.0;
        var primedCapacity = GasFlow.Lpm(settings.InletC, settings.InletB, Math.Max(input.PSrcMpa, settings.PrimedSourceMpa), input.POutMpa, settings.GasTemperatureK);
        var lead = _primeSpool * (input.PSrcMpa - input.POutMpa >= settings.SourceHeadMinMpa ? primedCapacity : inletCapacity) * perOpening;
        var mostToCome = PrimeRiseMargin * _primeSpool * primedCapacity * perOpening;
        var brakeRoom = settings.RampUpMpaPerS * settings.RampUpMpaPerS / (2.0 * settings.RampDecelerationMpaPerS2);
        var opening = emptyManifold && input.POutMpa + mostToCome < input.SetpointMpa - brakeRoom ? settings.PrimeOpening : 0.0;
        _primeSpool += (opening - _primeSpool) * lagBlend;
        _rise.Reset();
        _fall.Reset();
        _rise.Written(opening, lagBlend);
        _reference = Math.Min(input.POutMpa + lead, Math.Max(_reference, input.SetpointMpa));
        _model = Math.Min(input.POutMpa, _reference);
        _fillFrom = _model;
        _integral = 0.0;
        _previousError = 0.0;
        _vent.Reset(now);
        var flow = opening * inletCapacity;
        return new RegulatorOutput(opening, false, flow, flow, 0.0, inletCapacity, flow);
    }

    /// <summary>
    /// Just after the spray valve opens, the hose's filling burst leaves a dip (the manifold below
    /// the model by more than the hose model's noise band) that is refilled within
    /// <see cref="RegulatorSettings.DipRefillS"/>: the draw's feed-forward follows the dipped
    /// manifold, so without this only the gentle PI would bring it back. Only then: later, such a
    /// gap is as likely a transducer reading low, which no amount of gas should chase. Litres/min.
    /// </summary>
    private static double DipRefill(in RegulatorInputs input, double error, double capacitance, RegulatorSettings settings) =>
        input.SprayOpenForS > 0.0 && input.SprayOpenForS <= settings.DipRefillWindowS && settings.DipRefillS > 0.0
            ? capacitance * Math.Max(0.0, error - DrawModel.HoseFollowsBelowMpa) / settings.DipRefillS
            : 0.0;

    /// <summary>
    /// Sheds a lasting excess above the setpoint. The vent's shortest real opening lets out more
    /// than a few kPa, so a small excess is corrected by "vent and refill": one pulse sized for the
    /// excess (at least the shortest the valve can do), after which the inlet — which meters finely —
    /// brings the pressure back up. Pulses are spaced so that each one's effect is seen before the next,
    /// and the integrator sits out the refill: the dip is self-made, not an offset to learn.
    /// </summary>
    private void CorrectExcess(double capacitance, double ventCapacity, RegulatorSettings settings, double now)
    {
        var excess = _smoothedMpa - Math.Max(_model, _reference);
        if (excess <= settings.VentAboveMpa || ventCapacity <= 0.0 || now - _lastCorrection < CorrectionSpacingS
            || !(now - _excessSince >= ExcessPersistS))
        {
            return;
        }

        _lastCorrection = now;
        var litres = excess * capacitance / 60.0;
        _vent.Pulse(Math.Max(litres / (ventCapacity / 60.0), settings.SolenoidOnDelayS), now, settings.SolenoidOffDelayS, settings.SolenoidOnDelayS);
    }

    /// <summary>
    /// When a draw stops, the inlet spool closes on its lag while the outlet valve drops out: one vent
    /// pulse of that excess, centred where its bulk arrives (one drop-out plus one lag after the
    /// release), takes it out (docs/DECISIONS.md, "The release excess"). Its size is decided when it is
    /// commanded, from what has arrived above the setpoint by then and what the modelled spool still
    /// brings, so that what the release-time model misses (the bottle's gas in the drop-out, the
    /// spool's true tail) is vented too; never more than half again the release-time prediction.
    /// </summary>
    /// <param name="measured">Size the pulse from the manifold and the spool model (not during a rise, whose tail is wanted).</param>
    private void ShedReleaseExcess(
        double draw, double capacitance, double inletCapacity, double ventCapacity, RegulatorSettings settings, double now, bool measured = true)
    {
        var fall = _previousDraw - Math.Max(0.0, draw);
        _previousDraw = Math.Max(0.0, draw);
        var predicted = fall * Math.Max(0.0, settings.InletLagS - settings.SolenoidOffDelayS) / 60.0;
        var open = ventCapacity > 0.0 ? predicted / (ventCapacity / 60.0) : 0.0;

        // Worth a pulse only if the vent can open for it at all (the draw model's tick-to-tick wobble is not).
        if (fall > 0.0 && open >= settings.SolenoidOnDelayS / 2.0 && !_chargeHeld)
        {
            // Sized once the outlet has dropped out: until then part of the spool's flow still leaves through it.
            var at = now + Math.Max(settings.SolenoidOffDelayS, settings.InletLagS - (open / 2.0));
            var pending = !double.IsNaN(_releaseVentAt);
            _releaseVentAt = pending ? Math.Min(_releaseVentAt, at) : at;
            _releaseLitres = (pending ? _releaseLitres : 0.0) + predicted;
        }

        if (double.IsNaN(_releaseVentAt) || now + 1e-9 < _releaseVentAt)
        {
            return;
        }

        _releaseVentAt = double.NaN;
        if (ventCapacity <= 0.0)
        {
            return;
        }

        var arrived = Math.Max(0.0, _smoothedMpa - Math.Max(_model, _reference)) * capacitance / 60.0;
        var coming = _rise.SpoolOpening * inletCapacity * settings.InletLagS / 60.0;
        var litres = measured ? Math.Min(arrived + coming, ReleaseExcessMargin * _releaseLitres) : _releaseLitres;

        // The vent itself opens one drop-out delay after this command.
        _vent.Pulse(litres / (ventCapacity / 60.0), now, settings.SolenoidOffDelayS, settings.SolenoidOnDelayS);
    }

    /// <summary>
    /// The reference's next rate: at most the configured ramp and what the valves can actually move
    /// (so the feed-forward stays out of saturation and the reference model stays truthful), and no
    /// more than lets it brake to zero rate at the setpoint with the configured deceleration.
    /// Held at zero while the source line is still priming behind a valve that just opened.
    /// </summary>
    private double NextReferenceRate(
        in RegulatorInputs input,
        RegulatorSettings settings,
        double inletCapacity,
        double ventCapacity,
        double draw,
        double capacitance,
        double dt)
    {
        var distance = input.SetpointMpa - _reference;

        // A fill that the manifold runs ahead of (the source line recovering as the inlet draws on
        // it, a stronger inlet than modelled) comes to rest past the setpoint by that excess and the
        // same share of the rise still to come: brake for both, and once they make up the rest of
        // the way, take the setpoint with the model at the measurement. Bounded, so that a
        // stuck-open inlet is never followed far.
        if (distance <= 0.0)
        {
            _fillFrom = double.NaN;
        }
        else if (double.IsNaN(_fillFrom))
        {
            _fillFrom = _model;
        }

        var ahead = Math.Max(0.0, input.POutMpa - _model - settings.IntegratorDeadbandMpa);
        if (distance > 0.0 && ahead > RunningAwayExcesses * settings.FillExcessMaxMpa)
        {
            // Far more ahead of the commanded opening's model than any model error: an inlet stuck
            // open. The reference stops leading, so that the runaway check judges it from here.
            _reference = _model;
            _fillFrom = double.NaN;
            return 0.0;
        }

        var risen = _model - _fillFrom;
        var excess = distance > 0.0
            ? Math.Min(settings.FillExcessMaxMpa, ahead + (risen > FillGainAfterMpa ? ahead / risen * Math.Max(0.0, _reference - _model) : 0.0))
            : 0.0;
        if (distance > 0.0 && excess >= distance)
        {
            _model = Math.Max(_model, Math.Min(input.POutMpa, input.SetpointMpa));
            _reference = input.SetpointMpa;
            _fillFrom = double.NaN;
            return 0.0;
        }

        distance -= excess;
        var braking = Math.Sqrt(2.0 * settings.RampDecelerationMpaPerS2 * Math.Abs(distance));
        var rate = distance >= 0
            ? Math.Min(braking, Math.Max(0.0, Math.Min(settings.RampUpMpaPerS, 0.8 * (inletCapacity - draw) / capacitance)))
            : -Math.Min(braking, Math.Max(0.0, Math.Min(settings.RampDownMpaPerS, 0.8 * (ventCapacity + draw) / capacitance)));
        return Math.Abs(rate * dt) >= Math.Abs(distance) && dt > 0 ? distance / dt : rate;
    }
}
