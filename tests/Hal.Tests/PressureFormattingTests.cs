using System.Globalization;
using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

public class PressureFormattingTests
{
    [Fact]
    public void ToString_shows_megapascals_with_three_decimals_and_the_unit()
    {
        Assert.Equal("0.450 MPa", Pressure.FromMegapascals(0.45).ToString());
        Assert.Equal("0.000 MPa", Pressure.Zero.ToString());
        Assert.Equal("-0.020 MPa", Pressure.FromKilopascals(-20).ToString());
        Assert.Equal("0.700 MPa", Pressure.FromBars(7).ToString());
    }

    [Fact]
    public void A_format_string_sets_the_digits_and_keeps_the_unit()
    {
        Assert.Equal("0.4500 MPa", Pressure.FromMegapascals(0.45).ToString("0.0000", CultureInfo.InvariantCulture));
        Assert.Equal("0.450 MPa", Pressure.FromMegapascals(0.45).ToString(null, null));
    }

    [Fact]
    public void ToString_round_trips_through_Parse()
    {
        var p = Pressure.FromKilopascals(523);

        Assert.Equal(p, Pressure.Parse(p.ToString()));
    }

    [Fact]
    public void String_interpolation_uses_the_same_format()
    {
        var p = Pressure.FromMegapascals(0.3);

        Assert.Equal("set 0.300 MPa", FormattableString.Invariant($"set {p}"));
    }
}
