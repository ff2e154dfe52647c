using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

public class PressureParsingTests
{
    [Theory]
    [InlineData("0.45 MPa", 450_000.0)]
    [InlineData("450kPa", 450_000.0)]
    [InlineData("450 kPa", 450_000.0)]
    [InlineData("4.5 bar", 450_000.0)]
    [InlineData("65 psi", 448_159.22)]
    [InlineData("450000 Pa", 450_000.0)]
    [InlineData("  0.3 MPa  ", 300_000.0)]
    [InlineData("\t0.6MPa\n", 600_000.0)]
    [InlineData("-20 kPa", -20_000.0)]
    [InlineData("1e-1 MPa", 100_000.0)]
    public void Parses_a_number_with_its_unit(string text, double pascals)
    {
        Assert.True(Pressure.TryParse(text, out var pressure));
        Assert.Equal(pascals, pressure.Pascals, 2);
        Assert.Equal(pascals, Pressure.Parse(text).Pascals, 2);
    }

    [Theory]
    [InlineData("0.45")]
    [InlineData("450")]
    public void A_bare_number_is_refused_because_its_unit_would_be_a_guess(string text)
    {
        Assert.False(Pressure.TryParse(text, out var pressure));
        Assert.Equal(Pressure.Zero, pressure);
    }

    [Theory]
    [InlineData("0.45 atm")]
    [InlineData("0.45 MPa extra")]
    [InlineData("0.45 hPa")]
    [InlineData("4,5 bar")]
    [InlineData("MPa")]
    [InlineData("high")]
    [InlineData("0.4.5 MPa")]
    [InlineData("NaN MPa")]
    [InlineData("Infinity bar")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Garbage_and_unknown_units_are_refused(string? text)
    {
        Assert.False(Pressure.TryParse(text, out var pressure));
        Assert.Equal(Pressure.Zero, pressure);
    }

    [Fact]
    public void Parse_throws_a_FormatException_that_quotes_the_text_and_lists_the_units()
    {
        var ex = Assert.Throws<FormatException>(() => Pressure.Parse("0.45 atm"));

        Assert.Contains("'0.45 atm'", ex.Message, StringComparison.Ordinal);
        foreach (var unit in new[] { "MPa", "kPa", "bar", "psi" })
        {
            Assert.Contains(unit, ex.Message, StringComparison.Ordinal);
        }
    }
}
