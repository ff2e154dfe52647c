using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// One channel of an ADS1115-like converter sampling a plant transducer: conversions complete at the
/// data rate (shared round-robin with the converter's other channels when multiplexed), each one
/// samples the transducer with its noise and is quantised at the converter's resolution.
/// </summary>
/// <remarks>
/// Conversions are evaluated lazily when the channel is read: the latest completed conversion is
/// what a register read would return, and conversions nobody read leave no trace, as on the chip.
/// </remarks>
internal sealed class SimulatedAdcChannel : IAnalogInput
{
    private readonly SprayPlant _plant;
    private readonly SensorChannel _sensor;
    private readonly double _samplesPerSecond;
    private readonly int _slot;
    private readonly int _slots;
    private readonly Func<bool> _nack;
    private readonly Func<double, long> _toTimestamp;
    private readonly double _lsb;
    private readonly long _maxCode;
    private long _conversion = -1;
    private double _volts;

    public SimulatedAdcChannel(
        SprayPlant plant,
        SensorChannel sensor,
        double samplesPerSecond,
        int slot,
        int slots,
        Func<bool> nack,
        Func<double, long> toTimestamp)
    {
        _plant = plant;
        _sensor = sensor;
        _samplesPerSecond = samplesPerSecond;
        _slot = slot;
        _slots = slots;
        _nack = nack;
        _toTimestamp = toTimestamp;
        _maxCode = (1L << (plant.Parameters.AdcBits - 1)) - 1;
        _lsb = plant.Parameters.AdcFullScaleVolts / (_maxCode + 1);
    }

    public AnalogSample Read()
    {
        // Conversion k of the converter belongs to slot k mod slots and completes at (k + 1) / rate.
        var completed = (long)Math.Floor((_plant.Time * _samplesPerSecond) + 1e-9) - 1;
        var latest = completed - ((((completed - _slot) % _slots) + _slots) % _slots);
        if (latest < 0)
        {
            return new AnalogSample(double.NaN, AnalogStatus.NotReady, _toTimestamp(0.0), 0);
        }

        var sequence = ((latest - _slot) / _slots) + 1;
        var timestamp = _toTimestamp((latest + 1) / _samplesPerSecond);
        if (_nack())
        {
            return new AnalogSample(double.NaN, AnalogStatus.BusError, timestamp, sequence);
        }

        if (latest != _conversion)
        {
            _conversion = latest;
            var code = Math.Clamp(Math.Round(_plant.SampleSensorVolts(_sensor) / _lsb), -_maxCode - 1, _maxCode);
            _volts = code * _lsb;
        }

        return new AnalogSample(_volts, AnalogStatus.Ok, timestamp, sequence);
    }
}
