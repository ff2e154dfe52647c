using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>The non-blocking multiplexed scan the control loop polls every tick (P_bottle and P_src).</summary>
public class Ads1115ScannerTests
{
    [Fact]
    public void Polled_every_2ms_at_860sps_each_input_gets_its_own_value_fresh_every_4ms()
    {
        using var rig = new AdcRig();
        rig.Ain[0] = 1.25;
        rig.Ain[1] = 3.75;
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        var bottle = scanner.Inputs[0];
        var source = scanner.Inputs[1];
        var bottleSequences = new List<long>();
        var sourceSequences = new List<long>();

        rig.PollEvery2Ms(scanner, 500, () =>
        {
            bottleSequences.Add(bottle.Read().Sequence);
            sourceSequences.Add(source.Read().Sequence);
        });

        Assert.Equal(1.25, bottle.Read().Volts, 0.0001);
        Assert.Equal(3.75, source.Read().Volts, 0.0001);
        Assert.Equal(AnalogStatus.Ok, bottle.Read().Status);
        Assert.Equal(AnalogStatus.Ok, source.Read().Status);

        // One conversion per poll, alternating: 250 per second per input over 1 s.
        Assert.InRange(bottle.Read().Sequence, 249, 250);
        Assert.InRange(source.Read().Sequence, 249, 250);
        AssertFreshEveryOtherPoll(bottleSequences);
        AssertFreshEveryOtherPoll(sourceSequences);
        Assert.Equal(0, scanner.BusyPolls);
        Assert.Equal(0, rig.Chip.ProtocolErrors);
    }

    [Fact]
    public void A_fresh_sample_is_stamped_with_the_poll_that_collected_it()
    {
        using var rig = new AdcRig();
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);

        rig.PollEvery2Ms(scanner, 2);

        var sample = scanner.Latest(0);
        Assert.Equal(1, sample.Sequence);
        Assert.Equal(rig.Clock.GetTimestamp(), sample.Timestamp);
        Assert.Equal(scanner.Inputs[0].Read(), sample);
    }

    [Fact]
    public void Samples_not_refreshed_keep_their_sequence_number_and_timestamp()
    {
        using var rig = new AdcRig();
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        rig.PollEvery2Ms(scanner, 20);
        var before = scanner.Latest(1);

        rig.Clock.AdvanceMilliseconds(100);

        Assert.Equal(before, scanner.Inputs[1].Read());
    }

    [Theory]
    [InlineData(Ads1115DataRate.Sps8)]
    [InlineData(Ads1115DataRate.Sps64)]
    [InlineData(Ads1115DataRate.Sps250)]
    [InlineData(Ads1115DataRate.Sps860)]
    public void A_conversion_is_busy_before_one_over_the_rate_and_collected_after(Ads1115DataRate rate)
    {
        using var rig = new AdcRig(rate: rate);
        rig.Ain[0] = 2.0;
        var period = 1.0 / rate.SamplesPerSecond;
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0);
        scanner.Poll(); // starts the conversion

        rig.Clock.AdvanceSeconds(0.95 * period);
        scanner.Poll();
        Assert.Equal(1, scanner.BusyPolls);
        Assert.Equal(AnalogStatus.NotReady, scanner.Latest(0).Status);
        Assert.Equal(0, scanner.Latest(0).Sequence);

        rig.Clock.AdvanceSeconds(0.1 * period);
        scanner.Poll();
        Assert.Equal(AnalogStatus.Ok, scanner.Latest(0).Status);
        Assert.Equal(1, scanner.Latest(0).Sequence);
        Assert.Equal(2.0, scanner.Latest(0).Volts, 0.0001);
    }

    [Fact]
    public void At_128sps_polled_every_2ms_a_busy_conversion_is_retried_until_done_never_timed_out()
    {
        using var rig = new AdcRig(rate: Ads1115DataRate.Sps128);
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        var statuses = new HashSet<AnalogStatus>();

        rig.PollEvery2Ms(scanner, 500, () => statuses.Add(scanner.Latest(0).Status));

        // 7.8 ms per conversion: three busy polls, collected on the fourth → 8 ms per input turn.
        Assert.DoesNotContain(AnalogStatus.Timeout, statuses);
        Assert.Equal(0, rig.Adc.ConsecutiveFailures);
        Assert.InRange(scanner.Latest(0).Sequence, 62, 63);
        Assert.InRange(scanner.BusyPolls, 370, 375);
    }

    [Fact]
    public void Each_poll_reads_OS_collects_the_conversion_and_starts_the_next_input()
    {
        using var rig = new AdcRig();
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        var log = new List<Ads1115FakeTransfer>();
        rig.Chip.TransferLog = log;

        rig.PollEvery2Ms(scanner, 3);

        // OS=1, MUX=100/101, PGA=000, MODE=1 (single-shot), DR=111, COMP_QUE=11.
        byte[] startAin0 = [0x01, 0xC1, 0xE3];
        byte[] startAin1 = [0x01, 0xD1, 0xE3];
        Assert.Equal(8, log.Count);
        Assert.Equal([0x01], log[0].Written); // poll 1: is the chip idle? (pointer unknown)
        Assert.Equal(startAin0, log[1].Written);
        Assert.Empty(log[2].Written); // poll 2: OS, pointer still at config after the write
        Assert.Equal(0x80, log[2].Read[0] & 0x80);
        Assert.Equal([0x00], log[3].Written); // the conversion
        Assert.Equal(startAin1, log[4].Written);
        Assert.Empty(log[5].Written); // poll 3
        Assert.Equal([0x00], log[6].Written);
        Assert.Equal(startAin0, log[7].Written);
    }

    [Fact]
    public void Three_inputs_share_the_chip_in_turn()
    {
        using var rig = new AdcRig();
        rig.Ain[0] = 1.0;
        rig.Ain[1] = 2.0;
        rig.Ain[2] = 3.0;
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1, Ads1115InputMultiplexer.Ain2);

        rig.PollEvery2Ms(scanner, 301);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1.0, scanner.Latest(i).Volts, 0.0001);
            Assert.Equal(100, scanner.Latest(i).Sequence);
        }
    }

    [Fact]
    public void A_scan_must_name_each_input_once()
    {
        using var rig = new AdcRig();

        Assert.Throws<ArgumentException>(() => rig.Adc.CreateScanner());
        Assert.Throws<ArgumentException>(() => rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Adc.CreateScanner((Ads1115InputMultiplexer)9));
    }

    [Fact]
    public void A_chip_converts_one_way_at_a_time()
    {
        using var continuous = new AdcRig();
        continuous.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        Assert.Throws<InvalidOperationException>(() => continuous.Adc.CreateScanner(Ads1115InputMultiplexer.Ain1));

        using var scanned = new AdcRig();
        scanned.Adc.CreateScanner(Ads1115InputMultiplexer.Ain1);
        Assert.Throws<InvalidOperationException>(() => scanned.Adc.CreateScanner(Ads1115InputMultiplexer.Ain2));
        Assert.Throws<InvalidOperationException>(() => scanned.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0));
    }

    private static void AssertFreshEveryOtherPoll(List<long> sequences)
    {
        for (var i = 2; i < sequences.Count; i++)
        {
            Assert.Equal(1, sequences[i] - sequences[i - 2]);
        }
    }
}
