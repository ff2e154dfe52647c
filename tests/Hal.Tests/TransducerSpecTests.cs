using HydroOxygen.Hal;
using NSubstitute;

namespace HydroOxygen.Hal.Tests;

public class TransducerSpecTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(4.5, 1.0)]
    [InlineData(2.5, 0.5)]
    [InlineData(2.3, 0.45)]
    public void The_default_spec_maps_half_to_four_and_a_half_volts_onto_zero_to_one_megapascal(double volts, double megapascals)
    {
        var spec = TransducerSpec.Default;

        Assert.Equal(megapascals, spec.ToPressure(volts).Megapascals, 12);
        Assert.Equal(volts, spec.ToVolts(Pressure.FromMegapascals(megapascals)), 12);
    }

    [Fact]
    public void The_band_and_thresholds_are_those_of_the_device()
    {
        var spec = TransducerSpec.Default;

        Assert.Equal(0.5, spec.ZeroVolts, 12);
        Assert.Equal(4.5, spec.FullScaleVolts, 12);
        Assert.Equal(0.40, spec.OpenCircuitBelowVolts, 12);
        Assert.Equal(4.75, spec.ShortCircuitAboveVolts, 12);
        Assert.Equal(Pressure.FromMegapascals(1.0), spec.FullScale);
    }

    [Fact]
    public void A_different_full_scale_and_supply_scale_the_mapping()
    {
        var spec = TransducerSpec.Default with { FullScale = Pressure.FromBars(16), SupplyVolts = 3.3 };

        Assert.Empty(spec.Problems(TransducerSpec.Section));
        Assert.Equal(0.33, spec.ZeroVolts, 12);
        Assert.Equal(2.97, spec.FullScaleVolts, 12);
        Assert.Equal(8.0, spec.ToPressure((0.33 + 2.97) / 2).Bars, 9);
        Assert.Equal(0.264, spec.OpenCircuitBelowVolts, 12);
        Assert.Equal(3.135, spec.ShortCircuitAboveVolts, 12);
    }

    [Theory]
    [InlineData(4.5, 0.36, 4.275)]
    [InlineData(5.0, 0.40, 4.75)]
    [InlineData(5.5, 0.44, 5.225)]
    public void The_fault_thresholds_scale_with_the_supply(double supply, double openBelow, double shortAbove)
    {
        var spec = TransducerSpec.Default with { SupplyVolts = supply };

        Assert.Empty(spec.Problems(TransducerSpec.Section));
        Assert.Equal(openBelow, spec.OpenCircuitBelowVolts, 12);
        Assert.Equal(shortAbove, spec.ShortCircuitAboveVolts, 12);
    }

    [Fact]
    public void The_default_spec_is_valid()
    {
        Assert.Empty(TransducerSpec.Default.Problems(TransducerSpec.Section));
    }

    public static TheoryData<string, TransducerSpec> InvalidSpecs => new()
    {
        { "zero full scale", TransducerSpec.Default with { FullScale = Pressure.Zero } },
        { "negative full scale", TransducerSpec.Default with { FullScale = Pressure.FromMegapascals(-1) } },
        { "zero supply", TransducerSpec.Default with { SupplyVolts = 0 } },
        { "NaN supply", TransducerSpec.Default with { SupplyVolts = double.NaN } },
        { "negative zero fraction", TransducerSpec.Default with { ZeroFraction = -0.1 } },
        { "span end below zero", TransducerSpec.Default with { ZeroFraction = 0.5, SpanEndFraction = 0.4 } },
        { "span end equal to zero", TransducerSpec.Default with { ZeroFraction = 0.5, SpanEndFraction = 0.5 } },
        { "span end above the supply", TransducerSpec.Default with { SpanEndFraction = 1.1 } },
        { "NaN span end", TransducerSpec.Default with { SpanEndFraction = double.NaN } },
        { "infinite supply", TransducerSpec.Default with { SupplyVolts = double.PositiveInfinity } },
        { "open threshold inside the band", TransducerSpec.Default with { OpenCircuitBelowFraction = 0.12 } },
        { "open threshold at zero pressure", TransducerSpec.Default with { OpenCircuitBelowFraction = 0.1 } },
        { "open threshold at 0 V, where an open wire cannot be seen", TransducerSpec.Default with { OpenCircuitBelowFraction = 0 } },
        { "short threshold inside the band", TransducerSpec.Default with { ShortCircuitAboveFraction = 0.88 } },
        { "short threshold at full scale", TransducerSpec.Default with { ShortCircuitAboveFraction = 0.9 } },
        { "short threshold at the supply, where a short cannot be seen", TransducerSpec.Default with { ShortCircuitAboveFraction = 1.0 } },
        { "NaN open threshold", TransducerSpec.Default with { OpenCircuitBelowFraction = double.NaN } },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Validate_rejects_a_spec_that_cannot_describe_a_transducer(string why, TransducerSpec spec)
    {
        Assert.False(string.IsNullOrEmpty(why));
        Assert.NotEmpty(spec.Problems(TransducerSpec.Section));
        Assert.Throws<ArgumentException>(() => new RatiometricTransducer(Substitute.For<IAnalogInput>(), spec));
    }
}
