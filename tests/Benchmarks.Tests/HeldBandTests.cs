namespace HydroOxygen.Benchmarks.Tests;

public class HeldBandTests
{
    private const double Tick = 0.002;

    [Fact]
    public void ArrivalInterpolatesWhereARiseJumpsTheWholeBandBetweenTwoTicks()
    {
        // 0 → 0.45 MPa from t = 1 s: 0.40 at 10 ms, 0.46 at 12 ms; no tick lands inside 0.445..0.455.
        var window = new RegulationWindow("up", 1.0, 0.5, 0.0, 0.45, IsStep: true);
        var (time, pressure) = Trace(1.5, t => t <= 1.010 + 1e-9 ? 0.40 * (t - 1.0) / 0.010 : 0.46);

        var arrival = HeldBand.Arrival(window, time, pressure);

        // The near edge 0.445 is crossed 3/4 of the way from 0.40 to 0.46: 10 + 1.5 ms.
        Assert.Equal(0.0115, arrival, 6);
    }

    [Fact]
    public void ArrivalGoingDownIsTheUpperEdgeAndIgnoresTicksBeforeTheStep()
    {
        // Before the step the pressure sits at 0.30 (inside the band of the step's target); it must not count.
        var window = new RegulationWindow("down", 1.0, 0.5, 0.60, 0.30, IsStep: true);
        var (time, pressure) = Trace(1.5, t => t < 0.9 ? 0.30 : t < 1.0 ? 0.60 : Math.Max(0.30, 0.60 - (2.0 * (t - 1.0))));

        var arrival = HeldBand.Arrival(window, time, pressure);

        // 0.60 − 2 MPa/s · t reaches 0.305 at 147.5 ms.
        Assert.Equal(0.1475, arrival, 4);
    }

    [Fact]
    public void ArrivalIsNaNWhenThePressureNeverGetsThere()
    {
        var window = new RegulationWindow("up", 0.0, 0.5, 0.0, 0.45, IsStep: true);
        var (time, pressure) = Trace(0.5, _ => 0.44);

        Assert.True(double.IsNaN(HeldBand.Arrival(window, time, pressure)));
    }

    [Fact]
    public void HeldFromIsTheTickAfterTheLastOneOutsideTheBand()
    {
        // On target, but 9 kPa below from 0.80 to 0.85 s after the step (a charge end's dip).
        var window = new RegulationWindow("up", 1.0, 2.0, 0.30, 0.60, IsStep: true);
        var (time, pressure) = Trace(3.0, t => t < 1.0 ? 0.30 : t is >= 1.80 and < 1.85 ? 0.591 : 0.601);

        Assert.Equal(0.85, HeldBand.HeldFrom(window, time, pressure), 6);
        Assert.Equal(0.009, HeldBand.MaxErrorFrom(window, time, pressure, 0.3), 9);
        Assert.Equal(0.001, HeldBand.MaxErrorFrom(window, time, pressure, 0.86), 9);
    }

    [Fact]
    public void HeldFromIsNaNWhenTheLastTickIsOutsideAndZeroWhenNoneIs()
    {
        var window = new RegulationWindow("hold", 0.0, 1.0, 0.45, 0.45, IsStep: false);
        var (time, inside) = Trace(1.0, _ => 0.452);
        var (_, drifting) = Trace(1.0, t => 0.45 + (0.01 * t));

        Assert.Equal(0.0, HeldBand.HeldFrom(window, time, inside));
        Assert.True(double.IsNaN(HeldBand.HeldFrom(window, time, drifting)));
    }

    [Fact]
    public void MaxErrorFromLooksOnlyBetweenItsStartAndTheWindowsEnd()
    {
        // 50 kPa off before 300 ms and after the window's end, 2 kPa in between.
        var window = new RegulationWindow("up", 0.0, 1.0, 0.0, 0.45, IsStep: true);
        var (time, pressure) = Trace(2.0, t => t is < 0.3 or > 1.0 ? 0.40 : 0.448);

        Assert.Equal(0.002, HeldBand.MaxErrorFrom(window, time, pressure, 0.3), 9);
    }

    private static (List<double> Time, List<double> Pressure) Trace(double until, Func<double, double> pressure)
    {
        var (time, values) = (new List<double>(), new List<double>());
        for (var k = 0; k * Tick <= until + 1e-9; k++)
        {
            var t = Math.Round(k * Tick, 6);
            time.Add(t);
            values.Add(pressure(t));
        }

        return (time, values);
    }
}
