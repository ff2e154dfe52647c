using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

public class PressureTests
{
    [Fact]
    public void Converts_between_units()
    {
        var p = Pressure.FromMegapascals(0.45);
        Assert.Equal(450.0, p.Kilopascals, 9);
        Assert.Equal(4.5, p.Bars, 9);
        Assert.Equal(65.2671, p.Psi, 3);
    }
}
