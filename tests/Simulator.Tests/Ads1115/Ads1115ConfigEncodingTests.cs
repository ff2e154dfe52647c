using HydroOxygen.Hal.RaspberryPi;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>
/// Every field of the config register lands on the datasheet's bits. The expected bit patterns are
/// written out from the datasheet's table, not derived from the enums.
/// </summary>
public class Ads1115ConfigEncodingTests
{
    /// <summary>All fields zero, so one field at a time can be seen alone.</summary>
    private static readonly Ads1115Config AllZero = Ads1115Config.Decode(0x0000);

    [Fact]
    public void The_reset_value_0x8583_is_idle_ain0_minus_ain1_2V048_single_shot_128sps_comparator_off()
    {
        var reset = Ads1115Config.Decode(0x8583);

        Assert.True(reset.OperationalStatus);
        Assert.Equal(Ads1115InputMultiplexer.Ain0MinusAin1, reset.Input);
        Assert.Equal(Ads1115Gain.FullScale2048mV, reset.Gain);
        Assert.Equal(Ads1115Mode.SingleShot, reset.Mode);
        Assert.Equal(Ads1115DataRate.Sps128, reset.DataRate);
        Assert.Equal(Ads1115ComparatorMode.Traditional, reset.ComparatorMode);
        Assert.Equal(Ads1115ComparatorPolarity.ActiveLow, reset.ComparatorPolarity);
        Assert.False(reset.ComparatorLatching);
        Assert.Equal(Ads1115ComparatorQueue.Disabled, reset.ComparatorQueue);
        Assert.Equal(reset, Ads1115Config.PowerOnReset);
        Assert.Equal(0x8583, Ads1115Config.PowerOnReset.Encode());
    }

    [Fact]
    public void OS_is_bit_15() =>
        Assert.Equal(0b1000_0000_0000_0000, (AllZero with { OperationalStatus = true }).Encode());

    [Theory]
    [InlineData(Ads1115InputMultiplexer.Ain0MinusAin1, 0b000)]
    [InlineData(Ads1115InputMultiplexer.Ain0MinusAin3, 0b001)]
    [InlineData(Ads1115InputMultiplexer.Ain1MinusAin3, 0b010)]
    [InlineData(Ads1115InputMultiplexer.Ain2MinusAin3, 0b011)]
    [InlineData(Ads1115InputMultiplexer.Ain0, 0b100)]
    [InlineData(Ads1115InputMultiplexer.Ain1, 0b101)]
    [InlineData(Ads1115InputMultiplexer.Ain2, 0b110)]
    [InlineData(Ads1115InputMultiplexer.Ain3, 0b111)]
    public void MUX_is_bits_14_to_12(Ads1115InputMultiplexer input, int datasheetBits) =>
        AssertField(AllZero with { Input = input }, datasheetBits << 12);

    [Theory]
    [InlineData(Ads1115Gain.FullScale6144mV, 0b000, 6.144)]
    [InlineData(Ads1115Gain.FullScale4096mV, 0b001, 4.096)]
    [InlineData(Ads1115Gain.FullScale2048mV, 0b010, 2.048)]
    [InlineData(Ads1115Gain.FullScale1024mV, 0b011, 1.024)]
    [InlineData(Ads1115Gain.FullScale512mV, 0b100, 0.512)]
    [InlineData(Ads1115Gain.FullScale256mV, 0b101, 0.256)]
    public void PGA_is_bits_11_to_9_with_its_full_scale(Ads1115Gain gain, int datasheetBits, double fullScaleVolts)
    {
        AssertField(AllZero with { Gain = gain }, datasheetBits << 9);
        Assert.Equal(fullScaleVolts, gain.FullScaleVolts);
        Assert.Equal(fullScaleVolts / 32768, gain.VoltsPerCode);
    }

    [Theory]
    [InlineData(0b110)]
    [InlineData(0b111)]
    public void PGA_110_and_111_also_mean_256mV(int datasheetBits) =>
        Assert.Equal(Ads1115Gain.FullScale256mV, Ads1115Config.Decode((ushort)(datasheetBits << 9)).Gain);

    [Theory]
    [InlineData(Ads1115Mode.Continuous, 0)]
    [InlineData(Ads1115Mode.SingleShot, 1)]
    public void MODE_is_bit_8(Ads1115Mode mode, int datasheetBit) =>
        AssertField(AllZero with { Mode = mode }, datasheetBit << 8);

