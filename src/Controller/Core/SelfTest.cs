namespace HydroOxygen.Controller.Core;

/// <summary>
/// The power-on self-test (DESIGN §1.1 first row): with the sources shut, every chamber is vented
/// (vent open, bottle through the charge valve, the source line back through the inlet) and each
/// transducer must then read zero within tolerance — which is both a sensor check and a check of
/// its calibrated zero. The outputs stay in a venting, never-pressurising pattern throughout; the
/// inlet is shut for the final settling phase, so that its spool is closed again before a source
/// valve is allowed to open.
/// </summary>
public struct SelfTest
{
    private double _started;

    public enum Result : byte
    {
        Running,
        Passed,
        ZeroOutOfTolerance,
        CalibrationMissing,
    }

    public static ControlOutputs VentingOutputs { get; } = ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 };

    public static ControlOutputs SettlingOutputs { get; } = ControlOutputs.Safe with { ChargeOpen = true };

    public void Start(double now) => _started = now;

    public readonly ControlOutputs Outputs(double now, SequenceSettings settings) =>
        now - _started < settings.SelfTestVentS ? VentingOutputs : SettlingOutputs;

    public readonly Result Update(in ControlInputs inputs, double now, SequenceSettings settings)
    {
        var elapsed = now - _started;
        if (elapsed < settings.SelfTestVentS + settings.SelfTestSettleS)
        {
            return Result.Running;
        }

        if (!inputs.CalibrationValid)
        {
            return Result.CalibrationMissing;
        }

        var tolerance = settings.SelfTestZeroToleranceMpa;
        var zeroed = NearZero(inputs.POut, tolerance) && NearZero(inputs.PBottle, tolerance) && NearZero(inputs.PSrc, tolerance);
        if (zeroed)
        {
            return Result.Passed;
        }

        return elapsed >= settings.SelfTestTimeoutS ? Result.ZeroOutOfTolerance : Result.Running;
    }

    /// <summary>The worst zero among the three channels, MPa (for the alarm record).</summary>
    public static double WorstZero(in ControlInputs inputs) =>
        Math.Max(Math.Abs(inputs.POut.Mpa), Math.Max(Math.Abs(inputs.PBottle.Mpa), Math.Abs(inputs.PSrc.Mpa)));

    private static bool NearZero(in PressureSample sample, double tolerance) => sample.IsOk && Math.Abs(sample.Mpa) <= tolerance;
}
