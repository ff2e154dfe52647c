namespace HydroOxygen.Controller.Core;

/// <summary>
/// A valve pulse (system identification): a pressure held, the manifold shut in and at rest, then one
/// valve — inlet, vent or charge — driven open-loop and the response recorded.
/// </summary>
public sealed class ValvePulse(ServiceRecording recording) : ServiceProcedure
{
    /// <summary>An inlet pulse ends here, far enough below the over-pressure trip for the spool's lag after it closes.</summary>
    private const double CeilingMpa = 0.55;

    /// <summary>A vent pulse ends here, MPa.</summary>
    private const double FloorMpa = 0.03;

    /// <summary>Only roughly to the starting pressure: the regulator is what is being tuned, MPa.</summary>
    private const double StartWithinMpa = 0.02;
    private const double QuietS = 0.3;

    private ConditionTimer _quiet;

    public override ServiceDemand Update(ref ServiceProgress progress, in ControlInputs inputs, in TickReadings readings, GasSource source, double regulatorOpening, double inPhase)
    {
        var (now, pOut) = (readings.Now, readings.POutMpa);
        var valve = Request.Valve;
        switch (progress.Phase)
        {
            case ServicePhase.Venting:
                // A charge pulse starts from an empty bottle: vent it with the manifold, then shut it in.
                if (inPhase >= MinimumVentS && VentedSteady(pOut, readings.PBottleMpa, now))
                {
                    Enter(ref progress, ServicePhase.Preparing, now);
                }

                return ServiceDemand.Outputs(ControlOutputs.Safe with { ChargeOpen = true });

            case ServicePhase.Preparing:
                if (_quiet.Update(Math.Abs(pOut - Request.FromMpa) <= StartWithinMpa, now, QuietS))
                {
                    Enter(ref progress, ServicePhase.Settling, now);
                    return ServiceDemand.Outputs(ShutIn(source, valve));
                }

                return inPhase > PrepareTimeoutS ? Fail(ref progress, ServiceFailure.CouldNotReachPressure, now) : ServiceDemand.Regulating(Request.FromMpa);

            case ServicePhase.Settling:
                // Manifold shut in, inlet spool closed, source line at supply: the pulse starts from rest.
                if (inPhase >= QuietS)
                {
                    progress.StepAt = now;
                    Enter(ref progress, ServicePhase.Recording, now);
                    inPhase = 0.0;
                    break;
                }

                return ServiceDemand.Outputs(ShutIn(source, valve));

            case ServicePhase.Recording:
                break;

            default:
                return ServiceDemand.Safe;
        }

        recording.Add(now, pOut, readings.PBottleMpa, readings.PSrcMpa, valve == TestValve.Inlet ? Request.Opening : 1.0);
        var outOfRange = valve switch
        {
            TestValve.Inlet => pOut >= CeilingMpa,
            TestValve.Vent => pOut <= FloorMpa,
            _ => false,
        };
        if (inPhase >= Request.DurationS || outOfRange)
        {
            Enter(ref progress, ServicePhase.Done, now);
            return ServiceDemand.Safe;
        }

        return ServiceDemand.Outputs(valve switch
        {
            TestValve.Inlet => Filling(source, Request.Opening),
            TestValve.Charge => ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true },
            _ => ControlOutputs.Safe,
        });
    }

    protected override ServicePhase FirstPhase(in ServiceRequest request) =>
        request.Valve == TestValve.Charge ? ServicePhase.Venting : ServicePhase.Preparing;

    protected override void Entering(ServicePhase phase) => _quiet.Reset();

    /// <summary>The manifold shut in (inlet and vent closed); for an inlet pulse the source stays open behind the inlet.</summary>
    private static ControlOutputs ShutIn(GasSource source, TestValve valve) =>
        valve == TestValve.Inlet ? Filling(source, 0.0) : ControlOutputs.Safe with { VentOpen = false };

    private static ControlOutputs Filling(GasSource source, double opening) => ControlOutputs.Safe with
    {
        VentOpen = false,
        InletOpening = opening,
        OxygenSourceOpen = source != GasSource.Compressor,
        CompressorSourceOpen = source == GasSource.Compressor,
    };
}
