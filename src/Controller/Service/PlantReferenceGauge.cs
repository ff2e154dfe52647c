using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// The simulated engineer's reference gauge: the plant's true manifold pressure (a perfect gauge),
/// optionally rounded to the gauge's resolution.
/// </summary>
public sealed class PlantReferenceGauge(SprayPlant plant, double resolutionMpa = 0.0) : IReferenceGauge
{
    public Task<double> ReadAsync(double targetMpa, CancellationToken cancellation)
    {
        var reading = plant.POutMpa;
        if (resolutionMpa > 0)
        {
            reading = Math.Round(reading / resolutionMpa) * resolutionMpa;
        }

        return Task.FromResult(reading);
    }
}
