namespace HydroOxygen.Controller.Core;

/// <summary>
/// A leak test: manifold and bottle filled to the test pressure, isolated from the source and the
/// atmosphere, and the pressure they lose measured between the means of a first and a last window.
/// </summary>
public sealed class LeakTest : ServiceProcedure
{
    /// <summary>
    /// The start and end pressures are averaged over this long, s: one sample carries the transducer's
    /// noise, as large as the decay of a tight plant.
    /// </summary>
    private const double WindowS = 0.1;

    /// <summary>How close to the test pressure the manifold must be for the fill to count as done, MPa.</summary>
    private const double FillWithinMpa = 0.02;

    /// <summary>Manifold and bottle isolated from the source (inlet shut) and from the atmosphere (vent shut).</summary>
    private static readonly ControlOutputs Isolated = ControlOutputs.Safe with { VentOpen = false, ChargeOpen = true };

    private FillRamp _fill;
    private double _windowSum;
    private int _windowSamples;
    private bool _startAveraged;

    public override ServiceDemand Update(ref ServiceProgress progress, in ControlInputs inputs, in TickReadings readings, GasSource source, double regulatorOpening, double inPhase)
    {
        var (now, pOut) = (readings.Now, readings.POutMpa);
        switch (progress.Phase)
        {
            case ServicePhase.Filling:
                if (inPhase < InletCloseS)
                {
                    return ServiceDemand.Outputs(Isolated);
                }

                // Charged is the bottle no longer rising with the manifold at the test pressure: a leak
                // the supply cannot make up for stops the bottle rising too, lower down.
                if (inPhase >= SteadyForS && BottleSettled(readings.PBottleMpa, now) && pOut >= Request.TargetMpa - FillWithinMpa)
                {
                    Enter(ref progress, ServicePhase.Settling, now);
                    return ServiceDemand.Outputs(Isolated);
                }

                if (inPhase > FillTimeoutS)
                {
                    // A leak larger than the supply can make up for: a failed test, with how far it got.
                    progress.StartMpa = pOut;
                    progress.EndMpa = pOut;
                    return Fail(ref progress, ServiceFailure.CouldNotReachPressure, now);
                }

                return ServiceDemand.Regulating(_fill.Reference(Request.TargetMpa + TrimToleranceMpa, pOut, now), chargeOpen: true);

            case ServicePhase.Settling:
                if (inPhase >= Request.SettleS)
                {
                    _windowSum = 0.0;
                    _windowSamples = 0;
                    _startAveraged = false;
                    Enter(ref progress, ServicePhase.Measuring, now);
                }

                return ServiceDemand.Outputs(Isolated);

            case ServicePhase.Measuring:
                // The decay is measured between the middles of the first and the last window.
                var inEndWindow = inPhase >= Request.DurationS - WindowS;
                if (!_startAveraged && (inPhase >= WindowS || inEndWindow))
                {
                    progress.StartMpa = _windowSum / Math.Max(1, _windowSamples);
                    _startAveraged = true;
                    _windowSum = 0.0;
                    _windowSamples = 0;
                }

                if (!_startAveraged || inEndWindow)
                {
                    _windowSum += pOut;
                    _windowSamples++;
                }

                if (inPhase >= Request.DurationS)
                {
                    progress.EndMpa = _windowSum / Math.Max(1, _windowSamples);
                    progress.MeasuredS = Request.DurationS - WindowS;
                    Enter(ref progress, ServicePhase.Done, now);
                    return ServiceDemand.Safe;
                }

                return ServiceDemand.Outputs(Isolated);

            default:
                return ServiceDemand.Safe;
        }
    }

    protected override ServicePhase FirstPhase(in ServiceRequest request) => ServicePhase.Filling;

    protected override void Entering(ServicePhase phase) => _fill.Reset();
}
