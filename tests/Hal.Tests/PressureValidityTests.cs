using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

/// <summary>A <see cref="Pressure"/> must never hold NaN or infinity: invalid numbers are stopped where they are made.</summary>
public class PressureValidityTests
{
    public static TheoryData<double> NotFinite => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(NotFinite))]
    public void Every_factory_throws_on_a_number_that_is_not_finite(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromPascals(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromKilopascals(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromMegapascals(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromBars(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromPsi(value));
    }

    [Fact]
    public void The_exception_names_the_argument()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromMegapascals(double.NaN));

        Assert.Equal("megapascals", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(NotFinite))]
    public void TryFromMegapascals_refuses_a_number_that_is_not_finite(double value)
    {
        Assert.False(Pressure.TryFromMegapascals(value, out var pressure));
        Assert.Equal(Pressure.Zero, pressure);
    }

    [Theory]
    [InlineData(0.45)]
    [InlineData(0.0)]
    [InlineData(-0.08)]
    public void TryFromMegapascals_accepts_a_finite_number(double value)
    {
        Assert.True(Pressure.TryFromMegapascals(value, out var pressure));
        Assert.Equal(value, pressure.Megapascals, 12);
    }

    [Fact]
    public void A_finite_number_that_overflows_when_scaled_is_refused_too()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromMegapascals(1e305));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pressure.FromBars(1e305));
        Assert.False(Pressure.TryFromMegapascals(1e305, out _));
        Assert.False(Pressure.TryParse("1e305 MPa", out _));

        var huge = Pressure.FromPascals(double.MaxValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => huge + huge);
        Assert.Throws<ArgumentOutOfRangeException>(() => -huge - huge);
    }
}
