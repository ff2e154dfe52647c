namespace HydroOxygen.Controller.Core;

/// <summary>
/// The gas path up to the inlet valve: the selected source's valve and the compressor behind it
/// (DESIGN §2.3). The regulator on P_out works the inlet and the vent beyond it.
/// </summary>
public sealed class GasDelivery(ControllerSettings settings, RegulatorSettingsHandOff tuning, PressureRegulator regulator, EventRing events)
{
    /// <summary>The inlet has acted on a new command once this many of its lag time constants have passed (95 %).</summary>
    public const double InletActsAfterLags = 3.0;

    private readonly CompressorSupply _compressor = new(settings.Supply, events);

    /// <summary>Until when a switched source waits for the inlet spool to close before its valve opens.</summary>
    private double _switchHoldUntil = double.NegativeInfinity;

    public CompressorSupply Compressor => _compressor;

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

    /// <summary>Both sources stay shut: a switch of source waits for the inlet to close.</summary>
    public bool WaitingForInlet(double now) => now < _switchHoldUntil;

    /// <summary>The compressor's loop on compressed air; returns whether the motor runs.</summary>
    public bool RunCompressor(in TickReadings readings, GasSource source, double setpointMpa, ref AlarmTable alarms) =>
        source != GasSource.Oxygen
        && _compressor.Run(in readings, setpointMpa + settings.Supply.RegulationMarginMpa, in regulator.Regulated, tuning.InUse, ref alarms);

    /// <summary>The given outputs with the selected source open and the compressor as its loop wants it.</summary>
    public ControlOutputs WithSourceOpen(in ControlOutputs outputs, GasSource source)
    {
        var oxygen = source == GasSource.Oxygen;
        return outputs with { OxygenSourceOpen = oxygen, CompressorSourceOpen = !oxygen, CompressorOn = !oxygen && _compressor.On };
    }

    /// <summary>
    /// The gas path while the manifold is regulated to <paramref name="setpointMpa"/>: the compressor
    /// run, and the selected source's valve open unless a switch waits for the inlet to close.
    /// </summary>
    public ControlOutputs Supply(in TickReadings readings, GasSource source, double setpointMpa, ref AlarmTable alarms)
    {
        var compressorOn = RunCompressor(in readings, source, setpointMpa, ref alarms);
        if (WaitingForInlet(readings.Now))
        {
            return new ControlOutputs { CompressorOn = compressorOn };
        }

        var oxygen = source == GasSource.Oxygen;
        return new ControlOutputs { OxygenSourceOpen = oxygen, CompressorSourceOpen = !oxygen, CompressorOn = compressorOn };
    }
}
