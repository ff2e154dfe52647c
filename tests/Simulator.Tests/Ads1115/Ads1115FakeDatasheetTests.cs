using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>The fake itself held to the datasheet, byte by byte, without the driver in between.</summary>
public sealed class Ads1115FakeDatasheetTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly double[] _ain = new double[4];
    private readonly Ads1115Fake _chip;

    public Ads1115FakeDatasheetTests() => _chip = new Ads1115Fake(() => _clock.Seconds, pin => _ain[pin]);

    public void Dispose() => _chip.Dispose();

    [Fact]
    public void After_power_on_the_registers_read_their_reset_values_most_significant_byte_first()
    {
        Assert.Equal([0x00, 0x00], ReadRegister(0x00));
        Assert.Equal([0x85, 0x83], ReadRegister(0x01));
        Assert.Equal([0x80, 0x00], ReadRegister(0x02));
        Assert.Equal([0x7F, 0xFF], ReadRegister(0x03));
    }

    [Fact]
    public void A_read_without_a_pointer_write_returns_the_register_the_pointer_last_selected()
    {
        _chip.Write([0x02, 0x12, 0x34]);

        var data = new byte[2];
        _chip.Read(data);

        Assert.Equal([0x12, 0x34], data);
        Assert.Equal(0x02, _chip.PointerRegister);
        Assert.Equal(0x1234, _chip.LoThreshRegister);
    }

    [Fact]
    public void A_one_byte_write_only_moves_the_pointer()
    {
        _chip.Write([0x03]);

        Assert.Equal(0x03, _chip.PointerRegister);
        Assert.Equal(Ads1115Fake.HiThreshResetValue, _chip.HiThreshRegister);
        Assert.Equal([0x7F, 0xFF], ReadCurrent());
    }

    [Fact]
    public void Writing_OS_1_in_single_shot_mode_clears_OS_until_the_conversion_completes_after_one_over_the_rate()
    {
        _ain[2] = 1.0;

        // OS=1, MUX=110 (AIN2), PGA=001 (±4.096 V), MODE=1, DR=000 (8 SPS), comparator off.
        _chip.Write([0x01, 0b1110_0011, 0b0000_0011]);

        Assert.Equal(0, ReadRegister(0x01)[0] & 0x80);
        _clock.AdvanceSeconds(0.999 / 8);
        Assert.Equal(0, ReadRegister(0x01)[0] & 0x80);
        Assert.Equal([0x00, 0x00], ReadRegister(0x00));

        _clock.AdvanceSeconds(0.002 / 8);
        Assert.Equal(0x80, ReadRegister(0x01)[0] & 0x80);

        // 1 V at ±4.096 V is 8000 codes = 0x1F40.
        Assert.Equal([0x1F, 0x40], ReadRegister(0x00));
        Assert.Equal(1, _chip.Conversions);
    }

    [Fact]
    public void After_a_single_shot_the_chip_powers_down_and_converts_nothing_more()
    {
        _ain[0] = 1.0;
        _chip.Write([0x01, 0xC5, 0xE3]); // OS=1, AIN0, ±2.048 V, single-shot, 860 SPS
        _clock.AdvanceSeconds(0.01);
        var first = ReadRegister(0x00);

        _ain[0] = 2.0;
        _clock.AdvanceSeconds(1.0);

        Assert.Equal(first, ReadRegister(0x00));
        Assert.Equal(1, _chip.Conversions);
        Assert.False(_chip.IsConverting);
    }

    [Fact]
    public void Writing_OS_1_while_a_conversion_runs_does_not_restart_it()
    {
        _chip.Write([0x01, 0xC5, 0x03]); // OS=1, AIN0, ±2.048 V, single-shot, 8 SPS
        _clock.AdvanceSeconds(0.1);
        _chip.Write([0x01, 0xC5, 0x03]);
        _clock.AdvanceSeconds(0.026);

        Assert.Equal(0x80, ReadRegister(0x01)[0] & 0x80);
        Assert.Equal(1, _chip.Conversions);
    }

    [Theory]
    [InlineData(0b000, 8)]
    [InlineData(0b100, 128)]
    [InlineData(0b111, 860)]
    public void In_continuous_mode_a_conversion_completes_every_one_over_the_rate(int dr, int rate)
    {
        _ain[1] = 0.5;
        _chip.Write([0x01, 0b0101_0100, (byte)((dr << 5) | 0b11)]); // MUX=101 (AIN1), ±2.048 V, MODE=0

        _clock.AdvanceSeconds(0.99 / rate);
        Assert.Equal(0, _chip.Conversions);
        Assert.Equal(0, _chip.ConversionRegister);

        _clock.AdvanceSeconds(0.02 / rate);
        Assert.Equal(1, _chip.Conversions);
        Assert.Equal(8000, _chip.ConversionRegister);

        _clock.AdvanceSeconds(9.0 / rate);
        Assert.Equal(10, _chip.Conversions);
    }

    [Fact]
    public void A_config_write_in_continuous_mode_lets_the_conversion_in_progress_finish_with_the_old_settings()
    {
        _ain[0] = 1.0;
        _ain[1] = 2.0;
        _chip.Write([0x01, 0x44, 0x83]); // AIN0, ±2.048 V, continuous, 128 SPS
        _clock.AdvanceSeconds(1.5 / 128);
        Assert.Equal(16000, _chip.ConversionRegister);

        _chip.Write([0x01, 0x54, 0x83]); // switch to AIN1

        _clock.AdvanceSeconds(0.6 / 128); // the conversion that was in progress completes: still AIN0
        Assert.Equal(16000, _chip.ConversionRegister);
        Assert.Equal(2, _chip.Conversions);
        _clock.AdvanceSeconds(1.0 / 128); // the first with the new settings
        Assert.Equal(32000, _chip.ConversionRegister);
        Assert.Equal(3, _chip.Conversions);
    }

    [Fact]
    public void Leaving_continuous_mode_powers_down_after_the_conversion_in_progress()
    {
        _ain[0] = 1.0;
        _chip.Write([0x01, 0x44, 0x83]); // AIN0, ±2.048 V, continuous, 128 SPS
        _clock.AdvanceSeconds(1.5 / 128);
        _ain[0] = 0.5;

        _chip.Write([0x01, 0xC5, 0x83]); // single-shot, with OS=1 — ignored: still converting

        Assert.Equal(0, ReadRegister(0x01)[0] & 0x80);
        _clock.AdvanceSeconds(0.6 / 128);
        Assert.Equal(0x80, ReadRegister(0x01)[0] & 0x80);
        Assert.Equal(8000, _chip.ConversionRegister);
        _clock.AdvanceSeconds(1.0);
        Assert.Equal(2, _chip.Conversions);
    }

    [Fact]
    public void Every_conversion_samples_its_input_exactly_once_read_or_not()
    {
        var samples = 0;
        using var chip = new Ads1115Fake(() => _clock.Seconds, _ => { samples++; return 1.0; });
        chip.Write([0x01, 0x40, 0xE3]); // AIN0, continuous, 860 SPS

        for (var i = 0; i < 100; i++)
        {
            _clock.AdvanceSeconds(0.0123);
            if (i % 7 == 0)
            {
                chip.Read(new byte[2]);
                chip.Read(new byte[2]);
            }
        }

        chip.Advance();
        Assert.Equal((long)(1.23 * 860), chip.Conversions);
        Assert.Equal(chip.Conversions, samples);
    }

    [Fact]
    public void In_continuous_mode_OS_reads_0_because_the_chip_is_always_converting()
    {
        _chip.Write([0x01, 0x44, 0x83]);
        _clock.AdvanceSeconds(0.1);

        Assert.Equal(0, ReadRegister(0x01)[0] & 0x80);
    }

    [Fact]
    public void Writing_the_conversion_register_changes_nothing()
    {
        _chip.Write([0x00, 0x12, 0x34]);

        Assert.Equal([0x00, 0x00], ReadRegister(0x00));
    }

    [Fact]
    public void A_negative_result_is_twos_complement()
    {
        _ain[0] = 0.0;
        _ain[3] = 2.048 / 32768; // one LSB at ±2.048 V
        _chip.Write([0x01, 0x95, 0x83]); // OS=1, AIN0−AIN3, ±2.048 V, single-shot, 128 SPS
        _clock.AdvanceSeconds(0.01);

        Assert.Equal([0xFF, 0xFF], ReadRegister(0x00));
    }

    [Fact]
    public void A_nacked_transfer_throws_IOException_and_changes_nothing()
    {
        _chip.Nack = true;

        Assert.Throws<IOException>(() => _chip.Write([0x01, 0x44, 0x83]));
        Assert.Throws<IOException>(() => _chip.Read(new byte[2]));
        Assert.Throws<IOException>(() => _chip.WriteRead([0x01], new byte[2]));

        _chip.Nack = false;
        Assert.Equal([0x85, 0x83], ReadRegister(0x01));
        Assert.Equal(3, _chip.NackedTransfers);
        Assert.Equal(4, _chip.Transfers);
    }

    [Fact]
    public void NackNext_refuses_exactly_that_many_transfers()
    {
        _chip.NackNext(2);

        Assert.Throws<IOException>(() => ReadRegister(0x01));
        Assert.Throws<IOException>(() => ReadRegister(0x01));
        Assert.Equal([0x85, 0x83], ReadRegister(0x01));
    }

    [Fact]
    public void A_stuck_busy_chip_never_sets_OS_again_until_the_fault_clears()
    {
        _chip.StuckBusy = true;
        _chip.Write([0x01, 0xC3, 0xE3]);
        _clock.AdvanceSeconds(10);

        Assert.Equal(0, ReadRegister(0x01)[0] & 0x80);

        _chip.StuckBusy = false;
        Assert.Equal(0x80, ReadRegister(0x01)[0] & 0x80);
        Assert.Equal(1, _chip.Conversions);
    }

    [Fact]
    public void A_power_on_reset_restores_every_register()
    {
        _chip.Write([0x01, 0x44, 0xE3]);
        _chip.Write([0x02, 0x00, 0x01]);
        _clock.AdvanceSeconds(0.01);

        _chip.PowerOnReset();

        Assert.Equal(Ads1115Fake.ConfigResetValue, _chip.ConfigRegister);
        Assert.Equal(Ads1115Fake.LoThreshResetValue, _chip.LoThreshRegister);
        Assert.Equal(0, _chip.ConversionRegister);
        Assert.False(_chip.IsConverting);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x01, 0x85 })]
    [InlineData(new byte[] { 0x01, 0x85, 0x83, 0x00 })]
    [InlineData(new byte[] { 0x04 })]
    public void A_malformed_write_is_a_protocol_error_not_a_bus_fault(byte[] write)
    {
        Assert.Throws<ArgumentException>(() => _chip.Write(write));
        Assert.Equal(1, _chip.ProtocolErrors);
        Assert.Equal([0x85, 0x83], ReadRegister(0x01));
    }

    [Fact]
    public void The_address_must_be_one_the_chip_can_have()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ads1115Fake(() => 0, _ => 0, address: 0x4C));
        Assert.Equal(0x4B, new Ads1115Fake(() => 0, _ => 0, address: 0x4B).ConnectionSettings.DeviceAddress);
    }

    [Fact]
    public void The_transfer_log_records_the_bytes_each_way()
    {
        var log = new List<Ads1115FakeTransfer>();
        _chip.TransferLog = log;

        _chip.Write([0x01, 0x05, 0x83]); // OS=0: no conversion, so OS reads back 1
        _chip.WriteRead([0x01], new byte[2]);
        _chip.Read(new byte[2]);

        Assert.Equal(3, log.Count);
        Assert.Equal([0x01, 0x05, 0x83], log[0].Written);
        Assert.Empty(log[0].Read);
        Assert.Equal([0x01], log[1].Written);
        Assert.Equal([0x85, 0x83], log[1].Read);
        Assert.Empty(log[2].Written);
        Assert.Equal([0x85, 0x83], log[2].Read);
    }

    private byte[] ReadRegister(byte pointer)
    {
        var data = new byte[2];
        _chip.WriteRead([pointer], data);
        return data;
    }

    private byte[] ReadCurrent()
    {
        var data = new byte[2];
        _chip.Read(data);
        return data;
    }
}
