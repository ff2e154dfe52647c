using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

public class PressureArithmeticAndComparisonTests
{
    private static readonly Pressure Low = Pressure.FromMegapascals(0.30);
    private static readonly Pressure High = Pressure.FromMegapascals(0.60);

    [Fact]
    public void Relational_operators_order_by_pressure()
    {
        Assert.True(Low < High);
        Assert.False(High < Low);
        Assert.True(High > Low);
        Assert.False(Low > High);
        Assert.True(Low <= High);
        Assert.True(Low <= Pressure.FromKilopascals(300));
        Assert.True(High >= Low);
        Assert.True(High >= Pressure.FromBars(6));
        Assert.False(Low >= High);
    }

    [Fact]
    public void Equality_holds_across_the_unit_a_value_was_made_in()
    {
        var inMegapascals = Pressure.FromMegapascals(0.5);
        var inBars = Pressure.FromBars(5.0);

        Assert.True(inMegapascals == inBars);
        Assert.False(inMegapascals != inBars);
        Assert.True(inMegapascals.Equals(inBars));
        Assert.True(inMegapascals.Equals((object)inBars));
        Assert.Equal(inMegapascals.GetHashCode(), inBars.GetHashCode());
        Assert.True(Low != High);
        Assert.False(Low.Equals("0.3 MPa"));
    }

    [Fact]
    public void CompareTo_sorts_a_list_of_pressures()
    {
        List<Pressure> list = [High, Pressure.Zero, Low, Pressure.FromKilopascals(-10)];

        list.Sort();

        Assert.Equal([Pressure.FromKilopascals(-10), Pressure.Zero, Low, High], list);
        Assert.True(Low.CompareTo(High) < 0);
        Assert.True(High.CompareTo(Low) > 0);
        Assert.Equal(0, Low.CompareTo(Pressure.FromKilopascals(300)));
    }

    [Fact]
    public void Sum_difference_and_negation_work_in_pascals()
    {
        Assert.Equal(0.90, (Low + High).Megapascals, 12);
        Assert.Equal(0.30, (High - Low).Megapascals, 12);
        Assert.Equal(-0.30, (-Low).Megapascals, 12);
        Assert.Equal(0.30, (-Low).Abs().Megapascals, 12);
    }

    [Fact]
    public void Scaling_by_a_number_works_on_either_side()
    {
        Assert.Equal(0.45, (Low * 1.5).Megapascals, 12);
        Assert.Equal(0.45, (1.5 * Low).Megapascals, 12);
    }

    [Fact]
    public void Ratio_of_two_pressures_is_a_plain_number()
    {
        Assert.Equal(2.0, High / Low, 12);
    }

    [Fact]
    public void Scaling_by_NaN_or_infinity_throws_instead_of_making_an_invalid_pressure()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Low * double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => double.PositiveInfinity * Low);
    }

    [Fact]
    public void Min_and_Max_pick_the_lower_and_the_higher()
    {
        Assert.Equal(Low, Pressure.Min(Low, High));
        Assert.Equal(Low, Pressure.Min(High, Low));
        Assert.Equal(High, Pressure.Max(Low, High));
        Assert.Equal(High, Pressure.Max(High, Low));
    }
}
