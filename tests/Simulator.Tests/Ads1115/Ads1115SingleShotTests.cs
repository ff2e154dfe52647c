using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>
/// The blocking single-shot read for service tools. The manual clock moves 20 µs every time the
/// driver asks it the time, standing in for the bus transfers a real wait is made of.
/// </summary>
public class Ads1115SingleShotTests
{
    private static readonly TimeSpan BusTransfer = TimeSpan.FromMicroseconds(20);

    [Theory]
    [InlineData(Ads1115DataRate.Sps8)]
    [InlineData(Ads1115DataRate.Sps128)]
    [InlineData(Ads1115DataRate.Sps860)]
    public void Waits_for_the_OS_bit_and_returns_the_conversion(Ads1115DataRate rate)
    {
        using var rig = new AdcRig(rate: rate);
        rig.Clock.StepPerReading = BusTransfer;
        rig.Ain[1] = 2.5;
        var period = 1.0 / rate.SamplesPerSecond;

        var sample = rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain1);

        Assert.Equal(AnalogStatus.Ok, sample.Status);
        Assert.Equal(2.5, sample.Volts, Ads1115Gain.FullScale6144mV.VoltsPerCode / 2);
        Assert.Equal(1, sample.Sequence);
        Assert.InRange(rig.Clock.Seconds, period, period + 0.0002);
        Assert.Equal(1, rig.Chip.Conversions);
    }

    [Fact]
    public void Checks_the_chip_is_idle_starts_the_conversion_then_polls_OS_and_reads_the_result()
    {
        using var rig = new AdcRig();
        rig.Clock.StepPerReading = BusTransfer;
        var log = new List<Ads1115FakeTransfer>();
        rig.Chip.TransferLog = log;

        rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain1);

        Assert.Equal([0x01], log[0].Written); // idle? (reset value 0x8583: OS=1)
        Assert.Equal([0x85, 0x83], log[0].Read);

        // OS=1, MUX=101 (AIN1), PGA=000, MODE=1, DR=111, COMP_QUE=11 → 0xD1E3.
        Assert.Equal([0x01, 0xD1, 0xE3], log[1].Written);

        var polls = log.Skip(2).Take(log.Count - 3).ToList();
        Assert.All(polls, t => Assert.Empty(t.Written)); // the pointer already selects config
        Assert.All(polls.SkipLast(1), t => Assert.Equal(0, t.Read[0] & 0x80));
        Assert.Equal(0x80, polls[^1].Read[0] & 0x80);
        Assert.Equal([0x00], log[^1].Written);
    }

    [Fact]
    public void A_stuck_busy_bit_gives_a_timeout_at_the_deadline_instead_of_hanging()
    {
        using var rig = new AdcRig(rate: Ads1115DataRate.Sps128);
        rig.Clock.StepPerReading = BusTransfer;
        rig.Chip.StuckBusy = true;

        var sample = rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain0);

        Assert.Equal(AnalogStatus.Timeout, sample.Status);
        Assert.True(double.IsNaN(sample.Volts));
        Assert.Equal(0, sample.Sequence);
        var deadline = rig.Adc.ConversionDeadline.TotalSeconds;
        Assert.InRange(rig.Clock.Seconds, deadline, deadline + 0.0002);
    }

    [Fact]
    public void A_nack_gives_a_bus_error_at_once()
    {
        using var rig = new AdcRig();
        rig.Clock.StepPerReading = BusTransfer;
        rig.Chip.Nack = true;

        var sample = rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain0);

        Assert.Equal(AnalogStatus.BusError, sample.Status);
        Assert.IsType<IOException>(rig.Adc.LastBusFault);
        Assert.Equal(1, rig.Chip.Transfers);
    }

    [Fact]
    public void It_ends_continuous_mode_after_the_conversion_in_progress()
    {
        using var rig = new AdcRig(rate: Ads1115DataRate.Sps128);
        rig.Clock.StepPerReading = BusTransfer;
        rig.Ain[0] = 1.0;
        rig.Ain[2] = 2.0;
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        rig.Clock.AdvanceMilliseconds(30);

        var sample = rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain2);

        Assert.Equal(AnalogStatus.Ok, sample.Status);
        Assert.Equal(2.0, sample.Volts, 0.001);
        Assert.Null(rig.Adc.ContinuousInput);
        Assert.Equal(AnalogStatus.NotReady, rig.Adc.ReadLatest().Status);
        Assert.False(rig.Chip.IsConverting);
    }

    [Fact]
    public void Each_conversion_gets_the_next_sequence_number()
    {
        using var rig = new AdcRig();
        rig.Clock.StepPerReading = BusTransfer;

        Assert.Equal(1, rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain0).Sequence);
        Assert.Equal(2, rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain1).Sequence);
        Assert.Equal(3, rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain0).Sequence);
    }

    [Fact]
    public void A_scanned_chip_refuses_a_blocking_read()
    {
        using var rig = new AdcRig();
        rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0);

        Assert.Throws<InvalidOperationException>(() => rig.Adc.ReadSingleShot(Ads1115InputMultiplexer.Ain1));
    }
}
