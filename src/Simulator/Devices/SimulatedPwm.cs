using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>The inlet valve's PWM channel wired into the plant.</summary>
internal sealed class SimulatedPwm(SprayPlant plant, double frequencyHz) : IPwmOutput
{
    public double FrequencyHz => frequencyHz;

    public double DutyCycle => plant.InletDuty;

    public void SetDutyCycle(double dutyCycle)
    {
        if (!(dutyCycle is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(dutyCycle), dutyCycle, "Duty cycle must be within 0–1.");
        }

        plant.SetInletDuty(dutyCycle);
    }
}
