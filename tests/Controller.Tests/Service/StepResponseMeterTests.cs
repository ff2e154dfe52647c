using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>The steady-state figure of a step, on the plant's true pressure and on a sensor's readings.</summary>
public sealed class StepResponseMeterTests
{
    [Fact]
    public void On_noisy_readings_the_steady_state_error_is_the_mean_offset_not_the_largest_sample()
    {
        // Held 1 kPa above the target, read with ±4 kPa of alternating noise.
        StepResponse Measure(bool measured)
        {
            var meter = new StepResponseMeter(0.0, 0.30, 0.45, band: 0.01, window: 1.0, measured);
            for (var i = 0; i <= 500; i++)
            {
                var noise = i % 2 == 0 ? 0.004 : -0.004;
                meter.Add(i * 0.002, i < 50 ? 0.30 + (0.15 * i / 50.0) : 0.451 + noise);
            }

            return meter.Result();
        }

        Assert.Equal(0.001, Measure(measured: true).SteadyStateErrorMpa, 4);
        Assert.Equal(0.005, Measure(measured: false).SteadyStateErrorMpa, 4);
    }
}
