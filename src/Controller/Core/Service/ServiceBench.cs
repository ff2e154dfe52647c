namespace HydroOxygen.Controller.Core.Service;

/// <summary>
/// Carries out the engineer's procedures on the tick (DESIGN §2.1 <c>Service</c>): calibration
/// holds, leak tests, step tests and valve pulses. It decides phases and outputs from the readings
/// and records what the engineer's tools need; the fitting, judging and storing happen off the tick
/// in the tools. Nothing here sprays: the spray valve stays shut in every phase.
/// </summary>
public sealed class ServiceBench
{
    private const double FillTimeoutS = 30.0;
    private const double TrimPulseS = 0.02;

    /// <summary>Roughly how fast the open vent lowers the joined volumes (kept low so pulses undershoot rather than overshoot), MPa/s.</summary>
    private const double TrimMpaPerSecond = 0.4;
    private const double TrimSpacingS = 0.3;
    private const double TrimToleranceMpa = 0.005;
    private const double MinimumVentS = 2.0;
    private const double VentedWithinMpa = 0.002;
    private const double SteadyWithinMpa = 0.005;
    private const double SteadyForS = 1.0;
    private const double PrepareTimeoutS = 20.0;
    /// <summary>An inlet pulse ends here, far enough below the over-pressure trip for the spool's lag after it closes.</summary>
    private const double PulseCeilingMpa = 0.55;
    private const double PulseStartWithinMpa = 0.02;
    private const double StepStartWithinMpa = 0.01;
    private const double StepQuietS = 0.5;
    private const double PulseQuietS = 0.3;
    private const double PulseFloorMpa = 0.03;
    private const double BottleSettledWithinMpa = 0.003;

    /// <summary>
    /// A leak test's start and end pressures are averaged over this long, s: a single sample carries
    /// the transducer's noise (about 1 kPa RMS), as large as the decay of a tight plant.
    /// </summary>
    private const double LeakWindowS = 0.1;

    /// <summary>How close to the test pressure the manifold must be for a leak test's fill to count as done, MPa.</summary>
    private const double LeakFillWithinMpa = 0.02;

    /// <summary>
    /// How long a fill keeps the source shut at its start, s: a phase that joined the source line to
    /// the manifold left the inlet open, and opening the source behind an open inlet would dump the
    /// supply into the manifold before the regulator could close it.
    /// </summary>
    private const double InletCloseS = 0.1;

    /// <summary>
    /// How fast a fill raises the regulator's reference, MPa/s: slower than the open inlet can fill
    /// the bottle, so the regulator never saturates while the bottle takes gas and does not overshoot
    /// when it stops (the integrator would otherwise carry the bottle's draw past the target).
    /// </summary>
    private const double FillRampMpaPerSecond = 0.15;

    /// <summary>The last stretch of a fill is crept up at this rate, MPa/s, so the bottle's lag behind the manifold is small when the reference stops.</summary>
    private const double FillApproachMpaPerSecond = 0.03;
    private const double FillApproachMpa = 0.06;

    private ServiceRequest _request;
    private ServiceProgress _progress;
    private ConditionTimer _steady;
    private double _lastTrim;
    private double _trimPulse;
    private bool _holding;
    private double _sumOutlet;
    private double _sumBottle;
    private double _sumSource;
    private int _samples;
    private SteadyReading _bottleSteady;
    private SteadyReading _outletSteady;
    private double _fillReference;
    private double _fillAt;
    private double _windowSum;
    private int _windowSamples;
    private bool _startAveraged;

    public ServiceRecording Recording { get; } = new();

    public ServiceProgress Progress => _progress;

    public bool Running => _progress.Kind != ServiceProcedureKind.None && !_progress.Finished;

    public void Start(in ServiceRequest request, double now)
    {
        _holding = false;
        _request = request;
        _progress = new ServiceProgress { Kind = request.Kind, Run = _progress.Run + 1, Visit = _progress.Visit };
        _steady.Reset();
        _lastTrim = now;
        Recording.Clear();
        Enter(request.Kind switch
        {
            ServiceProcedureKind.HoldPressure when request.TargetMpa <= 0.0 => ServicePhase.Venting,
            ServiceProcedureKind.HoldPressure or ServiceProcedureKind.LeakTest => ServicePhase.Filling,
            ServiceProcedureKind.ValvePulse when request.Valve == TestValve.Charge => ServicePhase.Venting,
            _ => ServicePhase.Preparing,
        }, now);
    }

    /// <summary>Starts a service visit: nothing running, nothing held, the last visit's results gone.</summary>
    public void Open()
    {
        _holding = false;
        _progress = new ServiceProgress { Run = _progress.Run, Visit = _progress.Visit + 1 };
    }

