using System.Device.I2c;
using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>The constructor refuses what cannot work, naming the problem; the driver owns its device.</summary>
public class Ads1115ConstructionTests
{
    private readonly ManualClock _clock = new();

    [Theory]
    [InlineData(0x47)]
    [InlineData(0x4C)]
    [InlineData(0x00)]
    public void A_device_at_an_address_the_chip_cannot_have_is_refused(int address)
    {
        using var device = new OtherChip(address);

        var error = Assert.Throws<ArgumentException>(() => new Ads1115(device, _clock));

        Assert.Equal("device", error.ParamName);
        Assert.Contains("0x48–0x4B", error.Message, StringComparison.Ordinal);
        Assert.Contains($"0x{address:X2}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x48)]
    [InlineData(0x4B)]
    public void Every_address_the_chip_can_have_is_accepted(int address)
    {
        using var adc = new Ads1115(new Ads1115Fake(() => 0, _ => 0, address), _clock);

        Assert.Equal(address, adc.DeviceAddress);
    }

    [Fact]
    public void Gain_and_data_rate_must_be_settings_the_chip_has()
    {
        using var chip = new Ads1115Fake(() => 0, _ => 0);

        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => new Ads1115(chip, _clock, (Ads1115Gain)6)).ParamName);
        Assert.Equal("dataRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Ads1115(chip, _clock, dataRate: (Ads1115DataRate)8)).ParamName);
    }

    [Fact]
    public void A_recovery_policy_that_makes_no_sense_is_refused_by_name()
    {
        using var chip = new Ads1115Fake(() => 0, _ => 0);

        var noFailures = Assert.Throws<ArgumentException>(() =>
            new Ads1115(chip, _clock, recovery: new Ads1115RecoveryPolicy { FailuresBeforeRecovery = 0 }));
        var backwards = Assert.Throws<ArgumentException>(() =>
            new Ads1115(chip, _clock, recovery: new Ads1115RecoveryPolicy { MaxBackOff = TimeSpan.FromMilliseconds(1) }));

        Assert.Contains(nameof(Ads1115RecoveryPolicy.FailuresBeforeRecovery), noFailures.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Ads1115RecoveryPolicy.MaxBackOff), backwards.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nulls_are_refused()
    {
        using var chip = new Ads1115Fake(() => 0, _ => 0);

        Assert.Throws<ArgumentNullException>(() => new Ads1115(null!, _clock));
        Assert.Throws<ArgumentNullException>(() => new Ads1115(chip, null!));
    }

    [Fact]
    public void Construction_does_not_touch_the_bus()
    {
        using var chip = new Ads1115Fake(() => 0, _ => 0);
        using var adc = new Ads1115(chip, _clock);

        Assert.Equal(0, chip.Transfers);
    }

    [Fact]
    public void The_configuration_that_does_not_change_is_readable()
    {
        using var adc = new Ads1115(new Ads1115Fake(() => 0, _ => 0), _clock, Ads1115Gain.FullScale4096mV, Ads1115DataRate.Sps250);

        Assert.Equal(Ads1115Gain.FullScale4096mV, adc.Gain);
        Assert.Equal(4.096, adc.FullScaleVolts);
        Assert.Equal(Ads1115DataRate.Sps250, adc.DataRate);
        Assert.Equal(TimeSpan.FromMilliseconds(4), adc.ConversionTime);
        Assert.InRange(adc.ConversionDeadline.TotalMilliseconds, 4 / 0.9, (4 / 0.9) + 1);
        Assert.Same(Ads1115RecoveryPolicy.Default, adc.Recovery);
    }

    [Fact]
    public void Disposing_the_driver_disposes_its_device_once()
    {
        var chip = new Ads1115Fake(() => 0, _ => 0);
        var adc = new Ads1115(chip, _clock);

        adc.Dispose();
        adc.Dispose();

        Assert.Throws<ObjectDisposedException>(() => chip.Read(new byte[2]));
        Assert.Throws<ObjectDisposedException>(() => adc.StartContinuous(Ads1115InputMultiplexer.Ain0));
        Assert.Equal(AnalogStatus.BusError, adc.ReadLatest().Status);
    }

    [Fact]
    public void The_config_register_can_be_read_back_for_diagnostics()
    {
        using var adc = new Ads1115(new Ads1115Fake(() => 0, _ => 0), _clock);

        Assert.True(adc.TryReadConfig(out var config));
        Assert.Equal(Ads1115Config.PowerOnReset, config);
    }

    /// <summary>Some other chip on the bus, at an address an ADS1115 cannot have.</summary>
    private sealed class OtherChip(int address) : I2cDevice
    {
        public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

        public override byte ReadByte() => throw new IOException("not an ADS1115");

        public override void Read(Span<byte> buffer) => throw new IOException("not an ADS1115");

        public override void WriteByte(byte value) => throw new IOException("not an ADS1115");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("not an ADS1115");

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => throw new IOException("not an ADS1115");
    }
}
