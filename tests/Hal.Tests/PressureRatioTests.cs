using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

/// <summary>The ratio of two pressures is a finite number or an exception, never NaN or infinity.</summary>
public class PressureRatioTests
{
    [Fact]
    public void A_ratio_over_a_zero_pressure_throws_instead_of_NaN()
    {
        var ex = Assert.Throws<DivideByZeroException>(() => Pressure.Zero / Pressure.Zero);

        Assert.Contains("divisor pressure is zero", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.45)]
    [InlineData(-0.01)]
    public void A_ratio_over_a_zero_pressure_throws_instead_of_infinity(double megapascals)
    {
        Assert.Throws<DivideByZeroException>(() => Pressure.FromMegapascals(megapascals) / Pressure.FromPascals(-0.0));
    }

    [Fact]
    public void A_ratio_too_large_for_a_double_throws_instead_of_infinity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromPascals(1e300) / Pressure.FromPascals(1e-300));
    }

    [Fact]
    public void A_zero_pressure_over_a_non_zero_one_is_zero()
    {
        Assert.Equal(0.0, Pressure.Zero / Pressure.FromMegapascals(0.45));
    }
}
