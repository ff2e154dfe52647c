using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>
/// A leak of conductance C bleeds an isolated chamber at the closed-form choked rate
/// d(ln p)/dt = −n·R·T·C·ρ0·√(T0/T) / V.
/// </summary>
public class LeakFaultTests(ITestOutputHelper output)
{
    private static double ClosedFormRate(PlantParameters parameters, double catalogueC, double volumeMl)
    {
        var t = parameters.GasTemperatureK;
        return parameters.PolytropicExponent * IsoFormula.R * t * IsoFormula.Si(catalogueC) * IsoFormula.Rho0 * Math.Sqrt(IsoFormula.T0 / t)
            / (volumeMl * 1e-6);
    }

    /// <summary>Measured −d(ln p_abs)/dt over a window.</summary>
    private static double DecayRate(SprayPlant plant, Func<SprayPlant, double> gaugeMpa, double window)
    {
        var p0 = plant.AbsolutePa(gaugeMpa(plant));
        plant.RunFor(window);
        return -Math.Log(plant.AbsolutePa(gaugeMpa(plant)) / p0) / window;
    }

    [Fact]
    public void Bottle_leak_bleeds_at_the_closed_form_rate_for_its_conductance()
    {
        var parameters = PlantTestExtensions.Quiet with { InitialBottleMpa = 0.5 };
        var plant = new SprayPlant(parameters);
        Assert.Equal(0.0, DecayRate(plant, p => p.PBottleMpa, 0.5), 1e-12);

        plant.Inject(new FaultSpec(FaultKind.Leak, FaultTarget.Bottle, 0.01));
        var measured = DecayRate(plant, p => p.PBottleMpa, 0.5);

        var expected = ClosedFormRate(parameters, 0.01, parameters.BottleMl - parameters.LiquidMl);
        output.WriteLine($"bottle leak: measured {measured:F5} /s, closed form {expected:F5} /s ({(measured / expected) - 1:P4})");
        Assert.Equal(expected, measured, expected * 2e-3);

        Assert.True(plant.Clear(FaultKind.Leak, FaultTarget.Bottle));
        Assert.Equal(0.0, DecayRate(plant, p => p.PBottleMpa, 0.5), 1e-12);
    }

    [Fact]
    public void Manifold_leak_bleeds_the_isolated_manifold_at_the_closed_form_rate()
    {
        var parameters = PlantTestExtensions.Quiet;
        var plant = new SprayPlant(parameters);
        plant.FeedManifoldFromOxygen();
        plant.RunFor(0.3);

        // Isolate: source closed, inlet shut (its lag gone after 20 τ); the vent coil stays energized.
        plant.SetCoil(PlantCoil.OxygenSourceValve, false);
        plant.SetInletDuty(0.0);
        plant.RunFor(0.6);
        var sealedRate = DecayRate(plant, p => p.POutMpa, 0.1);

        plant.Inject(new FaultSpec(FaultKind.Leak, FaultTarget.Manifold, 0.05));
        plant.RunFor(0.01);
        var measured = DecayRate(plant, p => p.POutMpa, 0.05);

        var expected = ClosedFormRate(parameters, 0.05, parameters.ManifoldMl);
        output.WriteLine($"manifold leak: measured {measured:F4} /s, closed form {expected:F4} /s ({(measured / expected) - 1:P4}); sealed {sealedRate:E2} /s");
        Assert.True(Math.Abs(sealedRate) < 1e-4, $"sealed manifold decays at {sealedRate} /s");
        Assert.Equal(expected, measured, expected * 2e-3);

        Assert.True(plant.Clear(FaultKind.Leak));
        var p = plant.POutMpa;
        plant.RunFor(0.1);
        Assert.Equal(p, plant.POutMpa, 1e-5);
    }
}
