using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>
/// The mass balance behind NozzleBlocked: gas that leaves the manifold and the joined bottle is
/// outflow even when the inlet is shut (a healthy nozzle emptying them after the setpoint was
/// lowered), and gas the inlet lets in only to fill the bottle is not (a clogged nozzle).
/// </summary>
public class NozzleFlowObserverTests
{
    private const double Tick = 0.002;
    private const double Manifold = 10.0;
    private const double Bottle = 75.0;

    [Fact]
    public void At_steady_pressures_the_outflow_is_what_the_inlet_lets_in()
    {
        Assert.Equal(12.0, Run(inletLpm: 12.0, manifoldRate: 0.0, bottleRate: 0.0, bottleJoined: true), 3);
    }

    [Fact]
    public void A_shut_inlet_with_the_manifold_and_the_joined_bottle_falling_is_gas_leaving()
    {
        // 10 L/min per MPa/s × 0.2 MPa/s out of the manifold, 75 × 0.1 out of the bottle.
        Assert.Equal(9.5, Run(inletLpm: 0.0, manifoldRate: -0.2, bottleRate: -0.1, bottleJoined: true), 2);
    }

    [Fact]
    public void A_bottle_behind_a_shut_charge_valve_gives_the_manifold_nothing()
    {
        // Its pressure falls as liquid leaves it, but no gas from it reaches the nozzle's path.
        Assert.Equal(2.0, Run(inletLpm: 0.0, manifoldRate: -0.2, bottleRate: -0.1, bottleJoined: false), 2);
    }

    [Fact]
    public void Inflow_that_only_fills_the_bottle_leaves_nothing_for_a_clogged_nozzle()
    {
        Assert.Equal(0.0, Run(inletLpm: 7.5, manifoldRate: 0.0, bottleRate: 0.1, bottleJoined: true), 2);
    }

    private static double Run(double inletLpm, double manifoldRate, double bottleRate, bool bottleJoined)
    {
        var observer = new NozzleFlowObserver();
        var outflow = double.NaN;
        for (var i = 0; i < 500; i++)
        {
            var t = i * Tick;
            outflow = observer.Update(inletLpm, 0.45 + (manifoldRate * t), 0.45 + (bottleRate * t), bottleJoined, Manifold, Bottle, Tick);
        }

        Assert.Equal(outflow, observer.OutflowLpm);
        return outflow;
    }
}
