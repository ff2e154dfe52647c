using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>
/// Continuous mode (P_out) on a chip that goes wrong without a NACK: a supply dip that resets it, a
/// glitch that changes its configuration, a conversion that stops. The config read-back turns the
/// first two into an error and a reconfiguration; the third is left to the controller's frozen-sensor
/// check, which needs the very same code read after read.
/// </summary>
public class Ads1115ContinuousHealthTests
{
    // OS=0, MUX=100 (AIN0), PGA=000, MODE=0 (continuous), DR=111, COMP_QUE=11.
    private const ushort ContinuousAin0 = 0x40E3;

    [Fact]
    public void A_chip_that_silently_resets_reports_an_error_not_its_zero_register_and_is_reconfigured()
    {
        using var rig = Converting(2.5);
        rig.Chip.PowerOnReset(); // still acknowledges: single-shot, powered down, conversion register 0

        var samples = new List<AnalogSample>();
        rig.ReadEvery2Ms(10, samples.Add);

        // Never the reset chip's 0 V as a fresh reading: an error at once, Ok again within 8 ms.
        Assert.Equal(AnalogStatus.ConfigurationLost, samples[0].Status);
        var recovered = samples.FindIndex(s => s.IsOk);
        Assert.InRange(recovered, 1, 4);
        Assert.All(samples.Take(recovered), s => Assert.Equal(AnalogStatus.ConfigurationLost, s.Status));
        Assert.All(samples.Skip(recovered), s => Assert.Equal(2.5, s.Volts, 0.0001));
        Assert.Equal(1, rig.Adc.ConfigurationLosses);
        Assert.Equal(ContinuousAin0, rig.Chip.ConfigRegister & 0x7FFF);
        Assert.Equal(0, rig.Adc.ConsecutiveFailures);
        Assert.Equal(0, rig.Chip.ProtocolErrors);
    }

    [Fact]
    public void A_glitch_that_changes_the_gain_is_found_by_the_periodic_read_back_within_its_interval()
    {
        using var rig = Converting(2.5);

        // Someone else on the bus (or noise) writes PGA=001 (±4.096 V) and leaves the pointer where it was.
        rig.Chip.Write([0x01, 0x42, 0xE3]);
        rig.Chip.Write([0x00]);
        var samples = new List<AnalogSample>();
        rig.ReadEvery2Ms(40, samples.Add);

        // Until the read-back, the readings are plausible and wrong: 2.5 V × 6.144 / 4.096.
        var lost = samples.FindIndex(s => s.Status == AnalogStatus.ConfigurationLost);
        var intervalTicks = (int)(Ads1115.ConfigCheckInterval.TotalMilliseconds / 2);
        Assert.InRange(lost, 1, intervalTicks);
        Assert.All(samples.Take(lost).Where(s => s.IsOk), s => Assert.Equal(3.75, s.Volts, 0.001));
        var recovered = samples.FindIndex(lost, s => s.IsOk);
        Assert.InRange(recovered - lost, 1, 4);
        Assert.All(samples.Skip(recovered), s => Assert.Equal(2.5, s.Volts, 0.0001));
        Assert.Equal(1, rig.Adc.ConfigurationLosses);
        Assert.Equal(ContinuousAin0, rig.Chip.ConfigRegister & 0x7FFF);
    }

    [Fact]
    public void The_read_back_costs_one_transfer_per_interval_and_every_2ms_read_stays_fresh()
    {
        using var rig = Converting(1.0);
        var log = new List<Ads1115FakeTransfer>();
        rig.Chip.TransferLog = log;
        var sequence = rig.Adc.ReadLatest().Sequence;

        rig.ReadEvery2Ms(500, s =>
        {
            Assert.Equal(++sequence, s.Sequence);
            Assert.Equal(1.0, s.Volts, 0.0001);
        });

        // 1 s at one read-back per 50 ms; each also costs the next conversion read its pointer byte.
        var readBacks = log.Count(t => t.Written is [0x01] && t.Read.Length == 2);
        Assert.InRange(readBacks, 19, 20);
        Assert.Equal(500 + readBacks, log.Count);
        Assert.Equal(0, rig.Adc.ConfigurationLosses);
    }

    [Fact]
    public void A_stuck_conversion_keeps_its_configuration_and_shows_as_the_very_same_code_read_after_read()
    {
        using var rig = Converting(2.0);
        var before = rig.Adc.ReadLatest();
        rig.Chip.StuckBusy = true;
        var log = new List<Ads1115FakeTransfer>();
        rig.Chip.TransferLog = log;

        var samples = new List<AnalogSample>();
        rig.ReadEvery2Ms(300, sample =>
        {
            samples.Add(sample);
            rig.Ain[0] = 1.0 + (samples.Count % 50 * 0.05); // the pressure moves; the chip does not follow
        });

        // The chip cannot tell: in continuous mode OS reads "converting" either way, the config
        // read-back matches, and ALERT/RDY is not wired. What the controller sees is one code,
        // bit for bit, for 0.6 s — its frozen-sensor check (SensorFrozenAfterS, or a few
        // conversions while the valves say the pressure must move) reports the sensor.
        Assert.All(samples, s => Assert.Equal(AnalogStatus.Ok, s.Status));
        Assert.All(samples, s => Assert.Equal(before.Volts, s.Volts));
        Assert.True(log.Count(t => t.Written is [0x01]) >= 10);
        Assert.Equal(0, rig.Adc.ConfigurationLosses);

        rig.Chip.StuckBusy = false;
        rig.Ain[0] = 3.0;
        rig.ReadEvery2Ms(2);
        Assert.Equal(3.0, rig.Adc.ReadLatest().Volts, 0.0001);
    }

    [Fact]
    public void A_chip_that_keeps_resetting_is_handed_to_recovery_which_backs_off_and_never_throws()
    {
        using var rig = Converting(2.5);

        for (var i = 0; i < 200; i++)
        {
            rig.Chip.PowerOnReset();
            rig.ReadEvery2Ms(1, s => Assert.NotEqual(AnalogStatus.Ok, s.Status));
        }

        Assert.True(rig.Adc.IsRecovering);
        Assert.InRange(rig.Adc.RecoveryAttempts, 3, 10); // back-off 10, 20, 40 … ms over 0.4 s
        Assert.Equal(0, rig.Chip.ProtocolErrors);

        rig.ReadEvery2Ms(600); // longer than the longest back-off
        var sample = rig.Adc.ReadLatest();
        Assert.Equal(AnalogStatus.Ok, sample.Status);
        Assert.Equal(2.5, sample.Volts, 0.0001);
        Assert.False(rig.Adc.IsRecovering);
    }

    /// <summary>A driver converting AIN0 continuously at <paramref name="volts"/> for 40 ms, every read fresh.</summary>
    private static AdcRig Converting(double volts)
    {
        var rig = new AdcRig();
        rig.Ain[0] = volts;
        Assert.True(rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0));
        rig.ReadEvery2Ms(20);
        Assert.Equal(AnalogStatus.Ok, rig.Adc.ReadLatest().Status);
        Assert.Equal(volts, rig.Adc.ReadLatest().Volts, 0.0001);
        return rig;
    }
}
