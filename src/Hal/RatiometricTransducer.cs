namespace HydroOxygen.Hal;

/// <summary>
/// A ratiometric pressure transducer (0.5–4.5 V on a 5 V supply for 0–full scale) read through an
/// analog input, with the engineer's calibration applied to what it reads.
/// </summary>
/// <remarks>
/// The 0.5 V offset is what makes a broken wire visible: a live transducer never outputs less than
/// 10 % of its supply, so a voltage well below that is an open circuit (the input's pull-down wins)
/// and one well above 90 % is a short to the supply. The fault thresholds sit outside the band by a
/// margin so that a transducer with its allowed offset error at zero is not reported as broken.
/// </remarks>
public sealed class RatiometricTransducer : IPressureSensor
{
    private readonly IAnalogInput _input;
    private readonly TransducerSpec _spec;

    public RatiometricTransducer(IAnalogInput input, TransducerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(spec);
        SettingsErrors.ThrowIfAny(spec.Problems(TransducerSpec.Section), "Invalid transducer spec");
        _input = input;
        _spec = spec;
    }

    public Pressure FullScale => _spec.FullScale;

    public PressureCalibration Calibration { get; set; } = PressureCalibration.Identity;

    public SensorReading Read()
    {
        var sample = _input.Read();
        if (!sample.IsOk)
        {
            return new SensorReading(Pressure.Zero, double.NaN, SensorStatus.ConverterFault, sample.Timestamp, sample.Sequence);
        }

        var volts = sample.Volts;
        var status = volts < _spec.OpenCircuitBelowVolts ? SensorStatus.OpenCircuit
            : volts > _spec.ShortCircuitAboveVolts ? SensorStatus.ShortCircuit
            : double.IsFinite(volts) ? SensorStatus.Ok
            : SensorStatus.ConverterFault;
        var pressure = status == SensorStatus.Ok ? _spec.ToPressure(volts) : Pressure.Zero;
        var calibrated = status == SensorStatus.Ok ? Calibration.Apply(pressure) : Pressure.Zero;
        return new SensorReading(calibrated, volts, status, sample.Timestamp, sample.Sequence, pressure);
    }
}