    [Theory]
    [InlineData(Ads1115DataRate.Sps8, 0b000, 8)]
    [InlineData(Ads1115DataRate.Sps16, 0b001, 16)]
    [InlineData(Ads1115DataRate.Sps32, 0b010, 32)]
    [InlineData(Ads1115DataRate.Sps64, 0b011, 64)]
    [InlineData(Ads1115DataRate.Sps128, 0b100, 128)]
    [InlineData(Ads1115DataRate.Sps250, 0b101, 250)]
    [InlineData(Ads1115DataRate.Sps475, 0b110, 475)]
    [InlineData(Ads1115DataRate.Sps860, 0b111, 860)]
    public void DR_is_bits_7_to_5_with_its_rate(Ads1115DataRate rate, int datasheetBits, int samplesPerSecond)
    {
        AssertField(AllZero with { DataRate = rate }, datasheetBits << 5);
        Assert.Equal(samplesPerSecond, rate.SamplesPerSecond);
        Assert.Equal(1.0 / samplesPerSecond, rate.ConversionTime.TotalSeconds, 1e-7);
    }

    [Theory]
    [InlineData(Ads1115ComparatorMode.Traditional, 0)]
    [InlineData(Ads1115ComparatorMode.Window, 1)]
    public void COMP_MODE_is_bit_4(Ads1115ComparatorMode mode, int datasheetBit) =>
        AssertField(AllZero with { ComparatorMode = mode }, datasheetBit << 4);

    [Theory]
    [InlineData(Ads1115ComparatorPolarity.ActiveLow, 0)]
    [InlineData(Ads1115ComparatorPolarity.ActiveHigh, 1)]
    public void COMP_POL_is_bit_3(Ads1115ComparatorPolarity polarity, int datasheetBit) =>
        AssertField(AllZero with { ComparatorPolarity = polarity }, datasheetBit << 3);

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void COMP_LAT_is_bit_2(bool latching, int datasheetBit) =>
        AssertField(AllZero with { ComparatorLatching = latching }, datasheetBit << 2);

    [Theory]
    [InlineData(Ads1115ComparatorQueue.AssertAfterOneConversion, 0b00)]
    [InlineData(Ads1115ComparatorQueue.AssertAfterTwoConversions, 0b01)]
    [InlineData(Ads1115ComparatorQueue.AssertAfterFourConversions, 0b10)]
    [InlineData(Ads1115ComparatorQueue.Disabled, 0b11)]
    public void COMP_QUE_is_bits_1_to_0(Ads1115ComparatorQueue queue, int datasheetBits) =>
        AssertField(AllZero with { ComparatorQueue = queue }, datasheetBits);

    [Fact]
    public void Every_16_bit_value_decodes_and_encodes_back_to_itself_except_the_PGA_aliases()
    {
        for (var bits = 0; bits <= ushort.MaxValue; bits++)
        {
            var pga = (bits >> 9) & 0b111;
            var canonical = pga > 0b101 ? (bits & ~(0b111 << 9)) | (0b101 << 9) : bits;

            Assert.Equal(canonical, Ads1115Config.Decode((ushort)bits).Encode());
        }
    }

    [Fact]
    public void Every_combination_of_fields_encodes_and_decodes_back_to_itself()
    {
        var count = 0;
        foreach (var os in new[] { false, true })
        foreach (var input in Enum.GetValues<Ads1115InputMultiplexer>())
        foreach (var gain in Enum.GetValues<Ads1115Gain>())
        foreach (var mode in Enum.GetValues<Ads1115Mode>())
        foreach (var rate in Enum.GetValues<Ads1115DataRate>())
        foreach (var compMode in Enum.GetValues<Ads1115ComparatorMode>())
        foreach (var polarity in Enum.GetValues<Ads1115ComparatorPolarity>())
        foreach (var latching in new[] { false, true })
        foreach (var queue in Enum.GetValues<Ads1115ComparatorQueue>())
        {
            var config = new Ads1115Config
            {
                OperationalStatus = os,
                Input = input,
                Gain = gain,
                Mode = mode,
                DataRate = rate,
                ComparatorMode = compMode,
                ComparatorPolarity = polarity,
                ComparatorLatching = latching,
                ComparatorQueue = queue,
            };

            Assert.Equal(config, Ads1115Config.Decode(config.Encode()));
            count++;
        }

        Assert.Equal(2 * 8 * 6 * 2 * 8 * 2 * 2 * 2 * 4, count);
    }

    [Fact]
    public void A_field_value_outside_its_enum_does_not_spill_into_the_neighbouring_fields() =>
        Assert.Equal(0b111 << 12, (AllZero with { Input = (Ads1115InputMultiplexer)0xFF }).Encode());

    private static void AssertField(Ads1115Config config, int expectedBits)
    {
        Assert.Equal(expectedBits, config.Encode());
        Assert.Equal(config, Ads1115Config.Decode((ushort)expectedBits));
    }
}
