using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>
/// The compressor's "is it raising the pressure?" check, judged on the tank pressure read through
/// the air source valve.
/// </summary>
public class CompressorControlTests
{
    private const double Tick = 0.002;
    private static readonly SupplySettings Supply = ControllerSettings.Default.Supply;

    [Fact]
    public void A_healthy_compressor_selected_while_the_line_still_empties_into_its_tank_is_not_called_dead()
    {
        // The line falls from the cylinder's 0.75 MPa to the empty tank's 0.02 in 40 ms, then the
        // compressor raises the tank at 0.08 MPa/s: 0.24 MPa in the first 3 s, far above the minimum
        // rise, but below the 0.65 MPa at which the compressor was switched on during the fall.
        Assert.Equal(-1.0, FirstFault(t => t < 0.04 ? 0.75 - (t / 0.04 * 0.73) : 0.02 + (0.08 * (t - 0.04)), seconds: 8.0));
    }

    [Fact]
    public void A_compressor_that_does_not_raise_the_pressure_is_faulty_after_the_start_check()
    {
        Assert.Equal(Supply.CompressorStartCheckS, FirstFault(_ => 0.30, seconds: 8.0), 2);
    }

    [Fact]
    public void A_dead_compressor_behind_a_slowly_leaking_tank_is_faulty_too()
    {
        Assert.Equal(Supply.CompressorStartCheckS, FirstFault(t => 0.30 - (0.005 * t), seconds: 8.0), 2);
    }

    /// <returns>The time of the first fault, or −1.</returns>
    private static double FirstFault(Func<double, double> tankMpa, double seconds)
    {
        var compressor = new CompressorControl();
        for (var i = 0; i * Tick <= seconds; i++)
        {
            var t = i * Tick;
            if (compressor.Update(tankMpa(t), t, heavyDraw: false, Supply))
            {
                return t;
            }
        }

        return -1.0;
    }
}
