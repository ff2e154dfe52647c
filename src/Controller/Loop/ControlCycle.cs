using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Loop;

/// <summary>
/// One tick from the edge to the edge: start the board's tick, read every input into plain data,
/// run the control step, write every output. The real-time loop and the virtual-time simulation
/// both call exactly this, which is what makes a simulated session evidence about the real one.
/// </summary>
/// <remarks>
/// A HAL call that throws is contained here: reads become faulted samples (the supervisor turns
/// them into <see cref="AlarmCode.SensorFault"/>), and a failed write puts the board in its
/// hardware safe state at once and keeps reporting until a write succeeds again.
/// </remarks>
public sealed class ControlCycle
{
    private readonly IDeviceBoard _board;
    private readonly SprayController _core;
    private readonly CommandQueue _commands;
    private readonly ControlCommand[] _batch;
    private CalibrationSet _calibration;

    /// <summary>The calibration the sensors were last given (on the tick, so that all three change together).</summary>
    private CalibrationSet? _calibrated;

    public ControlCycle(IDeviceBoard board, SprayController core, CommandQueue commands, CalibrationSet calibration)
    {
        _board = board;
        _core = core;
        _commands = commands;
        _calibration = calibration;
        _batch = new ControlCommand[commands.Capacity];
    }

    public SprayController Core => _core;
    public IDeviceBoard Board => _board;

    /// <summary>Writes that threw since start; a non-zero count means the hardware is not doing what it is told.</summary>
    public long FailedWrites { get; private set; }

    public Exception? LastFault { get; private set; }

    public ControlInputs LastInputs { get; private set; }

    /// <summary>The calibration applied to the pressure readings.</summary>
    public CalibrationSet Calibration => Volatile.Read(ref _calibration);

    /// <summary>Replaces the calibration (a service engineer's new one); takes effect at the next tick.</summary>
    public void UseCalibration(CalibrationSet calibration) => Volatile.Write(ref _calibration, calibration);

    public ControlOutputs Run(long timestamp, double time, int consecutiveOverruns)
    {
        try
        {
            _board.BeginTick(timestamp);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LastFault = ex;
        }

        var calibration = Volatile.Read(ref _calibration);
        if (!ReferenceEquals(calibration, _calibrated))
        {
            _board.OutletPressure.Calibration = calibration.POut;
            _board.BottlePressure.Calibration = calibration.PBottle;
            _board.SourcePressure.Calibration = calibration.PSrc;
            _calibrated = calibration;
        }

        var inputs = new ControlInputs
        {
            Time = time,
            POut = Read(_board.OutletPressure),
            PBottle = Read(_board.BottlePressure),
            PSrc = Read(_board.SourcePressure),
            FootSwitchContact = ReadSwitch(_board.FootSwitch, fallback: false),
            PowerSwitchOn = ReadSwitch(_board.PowerSwitch, fallback: true),
            LiquidPresent = ReadSwitch(_board.LiquidLevel, fallback: false),
            CalibrationValid = calibration.Valid,
            ConsecutiveOverruns = consecutiveOverruns,
        };
        LastInputs = inputs;

        var count = _commands.Drain(_batch);
        var outputs = _core.Step(in inputs, _batch.AsSpan(0, count));
        Write(in outputs);
        return outputs;
    }

    private PressureSample Read(IPressureSensor sensor)
    {
        try
        {
            var reading = sensor.Read();
            return reading.IsOk
                ? new PressureSample(reading.Pressure.Megapascals, reading.Status, reading.Sequence, reading.Uncalibrated.Megapascals)
                : new PressureSample(0.0, reading.Status, reading.Sequence, 0.0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LastFault = ex;
            return PressureSample.Missing;
        }
    }

    /// <param name="fallback">
    /// What a switch that cannot be read is taken to say: the pedal released (never spray on a
    /// broken input) and the power switch on (a read error must not start a shutdown storm; a real
    /// switch-off is seen when the input works).
    /// </param>
    private bool ReadSwitch(IDigitalInput input, bool fallback)
    {
        try
        {
            return input.Read();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LastFault = ex;
            return fallback;
        }
    }

    private void Write(in ControlOutputs outputs)
    {
        try
        {
            // Close before open: the spray and source valves go first, so no intermediate pattern
            // of this write ever has more open than either the old or the new one.
            _board.SprayValve.SetOpen(outputs.SprayOpen);
            _board.OxygenSourceValve.SetOpen(outputs.OxygenSourceOpen);
            _board.CompressorSourceValve.SetOpen(outputs.CompressorSourceOpen);
            _board.InletValve.SetOpening(outputs.InletOpening);
            _board.ChargeValve.SetOpen(outputs.ChargeOpen);
            _board.VentValve.SetOpen(outputs.VentOpen);
            _board.Compressor.Write(outputs.CompressorOn);
            _board.Indicator.Show(outputs.Indicator);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FailedWrites++;
            LastFault = ex;
            _board.ForceSafe();
        }
    }
}
