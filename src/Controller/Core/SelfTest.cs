namespace HydroOxygen.Controller.Core;

/// <summary>
/// The self-test (DESIGN §1.1 first row), at power-on and again on recovery from a fault: with the
/// sources shut, every chamber is vented — vent open, the bottle through the charge valve, the
/// source line back through the inlet — until every reading has stopped falling; then the inlet is
/// shut again (so its spool is closed before a source valve may open) and, after a settling time,
/// each smoothed reading must be zero within tolerance: a check of the transducer and of its
/// calibrated zero at once. Judging only once the readings are steady keeps a chamber still
/// emptying (a bottle vented moments before) from being taken for a zero error, and judging the
/// smoothed value keeps one noisy conversion from deciding. The outputs never pressurise anything.
/// A bottle that cannot be vented safely (the spray valve is suspected open: its gas would leave as
/// mist) stays sealed, and its zero is not judged: a charged bottle does not read zero.
/// The bottle is joined only once the source line and the manifold have blown down to it: the gas a
/// shutdown leaves in the source line would otherwise charge a vented bottle through the manifold.
/// </summary>
public struct SelfTest
{
    /// <summary>A reading that moves less than this over <see cref="SteadyForS"/> has stopped falling, MPa.</summary>
    private const double SteadyWithinMpa = 0.002;
    private const double SteadyForS = 0.3;

    private double _started;
    private double _settlingSince;
    private bool _settling;
    private SteadyReading _outlet;
    private SteadyReading _bottle;
    private SteadyReading _source;
    private bool _bottleSealed;
    private bool _bottleJoined;

    public enum Result : byte
    {
        Running,
        Passed,
        ZeroOutOfTolerance,
        CalibrationMissing,
    }

    public static ControlOutputs VentingOutputs { get; } = ControlOutputs.Safe with { ChargeOpen = true, InletOpening = 1.0 };

    public static ControlOutputs SettlingOutputs { get; } = ControlOutputs.Safe with { ChargeOpen = true };

    /// <summary>The bottle is left sealed this time, and reported rather than judged.</summary>
    public readonly bool BottleSealed => _bottleSealed;

    public void Start(double now, bool bottleSealed = false)
    {
        _started = now;
        _settling = false;
        _bottleSealed = bottleSealed;
        _bottleJoined = false;
        _outlet.Reset();
        _bottle.Reset();
        _source.Reset();
    }

    public readonly ControlOutputs Outputs =>
        (_settling ? SettlingOutputs : VentingOutputs) with { ChargeOpen = _bottleJoined && !_bottleSealed };

    /// <summary>The worst smoothed zero among the channels judged, MPa (for the alarm record).</summary>
    public readonly double WorstZero => Math.Max(Math.Abs(_outlet.Smoothed), Math.Max(_bottleSealed ? 0.0 : Math.Abs(_bottle.Smoothed), Math.Abs(_source.Smoothed)));

    public Result Update(in ControlInputs inputs, double now, SequenceSettings settings)
    {
        var elapsed = now - _started;
        var readable = inputs.POut.IsOk && inputs.PBottle.IsOk && inputs.PSrc.IsOk;
        var steady = readable;

        // Joined once nothing upstream reads above the bottle by more than two zero tolerances (what
        // vented readings may differ by); a reading that cannot be had does not hold the bottle back.
        var upstreamMpa = Math.Max(inputs.PSrc.IsOk ? inputs.PSrc.Mpa : 0.0, inputs.POut.IsOk ? inputs.POut.Mpa : 0.0);
        _bottleJoined |= !inputs.PBottle.IsOk || upstreamMpa - inputs.PBottle.Mpa <= 2 * settings.SelfTestZeroToleranceMpa;
        if (readable)
        {
            // Every reading is fed every tick (no short-circuit): the smoothing must not skip any.
            steady &= _outlet.Update(inputs.POut.Mpa, now, SteadyWithinMpa, SteadyForS);
            steady &= _bottle.Update(inputs.PBottle.Mpa, now, SteadyWithinMpa, SteadyForS) || _bottleSealed;
            steady &= _source.Update(inputs.PSrc.Mpa, now, SteadyWithinMpa, SteadyForS);
        }

        if (elapsed >= settings.SelfTestTimeoutS)
        {
            return inputs.CalibrationValid ? Result.ZeroOutOfTolerance : Result.CalibrationMissing;
        }

        if (!_settling)
        {
            if (elapsed >= settings.SelfTestVentS && steady)
            {
                _settling = true;
                _settlingSince = now;
            }

            return Result.Running;
        }

        if (now - _settlingSince < settings.SelfTestSettleS || !readable)
        {
            return Result.Running;
        }

        if (!inputs.CalibrationValid)
        {
            return Result.CalibrationMissing;
        }

        return WorstZero <= settings.SelfTestZeroToleranceMpa ? Result.Passed : Result.ZeroOutOfTolerance;
    }
}
