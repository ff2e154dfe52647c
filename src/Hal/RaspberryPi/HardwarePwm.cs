using System.Device.Pwm;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>A hardware PWM channel (the inlet valve's drive), started at 0 % duty.</summary>
public sealed class HardwarePwm : IPwmOutput, IDisposable
{
    private readonly PwmChannel _channel;

    /// <param name="channel">An opened channel; this object owns and disposes it.</param>
    public HardwarePwm(PwmChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _channel.DutyCycle = 0.0;
        _channel.Start();
    }

    public double FrequencyHz => _channel.Frequency;

    public double DutyCycle => _channel.DutyCycle;

    public void SetDutyCycle(double dutyCycle)
    {
        if (!(dutyCycle is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(dutyCycle), dutyCycle, "Duty cycle must be within 0–1.");
        }

        _channel.DutyCycle = dutyCycle;
    }

    public void Dispose()
    {
        try
        {
            _channel.DutyCycle = 0.0;
            _channel.Stop();
        }
        finally
        {
            _channel.Dispose();
        }
    }
}
