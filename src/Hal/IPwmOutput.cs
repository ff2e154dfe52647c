namespace HydroOxygen.Hal;

/// <summary>A hardware PWM channel.</summary>
public interface IPwmOutput
{
    double FrequencyHz { get; }

    /// <summary>Sets the duty cycle, 0 (off) to 1 (always on).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duty cycle is outside 0–1 or not a number.</exception>
    void SetDutyCycle(double dutyCycle);

    double DutyCycle { get; }
}
