using HydroOxygen.Hal;
using HydroOxygen.Hal.Tests.Fakes;
using NSubstitute;

namespace HydroOxygen.Hal.Tests;

public class RatiometricTransducerTests
{
    private readonly FakeAnalogInput _input = new();
    private readonly RatiometricTransducer _sensor;

    public RatiometricTransducerTests() => _sensor = new RatiometricTransducer(_input, TransducerSpec.Default);

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(4.5, 1.0)]
    [InlineData(2.5, 0.5)]
    [InlineData(0.40, -0.025)]
    [InlineData(4.75, 1.0625)]
    public void A_voltage_in_the_live_band_reads_as_pressure(double volts, double megapascals)
    {
        _input.SetVolts(volts);

        var reading = _sensor.Read();

        Assert.Equal(SensorStatus.Ok, reading.Status);
        Assert.True(reading.IsOk);
        Assert.Equal(megapascals, reading.Pressure.Megapascals, 12);
        Assert.Equal(volts, reading.Volts);
    }

    [Theory]
    [InlineData(0.399)]
    [InlineData(0.0)]
    [InlineData(-0.2)]
    [InlineData(double.NegativeInfinity)]
    public void A_voltage_below_the_open_threshold_is_an_open_circuit(double volts)
    {
        _input.SetVolts(volts);

        var reading = _sensor.Read();

        Assert.Equal(SensorStatus.OpenCircuit, reading.Status);
        Assert.False(reading.IsOk);
        Assert.Equal(Pressure.Zero, reading.Pressure);
        Assert.Equal(volts, reading.Volts);
    }

    [Theory]
    [InlineData(4.751)]
    [InlineData(5.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_voltage_above_the_short_threshold_is_a_short_circuit(double volts)
    {
        _input.SetVolts(volts);

        var reading = _sensor.Read();

        Assert.Equal(SensorStatus.ShortCircuit, reading.Status);
        Assert.Equal(Pressure.Zero, reading.Pressure);
    }

    [Fact]
    public void A_NaN_voltage_with_an_Ok_status_is_a_converter_fault_not_a_pressure()
    {
        _input.SetVolts(double.NaN);

        var reading = _sensor.Read();

        Assert.Equal(SensorStatus.ConverterFault, reading.Status);
        Assert.Equal(Pressure.Zero, reading.Pressure);
    }

    [Theory]
    [InlineData(AnalogStatus.BusError)]
    [InlineData(AnalogStatus.Timeout)]
    [InlineData(AnalogStatus.NotReady)]
    public void Every_converter_error_is_a_converter_fault(AnalogStatus status)
    {
        _input.SetStatus(status);

        var reading = _sensor.Read();

        Assert.Equal(SensorStatus.ConverterFault, reading.Status);
        Assert.Equal(Pressure.Zero, reading.Pressure);
        Assert.True(double.IsNaN(reading.Volts));
    }

    [Fact]
    public void A_converter_error_is_reported_even_if_the_stale_voltage_looks_plausible()
    {
        _input.Next = new AnalogSample(2.5, AnalogStatus.Timeout, 7, 3);

        Assert.Equal(SensorStatus.ConverterFault, _sensor.Read().Status);
    }

    [Fact]
    public void Timestamp_and_sequence_pass_through_for_staleness_checks()
    {
        _input.Next = new AnalogSample(2.5, AnalogStatus.Ok, 123_456, 42);
        var ok = _sensor.Read();
        _input.Next = new AnalogSample(double.NaN, AnalogStatus.BusError, 123_999, 43);
        var failed = _sensor.Read();

        Assert.Equal((123_456L, 42L), (ok.Timestamp, ok.Sequence));
        Assert.Equal((123_999L, 43L), (failed.Timestamp, failed.Sequence));
    }

    [Fact]
    public void Each_read_takes_one_fresh_sample()
    {
        _input.SetVolts(1.0);
        _sensor.Read();
        _input.SetVolts(3.0);

        var reading = _sensor.Read();

        Assert.Equal(2, _input.Reads);
        Assert.Equal(0.625, reading.Pressure.Megapascals, 12);
    }

    [Theory]
    [InlineData(4.5)]
    [InlineData(5.0)]
    [InlineData(5.5)]
    public void Open_and_short_to_supply_are_faults_and_mid_scale_reads_half_scale_on_any_supply(double supply)
    {
        var sensor = new RatiometricTransducer(_input, TransducerSpec.Default with { SupplyVolts = supply });

        // An open wire: the input's pull-down wins, or leakage leaves a few per cent of the supply.
        _input.SetVolts(0.0);
        Assert.Equal(SensorStatus.OpenCircuit, sensor.Read().Status);
        _input.SetVolts(0.07 * supply);
        Assert.Equal(SensorStatus.OpenCircuit, sensor.Read().Status);

        // Shorted to the supply the output reads the supply (a little less through the wiring).
        _input.SetVolts(supply);
        Assert.Equal(SensorStatus.ShortCircuit, sensor.Read().Status);
        _input.SetVolts(0.96 * supply);
        Assert.Equal(SensorStatus.ShortCircuit, sensor.Read().Status);

        // Zero pressure with its allowed offset, full scale, and mid-scale are readings.
        _input.SetVolts(0.09 * supply);
        Assert.Equal(SensorStatus.Ok, sensor.Read().Status);
        _input.SetVolts(0.9 * supply);
        Assert.Equal(1.0, sensor.Read().Pressure.Megapascals, 12);
        _input.SetVolts(0.5 * supply);
        var mid = sensor.Read();
        Assert.Equal(SensorStatus.Ok, mid.Status);
        Assert.Equal(0.5, mid.Pressure.Megapascals, 12);
    }

    [Fact]
    public void Full_scale_comes_from_the_spec()
    {
        var sensor = new RatiometricTransducer(_input, TransducerSpec.Default with { FullScale = Pressure.FromBars(16) });

        Assert.Equal(Pressure.FromMegapascals(1.6), sensor.FullScale);
    }

    [Fact]
    public void The_constructor_validates_the_spec()
    {
        Assert.Throws<ArgumentException>(() => new RatiometricTransducer(_input, TransducerSpec.Default with { OpenCircuitBelowFraction = 0.14 }));
        Assert.Throws<ArgumentNullException>(() => new RatiometricTransducer(null!, TransducerSpec.Default));
        Assert.Throws<ArgumentNullException>(() => new RatiometricTransducer(_input, null!));
    }

    [Fact]
    public void Works_against_a_substitute_input_too()
    {
        var input = Substitute.For<IAnalogInput>();
        input.Read().Returns(new AnalogSample(4.5, AnalogStatus.Ok, 0, 1));

        Assert.Equal(1.0, new RatiometricTransducer(input, TransducerSpec.Default).Read().Pressure.Megapascals, 12);
    }
}