    /// <summary>Stops the running procedure, if any.</summary>
    public void Stop(ServiceFailure why, double now)
    {
        _holding = false;
        if (Running)
        {
            _progress.Failure = why;
            Enter(ServicePhase.Failed, now);
        }
    }

    public ServiceDemand Update(in ControlInputs inputs, double pOut, double pBottle, double pSrc, GasSource source, double regulatorOpening, double now)
    {
        if (!Running)
        {
            // A finished calibration hold keeps its pressure (joined, source shut) for the
            // engineer's reading and the next, lower point, until the next request or an abort.
            return _holding ? ServiceDemand.Outputs(Joined) : ServiceDemand.Safe;
        }

        var inPhase = now - _progress.PhaseSince;
        return _progress.Kind switch
        {
            ServiceProcedureKind.HoldPressure => HoldPressure(in inputs, pOut, pBottle, now, inPhase),
            ServiceProcedureKind.LeakTest => LeakTest(pOut, pBottle, now, inPhase),
            ServiceProcedureKind.StepTest => StepTest(pOut, pBottle, pSrc, regulatorOpening, now, inPhase),
            ServiceProcedureKind.ValvePulse => ValvePulse(pOut, pBottle, pSrc, source, now, inPhase),
            _ => ServiceDemand.Safe,
        };
    }

    private ServiceDemand HoldPressure(in ControlInputs inputs, double pOut, double pBottle, double now, double inPhase)
    {
        // Every transducer on one joined volume sees the pressure on the engineer's reference gauge.
        var joined = Joined;
        switch (_progress.Phase)
        {
            case ServicePhase.Venting:
                // Vented is when the readings stop falling: what they read there is the zero error
                // being calibrated out, so it cannot be the test.
                if (inPhase >= MinimumVentS && VentedSteady(pOut, pBottle, now))
                {
                    Enter(ServicePhase.Measuring, now);
                }

                return ServiceDemand.Outputs(ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 });

            case ServicePhase.Filling:
                if (inPhase < InletCloseS)
                {
                    return ServiceDemand.Outputs(ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true });
                }

                // The transducers are not to be trusted yet (that is why we calibrate): the bottle
                // is charged when its reading stops rising, not when it reads the target.
                if (inPhase >= SteadyForS && BottleSettled(pBottle, now))
                {
                    Enter(ServicePhase.Trimming, now);
                    return ServiceDemand.Outputs(joined);
                }

                // The regulator holds the manifold just above the target while the bottle charges.
                return inPhase > FillTimeoutS
                    ? Fail(ServiceFailure.CouldNotReachPressure, now)
                    : ServiceDemand.Regulating(FillReference(_request.TargetMpa + (2 * TrimToleranceMpa), pOut, now), chargeOpen: true);

            case ServicePhase.Trimming:
                // Judged only once the last pulse has evened out between manifold and bottle: during
                // a pulse the manifold dips well below where the joined volumes end up.
                if (now - _lastTrim >= TrimSpacingS && pOut < _request.TargetMpa - (4 * TrimToleranceMpa))
                {
                    Enter(ServicePhase.Filling, now);
                    return ServiceDemand.Outputs(joined);
                }

                if (pOut <= _request.TargetMpa + TrimToleranceMpa && now - _lastTrim >= TrimSpacingS)
                {
                    Enter(ServicePhase.Settling, now);
                    return ServiceDemand.Outputs(joined);
                }

                if (now - _lastTrim >= TrimSpacingS)
                {
                    // Vent pulses sized to the excess (the joined volume is large), spaced so that
                    // each one's effect is seen before the next, and kept short of the target.
                    _lastTrim = now;
                    _trimPulse = Math.Clamp((pOut - _request.TargetMpa) / TrimMpaPerSecond, TrimPulseS, TrimSpacingS);
                }

                return ServiceDemand.Outputs(joined with { VentOpen = now - _lastTrim < _trimPulse });

            case ServicePhase.Settling:
                if (inPhase >= _request.SettleS)
                {
                    Enter(ServicePhase.Measuring, now);
                }

                return ServiceDemand.Outputs(joined);

            case ServicePhase.Measuring:
                Accumulate(in inputs);
                if (inPhase >= _request.DurationS)
                {
                    _progress.RawOutletMpa = _sumOutlet / Math.Max(1, _samples);
                    _progress.RawBottleMpa = _sumBottle / Math.Max(1, _samples);
                    _progress.RawSourceMpa = _sumSource / Math.Max(1, _samples);
                    _holding = _request.TargetMpa > 0.0;
                    Enter(ServicePhase.Done, now);
                }

