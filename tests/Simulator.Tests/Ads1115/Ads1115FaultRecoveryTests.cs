using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>
/// A NACK or a stuck busy bit becomes a BusError or Timeout, the driver backs off and recovers, and
/// readings resume when the fault clears — on a manual clock, never hanging, never throwing.
/// </summary>
public class Ads1115FaultRecoveryTests
{
    [Fact]
    public void A_nacking_chip_makes_the_scanned_inputs_bus_errors_that_keep_their_last_sequence()
    {
        using var rig = new AdcRig();
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        rig.PollEvery2Ms(scanner, 100);
        var good0 = scanner.Latest(0);
        var good1 = scanner.Latest(1);

        rig.Chip.Nack = true;
        rig.PollEvery2Ms(scanner, 2);

        foreach (var (now, before) in new[] { (scanner.Latest(0), good0), (scanner.Latest(1), good1) })
        {
            Assert.Equal(AnalogStatus.BusError, now.Status);
            Assert.Equal(before.Sequence, now.Sequence);
            Assert.Equal(before.Timestamp, now.Timestamp);
            Assert.True(double.IsNaN(now.Volts));
        }

        Assert.IsType<IOException>(rig.Adc.LastBusFault);
    }

    [Fact]
    public void After_enough_failures_the_driver_backs_off_instead_of_trying_every_tick_and_recovers_when_the_chip_answers()
    {
        using var rig = new AdcRig();
        rig.Ain[0] = 1.0;
        rig.Ain[1] = 2.0;
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        rig.PollEvery2Ms(scanner, 100);
        var sequence0 = scanner.Latest(0).Sequence;

        rig.Chip.Nack = true;
        rig.PollEvery2Ms(scanner, Ads1115RecoveryPolicy.Default.FailuresBeforeRecovery);
        Assert.True(rig.Adc.IsRecovering);
        var transfersAtBackOff = rig.Chip.Transfers;

        rig.PollEvery2Ms(scanner, 1_000); // 2 s of ticks on a dead bus

        // Back-off 10, 20, 40 … ms capped at 1 s: a handful of attempts, not 1000.
        Assert.InRange(rig.Adc.RecoveryAttempts, 6, 9);
        Assert.InRange(rig.Chip.Transfers - transfersAtBackOff, 6, 9);
        Assert.Equal(0, rig.Adc.Recoveries);

        rig.Chip.Nack = false;
        rig.PollEvery2Ms(scanner, 550); // longer than the longest back-off

        Assert.False(rig.Adc.IsRecovering);
        Assert.Equal(1, rig.Adc.Recoveries);
        Assert.Equal(0, rig.Adc.ConsecutiveFailures);
        Assert.Equal(AnalogStatus.Ok, scanner.Latest(0).Status);
        Assert.Equal(AnalogStatus.Ok, scanner.Latest(1).Status);
        Assert.True(scanner.Latest(0).Sequence > sequence0);
        Assert.Equal(1.0, scanner.Latest(0).Volts, 0.0001);
        Assert.Equal(2.0, scanner.Latest(1).Volts, 0.0001);
    }

    [Fact]
    public void A_stuck_busy_bit_times_out_each_input_and_the_scan_resumes_when_it_clears()
    {
        using var rig = new AdcRig();
        rig.Ain[0] = 1.0;
        rig.Ain[1] = 2.0;
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        rig.PollEvery2Ms(scanner, 50);
        var good = scanner.Latest(0);

        rig.Chip.StuckBusy = true;
        rig.PollEvery2Ms(scanner, 3);

        Assert.Equal(AnalogStatus.Timeout, scanner.Latest(0).Status);
        Assert.Equal(AnalogStatus.Timeout, scanner.Latest(1).Status);
        Assert.Equal(good.Sequence, scanner.Latest(0).Sequence);
        Assert.Equal(good.Timestamp, scanner.Latest(0).Timestamp);

        rig.PollEvery2Ms(scanner, 500);
        Assert.True(rig.Adc.IsRecovering);
        Assert.Equal(AnalogStatus.Timeout, scanner.Latest(0).Status);

        rig.Chip.StuckBusy = false;
        rig.PollEvery2Ms(scanner, 550);

        Assert.Equal(AnalogStatus.Ok, scanner.Latest(0).Status);
        Assert.Equal(AnalogStatus.Ok, scanner.Latest(1).Status);
        Assert.Equal(1.0, scanner.Latest(0).Volts, 0.0001);
        Assert.Equal(2.0, scanner.Latest(1).Volts, 0.0001);
        Assert.Equal(1, rig.Adc.Recoveries);
    }

