using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>Volts = code × FS / 32768 at every PGA setting, clipped at ±FS, single-ended never below ground.</summary>
public class Ads1115ConversionTests
{
    public static TheoryData<Ads1115Gain> Gains => new(Enum.GetValues<Ads1115Gain>());

    [Theory]
    [MemberData(nameof(Gains))]
    public void Single_ended_readings_are_within_half_an_lsb_of_the_input(Ads1115Gain gain)
    {
        using var rig = new AdcRig(gain);
        var fullScale = gain.FullScaleVolts;

        foreach (var fraction in new[] { 0.0, 0.1, 0.25, 0.3141, 0.5, 0.75, 0.9999 })
        {
            rig.Ain[2] = fraction * fullScale;

            var sample = Convert(rig, Ads1115InputMultiplexer.Ain2);

            Assert.Equal(AnalogStatus.Ok, sample.Status);
            Assert.Equal(fraction * fullScale, sample.Volts, gain.VoltsPerCode / 2);
        }
    }

    [Theory]
    [MemberData(nameof(Gains))]
    public void Half_scale_is_exactly_code_16384_either_way_round(Ads1115Gain gain)
    {
        using var rig = new AdcRig(gain);
        var fullScale = gain.FullScaleVolts;
        rig.Ain[0] = 0.0;
        rig.Ain[1] = fullScale / 2;

        Assert.Equal(-fullScale / 2, Convert(rig, Ads1115InputMultiplexer.Ain0MinusAin1).Volts);
        Assert.Equal(16384, rig.Chip.ConversionRegister * -1);

        rig.Ain[0] = fullScale / 2;
        rig.Ain[3] = 0.0;
        Assert.Equal(fullScale / 2, Convert(rig, Ads1115InputMultiplexer.Ain0MinusAin3).Volts);
    }

    [Theory]
    [MemberData(nameof(Gains))]
    public void Inputs_beyond_full_scale_clip_to_0x7FFF_and_0x8000(Ads1115Gain gain)
    {
        using var rig = new AdcRig(gain);
        var fullScale = gain.FullScaleVolts;

        rig.Ain[1] = 1.5 * fullScale;
        Assert.Equal(32767 * gain.VoltsPerCode, Convert(rig, Ads1115InputMultiplexer.Ain1).Volts);
        Assert.Equal(0x7FFF, rig.Chip.ConversionRegister);

        rig.Ain[1] = fullScale;
        Assert.Equal(32767 * gain.VoltsPerCode, Convert(rig, Ads1115InputMultiplexer.Ain1).Volts);

        rig.Ain[1] = 0.0;
        rig.Ain[3] = 1.5 * fullScale;
        Assert.Equal(-fullScale, Convert(rig, Ads1115InputMultiplexer.Ain1MinusAin3).Volts);
        Assert.Equal(unchecked((short)0x8000), rig.Chip.ConversionRegister);
    }

    [Theory]
    [MemberData(nameof(Gains))]
    public void Single_ended_inputs_read_zero_at_and_below_ground(Ads1115Gain gain)
    {
        using var rig = new AdcRig(gain);
        var lsb = gain.VoltsPerCode;

        foreach (var volts in new[] { 0.0, -0.1, -0.3, 0.4 * lsb })
        {
            rig.Ain[0] = volts;
            Assert.Equal(0.0, Convert(rig, Ads1115InputMultiplexer.Ain0).Volts);
        }

        rig.Ain[0] = 0.6 * lsb;
        Assert.Equal(lsb, Convert(rig, Ads1115InputMultiplexer.Ain0).Volts);
    }

    [Fact]
    public void A_transducer_at_its_span_reads_true_at_the_default_6V144_range()
    {
        // The 0.5–4.5 V band sits well inside ±6.144 V, at 187.5 µV (0.047 kPa) per code.
        using var rig = new AdcRig();
        var spec = TransducerSpec.Default;

        foreach (var mpa in new[] { 0.0, 0.3, 0.45, 0.6, 1.0 })
        {
            rig.Ain[0] = spec.ToVolts(Pressure.FromMegapascals(mpa));
            var volts = Convert(rig, Ads1115InputMultiplexer.Ain0).Volts;
            Assert.Equal(mpa, spec.ToPressure(volts).Megapascals, 0.0001);
        }
    }

    /// <summary>One fresh continuous conversion of <paramref name="input"/>.</summary>
    private static AnalogSample Convert(AdcRig rig, Ads1115InputMultiplexer input)
    {
        Assert.True(rig.Adc.StartContinuous(input));
        rig.Clock.AdvanceMilliseconds(5);
        var sample = rig.Adc.ReadLatest();
        Assert.Equal(AnalogStatus.Ok, sample.Status);
        return sample;
    }
}
