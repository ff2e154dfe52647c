using HydroOxygen.Hal.RaspberryPi;

namespace HydroOxygen.Hal.Tests;

/// <summary>The transducer supply is judged once, at configuration validation, by its key.</summary>
public class RaspberryPiOptionsTransducerTests
{
    [Theory]
    [InlineData(4.5)]
    [InlineData(5.0)]
    [InlineData(5.28)] // above this the old absolute 4.75 V short threshold fell inside the band
    [InlineData(5.5)]
    public void Every_supply_the_options_accept_makes_a_valid_transducer_spec(double supply)
    {
        var options = new RaspberryPiOptions { TransducerSupplyVolts = supply };

        Assert.Empty(options.Problems(RaspberryPiOptions.Section));
        Assert.Empty(options.Transducer.Problems(TransducerSpec.Section));
        Assert.Equal(supply, options.Transducer.SupplyVolts);
    }

    [Theory]
    [InlineData(4.49)]
    [InlineData(5.51)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void A_supply_outside_the_rail_is_refused_naming_the_key(double supply)
    {
        var errors = new RaspberryPiOptions { TransducerSupplyVolts = supply }.Problems(RaspberryPiOptions.Section);

        var error = Assert.Single(errors).ToString();
        Assert.StartsWith("Device:RaspberryPi:TransducerSupplyVolts:", error, StringComparison.Ordinal);
        Assert.Contains("4.5–5.5", error, StringComparison.Ordinal);
    }
}
