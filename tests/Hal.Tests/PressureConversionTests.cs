using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

public class PressureConversionTests
{
    [Fact]
    public void Megapascals_convert_to_every_other_unit()
    {
        var p = Pressure.FromMegapascals(0.45);

        Assert.Equal(450_000.0, p.Pascals, 6);
        Assert.Equal(450.0, p.Kilopascals, 9);
        Assert.Equal(4.5, p.Bars, 9);
        Assert.Equal(65.2670, p.Psi, 3);
        Assert.Equal(0.45, p.Megapascals, 12);
    }

    [Fact]
    public void One_bar_is_the_textbook_psi_figure()
    {
        // 1 bar = 14.503 773 8 psi (NIST); catches a wrong or truncated psi constant.
        Assert.Equal(14.5037738, Pressure.FromBars(1.0).Psi, 6);
        Assert.Equal(6.894757, Pressure.FromPsi(1.0).Kilopascals, 6);
    }

    [Theory]
    [InlineData(450.0, 0.45)]
    [InlineData(101.325, 0.101325)]
    [InlineData(-20.0, -0.02)]
    [InlineData(0.0, 0.0)]
    public void Kilopascals_convert_to_megapascals(double kilopascals, double megapascals)
    {
        Assert.Equal(megapascals, Pressure.FromKilopascals(kilopascals).Megapascals, 12);
    }

    [Theory]
    [InlineData(4.5, 450_000.0)]
    [InlineData(1.01325, 101_325.0)]
    [InlineData(7.0, 700_000.0)]
    public void Bars_convert_to_pascals(double bars, double pascals)
    {
        Assert.Equal(pascals, Pressure.FromBars(bars).Pascals, 6);
    }

    [Theory]
    [InlineData(65.0, 448_159.22)]
    [InlineData(100.0, 689_475.73)]
    public void Psi_convert_to_pascals(double psi, double pascals)
    {
        Assert.Equal(pascals, Pressure.FromPsi(psi).Pascals, 2);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.75)]
    [InlineData(-0.05)]
    [InlineData(1e-7)]
    public void Every_unit_round_trips_back_to_megapascals(double megapascals)
    {
        var p = Pressure.FromMegapascals(megapascals);
        var tolerance = Math.Abs(megapascals) * 1e-14;

        Assert.Equal(megapascals, Pressure.FromPascals(p.Pascals).Megapascals, tolerance);
        Assert.Equal(megapascals, Pressure.FromKilopascals(p.Kilopascals).Megapascals, tolerance);
        Assert.Equal(megapascals, Pressure.FromBars(p.Bars).Megapascals, tolerance);
        Assert.Equal(megapascals, Pressure.FromPsi(p.Psi).Megapascals, tolerance);
    }

    [Fact]
    public void Zero_is_the_default_value_and_zero_in_every_unit()
    {
        Assert.Equal(default, Pressure.Zero);
        Assert.Equal(0.0, Pressure.Zero.Pascals);
        Assert.Equal(0.0, Pressure.Zero.Psi);
        Assert.Equal(Pressure.Zero, Pressure.FromBars(0.0));
    }
}
