namespace HydroOxygen.Controller.Core;

/// <summary>
/// A calibration point: manifold, bottle and source line joined at one pressure the engineer reads on
/// a reference gauge (or vented), and the raw readings of every transducer averaged there. A finished
/// hold keeps its pressure for the engineer's reading and the next, lower point.
/// </summary>
public sealed class CalibrationHold : ServiceProcedure
{
    private const double TrimPulseS = 0.02;

    /// <summary>Roughly how fast the open vent lowers the joined volumes (kept low so pulses undershoot), MPa/s.</summary>
    private const double TrimMpaPerSecond = 0.4;
    private const double TrimSpacingS = 0.3;

    private FillRamp _fill;
    private double _lastTrim;
    private double _trimPulse;
    private double _sumOutlet;
    private double _sumBottle;
    private double _sumSource;
    private int _samples;

    /// <summary>The last hold finished at a pressure and keeps it (joined, source shut) until released.</summary>
    public bool Holding { get; private set; }

    /// <summary>The outputs that keep a finished hold's pressure.</summary>
    public static ControlOutputs HeldOutputs => Joined;

    /// <summary>The next request, an abort or the end of the visit lets the held pressure go.</summary>
    public void Release() => Holding = false;

    public override ServiceDemand Update(ref ServiceProgress progress, in ControlInputs inputs, in TickReadings readings, GasSource source, double regulatorOpening, double inPhase)
    {
        var (now, pOut) = (readings.Now, readings.POutMpa);

        // Manifold and bottle are joined: the pressure is judged on whichever reads higher, so that a
        // sensor reading low (the one being calibrated) never takes the other past the over-pressure trip.
        var highest = Math.Max(pOut, readings.PBottleMpa);
        var target = Request.TargetMpa;
        switch (progress.Phase)
        {
            case ServicePhase.Venting:
                // Vented is when the readings stop falling: what they read there is the zero error being calibrated out.
                if (inPhase >= MinimumVentS && VentedSteady(pOut, readings.PBottleMpa, now))
                {
                    Enter(ref progress, ServicePhase.Measuring, now);
                }

                return ServiceDemand.Outputs(VentedJoined);

            case ServicePhase.Filling:
                if (inPhase < InletCloseS)
                {
                    return ServiceDemand.Outputs(ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true });
                }

                // The transducers are not trusted yet (that is why we calibrate): the bottle is charged
                // when its reading stops rising, not when it reads the target.
                if (inPhase >= SteadyForS && BottleSettled(readings.PBottleMpa, now))
                {
                    Enter(ref progress, ServicePhase.Trimming, now);
                    return ServiceDemand.Outputs(Joined);
                }

                // The regulator holds the manifold just above the target while the bottle charges.
                return inPhase > FillTimeoutS
                    ? Fail(ref progress, ServiceFailure.CouldNotReachPressure, now)
                    : ServiceDemand.Regulating(_fill.Reference(target + (2 * TrimToleranceMpa), highest, now) - (highest - pOut), chargeOpen: true);

            case ServicePhase.Trimming:
                // Judged only once the last pulse has evened out between manifold and bottle.
                if (now - _lastTrim >= TrimSpacingS && highest < target - (4 * TrimToleranceMpa))
                {
                    Enter(ref progress, ServicePhase.Filling, now);
                    return ServiceDemand.Outputs(Joined);
                }

                if (highest <= target + TrimToleranceMpa && now - _lastTrim >= TrimSpacingS)
                {
                    Enter(ref progress, ServicePhase.Settling, now);
                    return ServiceDemand.Outputs(Joined);
                }

                if (now - _lastTrim >= TrimSpacingS)
                {
                    // Vent pulses sized to the excess, spaced so that each one's effect is seen before the next.
                    _lastTrim = now;
                    _trimPulse = Math.Clamp((highest - target) / TrimMpaPerSecond, TrimPulseS, TrimSpacingS);
                }

                return ServiceDemand.Outputs(Joined with { VentOpen = now - _lastTrim < _trimPulse });

            case ServicePhase.Settling:
                if (inPhase >= Request.SettleS)
                {
                    Enter(ref progress, ServicePhase.Measuring, now);
                }

                return ServiceDemand.Outputs(Joined);

            case ServicePhase.Measuring:
                Accumulate(in inputs);
                if (inPhase >= Request.DurationS)
                {
                    progress.RawOutletMpa = _sumOutlet / Math.Max(1, _samples);
                    progress.RawBottleMpa = _sumBottle / Math.Max(1, _samples);
                    progress.RawSourceMpa = _sumSource / Math.Max(1, _samples);
                    Holding = target > 0.0;
                    Enter(ref progress, ServicePhase.Done, now);
                }

                return ServiceDemand.Outputs(target <= 0.0 ? VentedJoined : Joined);

            default:
                return ServiceDemand.Safe;
        }
    }

    protected override ServicePhase FirstPhase(in ServiceRequest request) =>
        request.TargetMpa <= 0.0 ? ServicePhase.Venting : ServicePhase.Filling;

    protected override void Starting(double now)
    {
        Holding = false;
        _lastTrim = now;
    }

    protected override void Entering(ServicePhase phase)
    {
        _fill.Reset();
        if (phase == ServicePhase.Measuring)
        {
            _sumOutlet = 0.0;
            _sumBottle = 0.0;
            _sumSource = 0.0;
            _samples = 0;
        }
    }

    /// <summary>Everything joined and open to the atmosphere: the zero point.</summary>
    private static ControlOutputs VentedJoined { get; } = ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 };

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
}