    [Fact]
    public void A_result_the_chip_finishes_after_a_timeout_is_never_given_to_the_next_input()
    {
        // The chip runs slow for one conversion of AIN0 (stuck past the deadline); when it finishes,
        // that AIN0 result must not be collected as AIN1.
        using var rig = new AdcRig();
        rig.Ain[0] = 1.0;
        rig.Ain[1] = 4.0;
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        rig.PollEvery2Ms(scanner, 1); // AIN0 started
        rig.Chip.StuckBusy = true;
        rig.PollEvery2Ms(scanner, 1); // AIN0 times out; AIN1 is next, but the chip is still busy
        rig.Chip.StuckBusy = false;

        var firstOfAin1 = default(AnalogSample);
        rig.PollEvery2Ms(scanner, 20, () =>
        {
            if (firstOfAin1.Sequence == 0)
            {
                firstOfAin1 = scanner.Latest(1);
            }
        });

        Assert.Equal(1, firstOfAin1.Sequence);
        Assert.Equal(4.0, firstOfAin1.Volts, 0.0001);
        Assert.Equal(1.0, scanner.Latest(0).Volts, 0.0001);
    }

    [Fact]
    public void A_single_nack_is_one_bus_error_sample_and_no_recovery()
    {
        using var rig = new AdcRig();
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        rig.ReadEvery2Ms(10);
        var before = rig.Adc.ReadLatest();

        rig.Chip.NackNext(1);
        rig.Clock.AdvanceMilliseconds(2);
        var glitch = rig.Adc.ReadLatest();
        rig.Clock.AdvanceMilliseconds(2);
        var after = rig.Adc.ReadLatest();

        Assert.Equal(AnalogStatus.BusError, glitch.Status);
        Assert.Equal(before.Sequence, glitch.Sequence);
        Assert.Equal(AnalogStatus.Ok, after.Status);
        Assert.Equal(before.Sequence + 1, after.Sequence);
        Assert.Equal(0, rig.Adc.RecoveryAttempts);
        Assert.False(rig.Adc.IsRecovering);
    }

    [Fact]
    public void Continuous_mode_recovers_by_rewriting_its_configuration_after_the_chip_reset()
    {
        // A supply dip resets the chip (single-shot, ±2.048 V) while it is off the bus.
        using var rig = new AdcRig();
        rig.Ain[0] = 3.0;
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        rig.ReadEvery2Ms(10);

        rig.Chip.Nack = true;
        rig.Chip.PowerOnReset();
        rig.ReadEvery2Ms(100, sample => Assert.Equal(AnalogStatus.BusError, sample.Status));
        rig.Chip.Nack = false;
        var samples = new List<AnalogSample>();
        rig.ReadEvery2Ms(600, samples.Add);

        Assert.Equal(0x40E3, rig.Chip.ConfigRegister & 0x7FFF);
        Assert.Equal(AnalogStatus.Ok, samples[^1].Status);
        Assert.Equal(3.0, samples[^1].Volts, 0.0001);
        Assert.Equal(1, rig.Adc.Recoveries);

        // Nothing converted before the rewrite (the reset chip's 0 V) was ever reported as Ok.
        Assert.All(samples.Where(s => s.IsOk), s => Assert.Equal(3.0, s.Volts, 0.0001));
    }

