using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests.Fakes;

/// <summary>A PWM channel that records duty cycles and enforces the 0–1 contract like real hardware drivers.</summary>
internal sealed class FakePwm : IPwmOutput
{
    public double FrequencyHz => 1000.0;

    public double DutyCycle { get; private set; }

    public int Writes { get; private set; }

    public void SetDutyCycle(double dutyCycle)
    {
        if (!(dutyCycle is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(dutyCycle), dutyCycle, "Duty cycle must be within 0–1.");
        }

        DutyCycle = dutyCycle;
        Writes++;
    }
}
