using HydroOxygen.Controller.Simulation.Scenarios;

namespace HydroOxygen.Controller.Tests.Scenarios;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("250ms", 0.25)]
    [InlineData("30s", 30.0)]
    [InlineData("30.1s", 30.1)]
    [InlineData("1.5min", 90.0)]
    [InlineData("0s", 0.0)]
    [InlineData(".5s", 0.5)]
    [InlineData("2 s", 2.0)]
    [InlineData("90min", 5400.0)]
    public void Reads_a_number_with_a_unit(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var parsed, out var problem), problem);
        Assert.Equal(seconds, parsed);
    }

    [Fact]
    public void Decimal_seconds_are_the_same_double_as_the_literal()
    {
        // Sample times are compared with window edges; 30.1s must not become 30.099999….
        Assert.True(DurationText.TryParse("30.1s", out var seconds, out _));
        Assert.Equal(30.1, seconds);
        Assert.True(DurationText.TryParse("1.1min", out var minutes, out _));
        Assert.Equal(66.0, minutes);
    }

    [Theory]
    [InlineData("30", "has no unit; write 30s, 30ms or 30min")]
    [InlineData("0.45", "has no unit")]
    [InlineData("2h", "unknown unit 'h'")]
    [InlineData("-1s", "negative")]
    [InlineData("soon", "is not a duration")]
    [InlineData("", "is not a duration")]
    [InlineData("1.2.3s", "is not a duration")]
    public void Refuses_what_is_not_a_duration_and_says_why(string text, string reason)
    {
        Assert.False(DurationText.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.25, "250ms")]
    [InlineData(30.1, "30.1s")]
    [InlineData(90.0, "90s")]
    [InlineData(0.0, "0s")]
    public void Writes_seconds_back_readably(double seconds, string text) => Assert.Equal(text, DurationText.Format(seconds));
}