    [Fact]
    public void Recovery_reopens_the_device_when_given_a_way_to()
    {
        var clock = new ManualClock();
        var ain = new[] { 2.5, 0, 0, 0 };
        var opened = new List<Ads1115Fake>();
        var dead = new Ads1115Fake(() => clock.Seconds, pin => ain[pin]) { Nack = true };
        using var adc = new Ads1115(dead, clock, reopenDevice: () =>
        {
            var fresh = new Ads1115Fake(() => clock.Seconds, pin => ain[pin]);
            opened.Add(fresh);
            return fresh;
        });
        adc.StartContinuous(Ads1115InputMultiplexer.Ain0);

        var last = default(AnalogSample);
        for (var i = 0; i < 100; i++)
        {
            clock.AdvanceMilliseconds(2);
            last = adc.ReadLatest();
        }

        Assert.Single(opened);
        Assert.Throws<ObjectDisposedException>(() => dead.Read(new byte[2]));
        Assert.Equal(AnalogStatus.Ok, last.Status);
        Assert.Equal(2.5, last.Volts, 0.0001);
        Assert.Equal(0x40E3, opened[0].ConfigRegister & 0x7FFF);
    }

    [Fact]
    public void A_device_that_cannot_be_reopened_is_retried_later_without_an_exception()
    {
        var clock = new ManualClock();
        var attempts = 0;
        var dead = new Ads1115Fake(() => clock.Seconds, _ => 1.0) { Nack = true };
        using var adc = new Ads1115(dead, clock, reopenDevice: () =>
        {
            attempts++;
            throw new IOException("Can not open I2C device file '/dev/i2c-1'.");
        });
        var scanner = adc.CreateScanner(Ads1115InputMultiplexer.Ain0);

        for (var i = 0; i < 500; i++)
        {
            clock.AdvanceMilliseconds(2);
            scanner.Poll();
        }

        Assert.InRange(attempts, 5, 9);
        Assert.Equal(attempts, adc.RecoveryAttempts);
        Assert.Equal("Can not open I2C device file '/dev/i2c-1'.", adc.LastBusFault?.Message);
        Assert.Equal(AnalogStatus.BusError, scanner.Latest(0).Status);
    }

    [Fact]
    public void No_fault_pattern_makes_an_exception_escape_or_a_poll_hang()
    {
        using var rig = new AdcRig(recovery: new Ads1115RecoveryPolicy { MaxBackOff = TimeSpan.FromMilliseconds(50) });
        rig.Ain[0] = 1.0;
        rig.Ain[1] = 2.0;
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        var random = new Random(7);

        rig.PollEvery2Ms(scanner, 20_000, () =>
        {
            switch (random.Next(40))
            {
                case 0: rig.Chip.Nack = !rig.Chip.Nack; break;
                case 1: rig.Chip.StuckBusy = !rig.Chip.StuckBusy; break;
                case 2: rig.Chip.NackNext(random.Next(1, 5)); break;
                case 3: rig.Chip.PowerOnReset(); break;
                default: break;
            }

            scanner.Inputs[0].Read();
            scanner.Inputs[1].Read();
        });

        rig.Chip.Nack = false;
        rig.Chip.StuckBusy = false;
        rig.Chip.NackNext(0);
        rig.PollEvery2Ms(scanner, 100);

        Assert.Equal(AnalogStatus.Ok, scanner.Latest(0).Status);
        Assert.Equal(1.0, scanner.Latest(0).Volts, 0.0001);
        Assert.Equal(2.0, scanner.Latest(1).Volts, 0.0001);
        Assert.Equal(0, rig.Chip.ProtocolErrors);
    }

    [Fact]
    public void After_dispose_reads_report_a_bus_error_instead_of_throwing()
    {
        var rig = new AdcRig();
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        rig.ReadEvery2Ms(5);

        rig.Dispose();

        Assert.Equal(AnalogStatus.BusError, rig.Adc.ReadLatest().Status);
        Assert.Throws<ObjectDisposedException>(() => rig.Chip.Read(new byte[2]));
    }
}