                return ServiceDemand.Outputs(_request.TargetMpa <= 0.0 ? ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 } : joined);

            default:
                return ServiceDemand.Safe;
        }
    }

    private ServiceDemand LeakTest(double pOut, double pBottle, double now, double inPhase)
    {
        // Manifold and bottle isolated from the source (inlet shut) and from the atmosphere (vent shut).
        var isolated = ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true };
        switch (_progress.Phase)
        {
            case ServicePhase.Filling:
                if (inPhase < InletCloseS)
                {
                    return ServiceDemand.Outputs(isolated);
                }

                // Charged is the bottle no longer rising with the manifold at the test pressure: a
                // leak the supply cannot make up for stops the bottle rising too, lower down.
                if (inPhase >= SteadyForS && BottleSettled(pBottle, now) && pOut >= _request.TargetMpa - LeakFillWithinMpa)
                {
                    Enter(ServicePhase.Settling, now);
                    return ServiceDemand.Outputs(isolated);
                }

                if (inPhase > FillTimeoutS)
                {
                    // A leak larger than the supply can make up for: a failed test, with how far it got.
                    _progress.StartMpa = pOut;
                    _progress.EndMpa = pOut;
                    return Fail(ServiceFailure.CouldNotReachPressure, now);
                }

                return ServiceDemand.Regulating(FillReference(_request.TargetMpa + TrimToleranceMpa, pOut, now), chargeOpen: true);

            case ServicePhase.Settling:
                if (inPhase >= _request.SettleS)
                {
                    _windowSum = 0.0;
                    _windowSamples = 0;
                    _startAveraged = false;
                    Enter(ServicePhase.Measuring, now);
                }

                return ServiceDemand.Outputs(isolated);

            case ServicePhase.Measuring:
                // Start: the mean of the first window; end: the mean of the last. The decay is
                // measured between the windows' middles.
                var inEndWindow = inPhase >= _request.DurationS - LeakWindowS;
                if (!_startAveraged && (inPhase >= LeakWindowS || inEndWindow))
                {
                    _progress.StartMpa = _windowSum / Math.Max(1, _windowSamples);
                    _startAveraged = true;
                    _windowSum = 0.0;
                    _windowSamples = 0;
                }

                if (!_startAveraged || inEndWindow)
                {
                    _windowSum += pOut;
                    _windowSamples++;
                }

                if (inPhase >= _request.DurationS)
                {
                    _progress.EndMpa = _windowSum / Math.Max(1, _windowSamples);
                    _progress.MeasuredS = _request.DurationS - LeakWindowS;
                    Enter(ServicePhase.Done, now);
                    return ServiceDemand.Safe;
                }

                return ServiceDemand.Outputs(isolated);

            default:
                return ServiceDemand.Safe;
        }
    }

    private ServiceDemand StepTest(double pOut, double pBottle, double pSrc, double regulatorOpening, double now, double inPhase)
    {
        switch (_progress.Phase)
        {
            case ServicePhase.Preparing:
                // Near the starting pressure and quiet, not necessarily tight: a badly tuned
                // regulator is exactly what a step test is run on.
                if (_steady.Update(Math.Abs(pOut - _request.FromMpa) <= StepStartWithinMpa, now, StepQuietS))
                {
                    _progress.StepAt = now;
                    Enter(ServicePhase.Recording, now);
                    return ServiceDemand.Regulating(_request.ToMpa);
                }

                return inPhase > PrepareTimeoutS ? Fail(ServiceFailure.CouldNotReachPressure, now) : ServiceDemand.Regulating(_request.FromMpa);

            case ServicePhase.Recording:
                Recording.Add(now, pOut, pBottle, pSrc, regulatorOpening);
                if (inPhase >= _request.DurationS)
                {
                    Enter(ServicePhase.Done, now);
                    return ServiceDemand.Safe;
                }

                return ServiceDemand.Regulating(_request.ToMpa);

            default:
                return ServiceDemand.Safe;
        }
    }

    private ServiceDemand ValvePulse(double pOut, double pBottle, double pSrc, GasSource source, double now, double inPhase)
    {
        var valve = _request.Valve;
        switch (_progress.Phase)
        {
            case ServicePhase.Venting:
                // A charge pulse starts from an empty bottle: vent it with the manifold, then shut it in.
                if (inPhase >= MinimumVentS && VentedSteady(pOut, pBottle, now))
                {
                    Enter(ServicePhase.Preparing, now);
                }

                return ServiceDemand.Outputs(ControlOutputs.Safe with { ChargeOpen = true });

            case ServicePhase.Preparing:
                // Only roughly to the starting pressure: the regulator is what is being tuned, and
                // on a plant that differs from its settings it may not hold tightly.
                if (_steady.Update(Math.Abs(pOut - _request.FromMpa) <= PulseStartWithinMpa, now, PulseQuietS))
                {
                    Enter(ServicePhase.Settling, now);
                    return ServiceDemand.Outputs(Isolated(source, valve));
                }

                return inPhase > PrepareTimeoutS ? Fail(ServiceFailure.CouldNotReachPressure, now) : ServiceDemand.Regulating(_request.FromMpa);

            case ServicePhase.Settling:
                // Manifold shut in, inlet spool closed, source line at supply: the pulse starts
                // from rest, so what follows is the valve's own response.
                if (inPhase >= PulseQuietS)
                {
                    _progress.StepAt = now;
                    Enter(ServicePhase.Recording, now);
                    inPhase = 0.0;
                    break;
                }

                return ServiceDemand.Outputs(Isolated(source, valve));

            case ServicePhase.Recording:
                break;

            default:
                return ServiceDemand.Safe;
        }

        Recording.Add(now, pOut, pBottle, pSrc, valve == TestValve.Inlet ? _request.Opening : 1.0);
        var outOfRange = valve switch
        {
            TestValve.Inlet => pOut >= PulseCeilingMpa,
            TestValve.Vent => pOut <= PulseFloorMpa,
            _ => false,
        };
        if (inPhase >= _request.DurationS || outOfRange)
        {
            Enter(ServicePhase.Done, now);
            return ServiceDemand.Safe;
        }

        return ServiceDemand.Outputs(valve switch
        {
            TestValve.Inlet => Filling(source, _request.Opening),
            TestValve.Charge => ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true },
            _ => ControlOutputs.Safe,
        });
    }

    /// <summary>The manifold shut in (inlet and vent closed); for an inlet pulse the source stays open behind the inlet.</summary>
    private static ControlOutputs Isolated(GasSource source, TestValve valve) =>
        valve == TestValve.Inlet ? Filling(source, 0.0) : ControlOutputs.Safe with { VentOpen = false };

    /// <summary>Manifold, bottle (charge valve open) and source line (inlet open, source shut) as one volume.</summary>
    private static ControlOutputs Joined { get; } = ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true, InletOpening = 1.0 };

    private static ControlOutputs Filling(GasSource source, double opening) => ControlOutputs.Safe with
    {
        VentOpen = false,
        InletOpening = opening,
        OxygenSourceOpen = source != GasSource.Compressor,
        CompressorSourceOpen = source == GasSource.Compressor,
    };

    /// <summary>The fill's reference: ramped up from where the fill started (slowly over the last stretch), or straight down to a lower target.</summary>
    private double FillReference(double target, double pOut, double now)
    {
        if (double.IsNaN(_fillReference) || _fillReference > target)
        {
            // Starting, or the target is below: go straight there (the regulator vents down).
            _fillReference = Math.Min(target, pOut);
        }
        else
        {
            var rate = target - _fillReference > FillApproachMpa ? FillRampMpaPerSecond : FillApproachMpaPerSecond;
            _fillReference = Math.Min(target, _fillReference + (rate * (now - _fillAt)));
        }

        _fillAt = now;
        return _fillReference;
    }

    /// <summary>Whether both readings have stopped falling for the settling time.</summary>
    private bool VentedSteady(double pOut, double pBottle, double now)
    {
        var outlet = _outletSteady.Update(pOut, now, VentedWithinMpa, _request.SettleS);
        var bottle = _bottleSteady.Update(pBottle, now, VentedWithinMpa, _request.SettleS);
        return outlet && bottle;
    }

    /// <summary>Whether the bottle reading has stopped rising for a second: charged as far as it goes.</summary>
    private bool BottleSettled(double pBottle, double now) =>
        _bottleSteady.Update(pBottle, now, BottleSettledWithinMpa, SteadyForS);

    private void Accumulate(in ControlInputs inputs)
    {
        if (inputs.POut.IsOk && inputs.PBottle.IsOk && inputs.PSrc.IsOk)
        {
            _sumOutlet += inputs.POut.RawMpa;
            _sumBottle += inputs.PBottle.RawMpa;
            _sumSource += inputs.PSrc.RawMpa;
            _samples++;
        }
    }

    private ServiceDemand Fail(ServiceFailure why, double now)
    {
        _progress.Failure = why;
        Enter(ServicePhase.Failed, now);
        return ServiceDemand.Safe;
    }

    private void Enter(ServicePhase phase, double now)
    {
        _progress.Phase = phase;
        _progress.PhaseSince = now;
        _steady.Reset();
        _bottleSteady.Reset();
        _outletSteady.Reset();
        _fillReference = double.NaN;
        if (phase == ServicePhase.Measuring)
        {
            _sumOutlet = 0.0;
            _sumBottle = 0.0;
            _sumSource = 0.0;
            _samples = 0;
        }
    }
}
