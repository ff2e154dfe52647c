namespace HydroOxygen.Controller.Core;

/// <summary>
/// The gas path into the manifold: the selected source's valve, the compressor behind it, and the
/// regulator on P_out that works the inlet and the vent (DESIGN §2.3).
/// </summary>
public sealed class GasDelivery(ControllerSettings settings, RegulatorSettingsHandOff tuning, EventRing events)
{
    /// <summary>The inlet has acted on a new command once this many of its lag time constants have passed (95 %).</summary>
    public const double InletActsAfterLags = 3.0;

    private readonly CompressorSupply _compressor = new(settings.Supply, events);
    private PressureRegulator _regulator;
    private RegulatorOutput _regulated;

    /// <summary>Until when a switched source waits for the inlet spool to close before its valve opens.</summary>
    private double _switchHoldUntil = double.NegativeInfinity;

    public ref readonly PressureRegulator Regulator => ref _regulator;

    /// <summary>What the regulator commanded at its last update (zero while it does not regulate).</summary>
    public ref readonly RegulatorOutput Regulated => ref _regulated;

    public CompressorSupply Compressor => _compressor;

    /// <summary>Starts regulating afresh from the pressures there are now.</summary>
    public void Engage(double pOutMpa, double pBottleMpa, double now)
    {
        _regulator.Engage(pOutMpa, pBottleMpa, now);
        _regulated = default;
    }

    /// <summary>The regulator is not working the valves this tick.</summary>
    public void Idle() => _regulated = default;

    /// <summary>
    /// Break before make: after a switch of source, the new valve opens only once the inlet spool
    /// has closed, or a higher new source (a cylinder after a cold tank) rushes through it.
    /// </summary>
    public void SourceSwitched(double inletOpening, double now)
    {
        _compressor.Stop();
        if (inletOpening > 0.0)
        {
            _switchHoldUntil = now + (InletActsAfterLags * tuning.InUse.InletLagS);
        }
    }

    /// <summary>The compressor's loop on compressed air; returns whether the motor runs.</summary>
    public bool RunCompressor(in TickReadings readings, GasSource source, double setpointMpa, ref AlarmTable alarms) =>
        source != GasSource.Oxygen
        && _compressor.Run(in readings, setpointMpa + settings.Supply.RegulationMarginMpa, in _regulated, tuning.InUse, ref alarms);

    /// <summary>The given outputs with the selected source open and the compressor as its loop wants it.</summary>
    public ControlOutputs WithSourceOpen(in ControlOutputs outputs, GasSource source)
    {
        var oxygen = source == GasSource.Oxygen;
        return outputs with { OxygenSourceOpen = oxygen, CompressorSourceOpen = !oxygen, CompressorOn = !oxygen && _compressor.On };
    }

    /// <summary>Regulates the manifold to <paramref name="setpointMpa"/> with the source open and the given outlet valves.</summary>
    public ControlOutputs Regulate(in TickReadings readings, double setpointMpa, GasSource source, bool charge, bool spray, ValveTiming valves, ref AlarmTable alarms)
    {
        var now = readings.Now;
        var oxygen = source == GasSource.Oxygen;
        var compressorOn = RunCompressor(in readings, source, setpointMpa, ref alarms);
        if (now < _switchHoldUntil)
        {
            // Both sources shut until the inlet has closed; the regulator holds as while a line primes.
            Engage(readings.POutMpa, readings.PBottleMpa, now);
            return new ControlOutputs { ChargeOpen = charge, SprayOpen = spray, CompressorOn = compressorOn };
        }

        var last = valves.Last;
        var input = new RegulatorInputs(
            setpointMpa,
            readings.POutMpa,
            readings.PSrcMpa,
            readings.PBottleMpa,
            valves.SourceOpenFor(now),
            charge && last.ChargeOpen ? valves.ChargeOpenFor(now) : 0.0,
            spray && last.SprayOpen ? valves.SprayOpenFor(now) : 0.0);
        _regulated = _regulator.Update(in input, tuning.InUse, readings.Dt, now);
        return new ControlOutputs
        {
            InletOpening = _regulated.InletOpening,
            VentOpen = _regulated.VentOpen,
            OxygenSourceOpen = oxygen,
            CompressorSourceOpen = !oxygen,
            ChargeOpen = charge,
            SprayOpen = spray,
            CompressorOn = compressorOn,
        };
    }
}
