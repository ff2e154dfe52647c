namespace HydroOxygen.Controller.Core;

/// <summary>
/// The self-test (DESIGN §1.1 first row), at power-on and again on recovery from a fault: with the
/// sources shut, every chamber is vented — vent open, the bottle through the charge valve, the
/// source line back through the inlet — until every transducer reads zero; then the inlet is shut
/// again (so its spool is closed before a source valve may open) and, after a settling time, each
/// reading must still be zero within tolerance: a check of the transducer and of its calibrated
/// zero at once. The outputs never pressurise anything throughout.
/// </summary>
public struct SelfTest
{
    private double _started;
    private double _settlingSince;
    private bool _settling;

    public enum Result : byte
    {
        Running,
        Passed,
        ZeroOutOfTolerance,
        CalibrationMissing,
    }

    public static ControlOutputs VentingOutputs { get; } = ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 };

    public static ControlOutputs SettlingOutputs { get; } = ControlOutputs.Safe with { ChargeOpen = true };

    public void Start(double now)
    {
        _started = now;
        _settling = false;
    }

    public readonly ControlOutputs Outputs => _settling ? SettlingOutputs : VentingOutputs;

    public Result Update(in ControlInputs inputs, double now, SequenceSettings settings)
    {
        var elapsed = now - _started;
        if (elapsed >= settings.SelfTestTimeoutS)
        {
            return inputs.CalibrationValid ? Result.ZeroOutOfTolerance : Result.CalibrationMissing;
        }

        var tolerance = settings.SelfTestZeroToleranceMpa;
        var zeroed = NearZero(inputs.POut, tolerance) && NearZero(inputs.PBottle, tolerance) && NearZero(inputs.PSrc, tolerance);
        if (!_settling)
        {
            if (elapsed >= settings.SelfTestVentS && zeroed)
            {
                _settling = true;
                _settlingSince = now;
            }

            return Result.Running;
        }

        if (now - _settlingSince < settings.SelfTestSettleS)
        {
            return Result.Running;
        }

        if (!inputs.CalibrationValid)
        {
            return Result.CalibrationMissing;
        }

        return zeroed ? Result.Passed : Result.ZeroOutOfTolerance;
    }

    /// <summary>The worst zero among the three channels, MPa (for the alarm record).</summary>
    public static double WorstZero(in ControlInputs inputs) =>
        Math.Max(Math.Abs(inputs.POut.Mpa), Math.Max(Math.Abs(inputs.PBottle.Mpa), Math.Abs(inputs.PSrc.Mpa)));

    private static bool NearZero(in PressureSample sample, double tolerance) => sample.IsOk && Math.Abs(sample.Mpa) <= tolerance;
}
