using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Benchmarks.Tests;

public class ValveEventBoundTests
{
    [Fact]
    public void TheHandFactorIsTheLeastLargestErrorOfAShutInletOnAFirstOrderLag()
    {
        // Independently of the closed form: a draw Q = 1 stops at t = 0; the inlet's flow, equal to it
        // until the shut at −x·τ, then decays on τ = 1. Integrate the manifold (C = 1) and take the
        // largest |error| for each x; the least over x is the factor, at x = the lags.
        var (lags, factor) = ValveEventBound.Hand();
        var (bestX, best) = (double.NaN, double.PositiveInfinity);
        for (var x = 0.0; x <= 1.6; x += 0.002)
        {
            var worst = LargestError(x);
            if (worst < best)
            {
                (bestX, best) = (x, worst);
            }
        }

        Assert.Equal(best, factor, 3);
        Assert.Equal(bestX, lags, 2);
        Assert.InRange(factor, 0.23, 0.235);
    }

    [Fact]
    public void InletTrendExtrapolatesTheFittedLineToTheSweepsStart()
    {
        // Ours' inlet falling 0.001 a tick from 0.20, with ±0.01 noise in a +−−+ pattern, which no line
        // fitted over whole periods of it sees (the last value alone, or the mean, would).
        var trace = new RegulationTrace();
        for (var k = 0; k < 100; k++)
        {
            trace.Time.Add(k * 0.002);
            trace.Outputs.Add(new ControlOutputs { InletOpening = 0.20 - (0.001 * k) + (k % 4 is 0 or 3 ? 0.01 : -0.01) });
        }

        var (opening, slope) = ValveEventBound.InletTrend(trace, 50, 90);

        Assert.Equal(-0.001, slope, 9);
        Assert.Equal(0.20 - 0.090, opening, 9);
    }

    [Fact]
    public void EventsAreOtherValvesCommandsInsideTheStretchNotTheInletOrTheVent()
    {
        var trace = new RegulationTrace();
        for (var k = 0; k < 10; k++)
        {
            trace.Time.Add(k * 0.1);
            trace.Outputs.Add(new ControlOutputs
            {
                ChargeOpen = k is >= 2 and < 6,
                VentOpen = k == 4,
                InletOpening = k * 0.1,
                SprayOpen = k >= 8,
            });
        }

        var run = new ScenarioRun("synthetic", "default", PlantParameters.Default, 1, trace, []);
        var events = ValveEventBound.Within(run, 0.25, 0.75);

        var only = Assert.Single(events);
        Assert.Equal(("charge valve", false, 6), (only.Valve, only.Opens, only.Tick));
    }

    [Fact]
    public void AStepIsHeldOnlyWithinTheBandAndItsBoundIsTheLargerOfTheBandAndAnEventsLeast()
    {
        var charge = new ValveEventBound.Figures(
            new ValveEventBound.ValveEvent("charge valve", false, 10), 0.8, 0.0094, 0.0055, -0.012, 0.14, 0.0, 8.7, 0.0061,
            new ValveEventBound.VentPulse(0.0080, 0.02, 0.01, 8));
        var quiet = new StepHold(0.07, 0.3, 0.0094, 0.0094, 0.87, []);
        var withEvent = quiet with { Events = [charge] };
        var held = quiet with { OursJudgedMpa = 0.005 };

        Assert.Equal(0.0055, charge.LeastMpa);
        Assert.Equal(0.0055, withEvent.AllowedMpa);
        Assert.Equal(HeldBand.BandMpa, quiet.AllowedMpa);
        Assert.False(withEvent.Met);
        Assert.True(held.Met);
    }

    private static double LargestError(double x)
    {
        const double dt = 1e-4;
        var (flow, pressure, worst) = (1.0, 0.0, 0.0);
        for (var t = -x - 1e-12; t < 8.0; t += dt)
        {
            var draw = t < 0 ? 1.0 : 0.0;
            flow -= flow * dt;
            pressure += (flow - draw) * dt;
            worst = Math.Max(worst, Math.Abs(pressure));
        }

        return worst;
    }
}
