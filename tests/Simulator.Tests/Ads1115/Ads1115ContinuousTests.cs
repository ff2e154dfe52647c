using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>Continuous mode on one input (P_out at 860 SPS): what is read, when, and over which bytes.</summary>
public class Ads1115ContinuousTests
{
    [Fact]
    public void Starting_continuous_mode_writes_the_config_register_with_the_datasheet_bits()
    {
        using var rig = new AdcRig(Ads1115Gain.FullScale6144mV, Ads1115DataRate.Sps860);
        var log = new List<Ads1115FakeTransfer>();
        rig.Chip.TransferLog = log;

        Assert.True(rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0));

        // OS=0, MUX=100 (AIN0), PGA=000 (±6.144 V), MODE=0, DR=111 (860), COMP_QUE=11 → 0x40E3.
        var write = Assert.Single(log);
        Assert.Equal([0x01, 0x40, 0xE3], write.Written);
        Assert.Equal(0x40E3, rig.Chip.ConfigRegister & 0x7FFF);
        Assert.Equal(Ads1115InputMultiplexer.Ain0, rig.Adc.ContinuousInput);
    }

    [Theory]
    [InlineData(Ads1115DataRate.Sps8)]
    [InlineData(Ads1115DataRate.Sps128)]
    [InlineData(Ads1115DataRate.Sps475)]
    [InlineData(Ads1115DataRate.Sps860)]
    public void A_conversion_is_not_reported_before_it_can_have_completed_and_is_after(Ads1115DataRate rate)
    {
        using var rig = new AdcRig(rate: rate);
        var period = 1.0 / rate.SamplesPerSecond;
        rig.Ain[0] = 1.0;
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);

        rig.Clock.AdvanceSeconds(0.95 * period);
        Assert.Equal(AnalogStatus.NotReady, rig.Adc.ReadLatest().Status);
        Assert.Equal(0, rig.Chip.Conversions);

        // The chip has its first result at 1 / rate; the driver also allows for a conversion that was
        // in progress with old settings and for a slow oscillator: two conversions at 0.9 × rate.
        rig.Clock.AdvanceSeconds(0.1 * period);
        Assert.Equal(1, rig.Chip.Conversions);
        rig.Clock.AdvanceSeconds(1.2 * period);

        var first = rig.Adc.ReadLatest();
        Assert.Equal(AnalogStatus.Ok, first.Status);
        Assert.Equal(1, first.Sequence);
        Assert.Equal(1.0, first.Volts, 0.0001);
        Assert.Equal(rig.Clock.GetTimestamp(), first.Timestamp);

        // No new conversion can be certain before another (slow) conversion time: the same sample,
        // and the bus is not even asked.
        rig.Ain[0] = 2.0;
        rig.Clock.AdvanceSeconds(0.5 * period);
        var transfers = rig.Chip.Transfers;
        Assert.Equal(first, rig.Adc.ReadLatest());
        Assert.Equal(transfers, rig.Chip.Transfers);

        rig.Clock.AdvanceSeconds(0.7 * period);
        var second = rig.Adc.ReadLatest();
        Assert.Equal(2, second.Sequence);
        Assert.Equal(2.0, second.Volts, 0.0001);
    }

    [Fact]
    public void Read_every_2ms_at_860sps_every_read_is_fresh_and_follows_the_input()
    {
        using var rig = new AdcRig();
        var volts = 0.5;
        rig.Ain[0] = volts;
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        rig.Clock.AdvanceMilliseconds(1);
        var previous = 0L;

        rig.ReadEvery2Ms(1_000, sample =>
        {
            if (sample.Sequence > 0)
            {
                Assert.Equal(AnalogStatus.Ok, sample.Status);
                Assert.Equal(previous + 1, sample.Sequence);
                Assert.Equal(volts, sample.Volts, 0.0001);
            }

            previous = sample.Sequence;
            volts = 0.5 + (sample.Sequence % 40 * 0.1);
            rig.Ain[0] = volts;
        });

        Assert.Equal(1_000, previous);
    }

    [Fact]
    public void Repeated_reads_of_the_conversion_register_skip_the_pointer_byte()
    {
        using var rig = new AdcRig();
        rig.Ain[3] = 1.0; // not 0 V: a code of 0 is checked against a reset (a config read-back) first
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain3);
        var log = new List<Ads1115FakeTransfer>();
        rig.Chip.TransferLog = log;

        rig.ReadEvery2Ms(4);

        // The config write left the pointer at 0x01: the first read moves it to 0x00 with a
        // repeated start; after that the pointer stays there and a bare 2-byte read will do.
        Assert.Equal(3, log.Count);
        Assert.Equal([0x00], log[0].Written);
        Assert.Equal(2, log[0].Read.Length);
        Assert.All(log.Skip(1), t => Assert.Empty(t.Written));
        Assert.All(log.Skip(1), t => Assert.Equal(2, t.Read.Length));
    }

    [Fact]
    public void The_conversion_bytes_are_big_endian_twos_complement()
    {
        using var rig = new AdcRig(Ads1115Gain.FullScale2048mV);
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0MinusAin1);
        var log = new List<Ads1115FakeTransfer>();
        rig.Chip.TransferLog = log;

        // 0x1234 codes = 4660 × 62.5 µV.
        rig.Ain[0] = 4660 * 2.048 / 32768;
        rig.Clock.AdvanceMilliseconds(5);
        Assert.Equal(4660 * 2.048 / 32768, rig.Adc.ReadLatest().Volts, 1e-12);
        Assert.Equal([0x12, 0x34], log[^1].Read);

        // −0x1234 = 0xEDCC.
        rig.Ain[0] = 0.0;
        rig.Ain[1] = 4660 * 2.048 / 32768;
        rig.Clock.AdvanceMilliseconds(5);
        Assert.Equal(-4660 * 2.048 / 32768, rig.Adc.ReadLatest().Volts, 1e-12);
        Assert.Equal([0xED, 0xCC], log[^1].Read);
    }

    [Fact]
    public void Before_continuous_mode_is_started_the_reading_is_not_ready()
    {
        using var rig = new AdcRig();
        rig.Clock.AdvanceMilliseconds(10);

        var sample = ((IAnalogInput)rig.Adc).Read();

        Assert.Equal(AnalogStatus.NotReady, sample.Status);
        Assert.Equal(0, sample.Sequence);
        Assert.Equal(0, rig.Chip.Transfers);
    }

    [Fact]
    public void Switching_the_continuous_input_waits_for_a_conversion_of_the_new_one()
    {
        using var rig = new AdcRig();
        rig.Ain[0] = 1.0;
        rig.Ain[1] = 3.0;
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        rig.ReadEvery2Ms(5);
        var before = rig.Adc.ReadLatest();

        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain1);
        rig.Clock.AdvanceMilliseconds(1);
        var between = rig.Adc.ReadLatest();
        rig.Clock.AdvanceMilliseconds(2);
        var after = rig.Adc.ReadLatest();

        Assert.Equal(AnalogStatus.NotReady, between.Status);
        Assert.Equal(before.Sequence, between.Sequence);
        Assert.Equal(3.0, after.Volts, 0.001);
        Assert.Equal(before.Sequence + 1, after.Sequence);
    }
}
